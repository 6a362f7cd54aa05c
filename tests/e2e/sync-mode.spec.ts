import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './support/fixtures';
import { callHost, signInOverHttp } from './support/host-process';
import { SignInPage } from './pages/sign-in-page';
import { DEMO_CITIZENS, DEMO_STAFF, DEMO_VIALS } from './pages/scanner';
import { startFederalSim, type FederalSim } from '../../src/federal-sim/server';

test.describe('sync state on the status bar', () => {
  test('goes offline with records waiting when the stand-in is switched off, and drains when it is back', async ({ station }) => {
    test.skip(!station.host, 'drives the Node host over HTTP');
    test.setTimeout(120_000);
    const host = station.host!;
    const dataDir = mkdtempSync(join(tmpdir(), 'dosedesk-e2e-federal-'));
    let federal: FederalSim | undefined;
    try {
      federal = await startFederalSim({ port: 0, dataDir });
      const boss = await signInOverHttp(host, DEMO_STAFF.supervisor);
      expect((await callHost(host, 'settings.update', { federalUrl: federal.url }, boss)).ok).toBe(true);

      const page = station.page;
      await new SignInPage(page).signIn(DEMO_STAFF.vaccinator);
      const mode = page.getByTestId('sync-mode');
      await expect(mode).toContainText('Online', { timeout: 30_000 });

      // The backend goes away; a dose recorded now waits in the outbox.
      federal.setFaults({ down: true });
      const nurse = await signInOverHttp(host, DEMO_STAFF.vaccinator);
      const lot = await callHost<{ lotId: string }>(host, 'vials.scan', { text: DEMO_VIALS.comirnaty }, nurse);
      if (!lot.ok) throw new Error(lot.error.code);
      const dose = await callHost(host, 'booking.administer', { ssin: DEMO_CITIZENS.celik.ssin, lotId: lot.result.lotId, vaccinator: { nihdi: DEMO_STAFF.vaccinator, name: 'Dr. An Peeters' } }, nurse);
      expect(dose.ok).toBe(true);
      await expect(mode).toContainText(/Offline since \d{2}:\d{2}/, { timeout: 60_000 });
      await expect(mode).toContainText(/ [1-9]\d* waiting/);

      // Back on: the station finds out by itself and drains, exactly once.
      federal.setFaults({ down: false });
      await expect(mode).toContainText('Online', { timeout: 60_000 });
      await expect(mode).toContainText(' 0 waiting', { timeout: 30_000 });
      expect(federal.stats().duplicates).toBe(0);
      expect(federal.stats().resources.Immunization).toBe(1);
    } finally {
      await federal?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
