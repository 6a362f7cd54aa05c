import { readFileSync } from 'node:fs';
import { test, expect } from './support/fixtures';
import { callHost, signInOverHttp } from './support/host-process';
import { SignInPage } from './pages/sign-in-page';
import { SupervisorPage } from './pages/supervisor-page';
import { DEMO_CITIZENS, DEMO_STAFF, DEMO_VIALS } from './pages/scanner';
import { VirtualPrinter } from '../../src/devices/virtual-printer';

test.describe('supervisor', () => {
  test('day plan, capacity, vials and standby, sync, printers and the end-of-day report', async ({ station }, testInfo) => {
    test.skip(!station.host, 'sets up the printer and a dose over HTTP');
    const { page, host } = { page: station.page, host: station.host! };
    const printer = await VirtualPrinter.start({ type: 'epson', columns: 48 });
    try {
      // A dose given at the vaccinator station, and the virtual card printer.
      const boss = await signInOverHttp(host, DEMO_STAFF.supervisor);
      expect((await callHost(host, 'settings.update', { printer: { uri: printer.uri, type: 'epson', width: '80', paper: 'receipt' } }, boss)).ok).toBe(true);
      const nurse = await signInOverHttp(host, DEMO_STAFF.vaccinator);
      const lot = await callHost<{ lotId: string }>(host, 'vials.scan', { text: DEMO_VIALS.comirnaty }, nurse);
      if (!lot.ok) throw new Error(lot.error.code);
      const vial = await callHost<{ id: string }>(host, 'vials.open', { lotId: lot.result.lotId, openedBy: 'Dr. An Peeters' }, nurse);
      if (!vial.ok) throw new Error(vial.error.code);
      const dose = await callHost(host, 'booking.administer', { ssin: DEMO_CITIZENS.celik.ssin, lotId: lot.result.lotId, vialId: vial.result.id, vaccinator: { nihdi: DEMO_STAFF.vaccinator, name: 'Dr. An Peeters' } }, nurse);
      expect(dose.ok).toBe(true);
      await printer.waitForSlips(1);

      await new SignInPage(page).signIn(DEMO_STAFF.supervisor);
      const sup = new SupervisorPage(page);
      await expect(page.getByTestId('nav-supervisor')).toHaveAttribute('aria-current', 'page');

      // Day plan: vials to prepare per product, the sessions, the open vial.
      await expect(sup.heading).toHaveText('Day plan');
      await expect(page.getByTestId('day-plan')).toContainText('1 given');
      await expect(page.getByTestId('day-plan').locator('table tbody tr').first()).toBeVisible();
      await expect(page.getByTestId('day-plan')).toContainText('lot DEMOCOM01 at station-1: 5 of 6 doses left');

      // Capacity per station.
      await sup.open('capacity');
      await expect(page.getByTestId('capacity').locator('thead')).toContainText('station-4');
      await expect(page.getByTestId('capacity').locator('tbody tr').first()).toContainText(/\d+ \/ \d+ \/ \d+/);

      // Vials and the standby list.
      await sup.open('vials');
      const panel = page.getByTestId('vials-standby');
      await panel.getByLabel('Name').fill('Lieve Standby');
      await panel.getByLabel('Phone').fill('0470 00 00 00');
      await panel.getByLabel('Comirnaty (Pfizer-BioNTech)').check();
      await panel.getByRole('button', { name: 'Add to the list' }).click();
      const entry = panel.locator('li').filter({ hasText: 'Lieve Standby' });
      await expect(entry).toContainText('waiting');
      await entry.getByRole('button', { name: 'Called' }).click();
      await expect(entry).toContainText('called');
      // Closing a vial with doses left asks for the reason first.
      const openVial = panel.locator('li').filter({ hasText: 'DEMOCOM01' });
      await openVial.getByRole('button', { name: 'Close vial', exact: true }).click();
      await openVial.getByRole('radio', { name: 'End of session' }).check();
      await openVial.getByRole('button', { name: 'Close and throw away 5 doses' }).click();
      await expect(panel.locator('li').filter({ hasText: 'DEMOCOM01' })).toHaveCount(0);

      // Sync: no federal address in the demo: records wait here, nothing to review.
      await sup.open('sync');
      await expect(page.getByTestId('sync-state')).toContainText('no federal address set');
      await expect(page.getByTestId('sync-waiting')).toContainText(/^\d+/);
      await expect(page.getByTestId('review-empty')).toBeVisible();
      await page.getByTestId('sync-now').click();
      await expect(page.getByTestId('sync-panel').getByRole('alert')).toContainText('No federal backend address is set');

      // Printers: a test card, and a reprint of the dose's card (a new job marked as a copy).
      await sup.open('printers');
      await expect(page.getByTestId('printer-info')).toContainText('Card printer ready');
      await page.getByTestId('test-page').click();
      await printer.waitForSlips(2);
      const cardJob = page.getByTestId('print-job').filter({ hasText: 'Ayşe Çelik' }).first();
      await cardJob.getByRole('button', { name: 'Reprint' }).click();
      const slips = await printer.waitForSlips(3);
      expect(slips.at(-1)!.lines.join('\n')).toMatch(/KOPIE|COPY|COPIE/);
      await expect(page.getByTestId('print-job').filter({ hasText: '(copy)' })).toHaveCount(1);

      // End-of-day report: on screen, then as CSV and PDF downloads.
      await sup.open('report');
      await expect(page.getByTestId('report-doses')).toContainText('Comirnaty (Pfizer-BioNTech), dose 1');
      await expect(page.getByTestId('report-doses').locator('tr').first()).toContainText('1');
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
      const csvText = readFileSync((await csv.path())!, 'utf8');
      expect(csv.suggestedFilename()).toMatch(/^dosedesk-station-1-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(csvText).toContain('Doses given;"Comirnaty (Pfizer-BioNTech), dose 1";1');
      expect(csvText).toContain('Given by Dr. An Peeters;1');
      await csv.saveAs(testInfo.outputPath('report.csv'));
      const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
      expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
      await pdf.saveAs(testInfo.outputPath('report.pdf'));
    } finally {
      await printer.close();
    }
  });
});
