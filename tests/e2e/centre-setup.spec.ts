import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openPage, test } from './support/fixtures';
import { startHostProcess } from './support/host-process';
import { checkScreen } from './support/screen-checks';
import { SetupPage } from './pages/setup-page';
import { SupervisorPage } from './pages/supervisor-page';
import { ImportsPage } from './pages/imports-page';
import { CalendarPage } from './pages/calendar-page';

/**
 * Issue 15: a real centre stands up from the screens alone. A host started WITHOUT --demo on an
 * empty folder opens on the set-up screen; in Dutch: the centre, its first supervisor, the three
 * spreadsheets of resources/demo, then a session added on the calendar and closed.
 */
const DEMO = join(process.cwd(), 'resources', 'demo');

test('a new centre in Dutch: set-up, first supervisor, three imports, a session added and closed', async ({ browser }, testInfo) => {
  const host = await startHostProcess({ demo: false });
  const { context, page } = await openPage(browser, host);
  try {
    await page.getByRole('button', { name: 'NL, Nederlands' }).click();
    const setup = new SetupPage(page);
    await setup.expectShown();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dit station inrichten');
    // Nothing personal before a supervisor exists: no sign-in screen, no demo guide.
    await expect(page.locator('.signin-aside')).toHaveCount(0);
    await checkScreen(page, testInfo, 'setup-create-nl');

    await setup.createCentre({ name: 'Vaccinatiecentrum Heizel', id: 'bxl-heysel', address: ['Belgiëplein 1', '1020 Brussel'] });
    await expect(page.getByTestId('first-supervisor')).toContainText('Vaccinatiecentrum Heizel');
    await checkScreen(page, testInfo, 'setup-supervisor-nl');
    await setup.createSupervisor({ name: 'Ann Peeters', code: 'SUP-1', pin: '482916' });
    await expect(page.getByTestId('staff-name')).toHaveText('Ann Peeters');

    const supervisor = new SupervisorPage(page);
    await supervisor.open('imports');
    const imports = new ImportsPage(page);
    await imports.choose('products', join(DEMO, 'products.csv'));
    await expect(await imports.run('products', true)).toContainText('Gecontroleerd, niets geschreven');
    await expect(await imports.run('products', false)).toContainText('Geïmporteerd');
    await imports.choose('calendar', join(DEMO, 'calendar.csv'));
    await expect(await imports.run('calendar', true)).toContainText(/Gecontroleerd, niets geschreven: \d+ nieuwe sessie\(s\), \d+ tijdsloten, \d+ plaatsen; 0 rij\(en\) bestonden al/);
    await expect(await imports.run('calendar', false)).toContainText(/Geïmporteerd: \d+ nieuwe sessie/);
    await imports.choose('invitations', join(DEMO, 'invitations.csv'));
    await expect(await imports.run('invitations', false)).toContainText(/Geïmporteerd: \d+ nieuwe uitnodiging/);
    // The same calendar again adds nothing; a bad row names its line and writes nothing.
    await imports.choose('calendar', join(DEMO, 'calendar.csv'));
    await expect(await imports.run('calendar', false)).toContainText('Geïmporteerd: 0 nieuwe sessie(s)');
    const bad = testInfo.outputPath('bad-calendar.csv');
    writeFileSync(bad, 'date;start;end;product;slot_minutes;capacity\n2026-05-07;09:00;12:00;comirnaty;15;4\n2026-05-08;13:00;12:00;comirnaty;15;4\n');
    await imports.choose('calendar', bad);
    await expect(await imports.run('calendar', false)).toContainText('Regel 3:');
    await checkScreen(page, testInfo, 'imports-nl');

    await supervisor.open('calendar');
    const calendar = new CalendarPage(page);
    await calendar.showFrom('07-05-2026');
    // The refused file wrote nothing: no session on 7 May yet.
    await expect(calendar.sessions).toHaveCount(0);
    await calendar.addSession({ date: '07-05-2026', start: '09:00', end: '11:00', slotMinutes: 15, booths: 2 });
    const row = calendar.session('09:00–11:00');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('8 × 2 (15 min)');
    await expect(row).toContainText('open');
    await checkScreen(page, testInfo, 'calendar-nl');
    await row.getByTestId('session-close').click();
    await expect(page.getByTestId('calendar-message')).toHaveText('De sessie is gesloten.');
    await expect(row).toContainText('gesloten');
    await expect(row.getByTestId('session-close')).toHaveCount(0);
  } finally {
    await context.close();
    await host.stop();
  }
});
