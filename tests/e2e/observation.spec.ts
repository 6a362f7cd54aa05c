import { test, expect } from './support/fixtures';
import { checkScreen } from './support/screen-checks';
import { StationShell } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { LockScreen } from './pages/lock-screen';
import { SupervisorPage } from './pages/supervisor-page';
import { VaccinatorPage } from './pages/vaccinator-page';
import { ObservationPage } from './pages/observation-page';
import { DEMO_CITIZENS, DEMO_STAFF, DEMO_VIALS } from './pages/scanner';

/** Observation and reactions (issue 16): the station's day is STATION_CLOCK, Wednesday 6 May 2026 at 09:30. */
test.describe('observation after the dose', () => {
  test('de: a dose given starts 15 minutes of observation; a mild reaction with its action is recorded, listed under observation and counted in the report', async ({ station }, testInfo) => {
    const page = station.page;
    const shell = new StationShell(page);
    await shell.chooseLanguage('Deutsch');
    await new SignInPage(page).signInByTouch('vaccinator');
    const booth = new VaccinatorPage(page);
    const watch = new ObservationPage(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Impfung');
    await expect(page.locator('.idle-hint')).toBeVisible();
    await booth.vaccinate(DEMO_CITIZENS.schroder.ssin, DEMO_VIALS.comirnaty);

    await expect(watch.panel.getByRole('heading')).toHaveText('Beobachtung');
    await expect(watch.time).toHaveText(`${DEMO_CITIZENS.schroder.name}: noch 15 Min. (bis 09:45)`);
    await expect(watch.panel.getByTestId('observation-allergy')).not.toBeChecked();
    await checkScreen(page, testInfo, 'observation-de');

    await watch.recordReaction({ manifestation: 'Nesselsucht (Urtikaria)', severity: 'Leicht', action: 'Medikament gegeben', note: 'Cetirizin 10 mg' });
    await expect(watch.reactions).toContainText('Nesselsucht (Urtikaria) (Leicht), Medikament gegeben');
    await checkScreen(page, testInfo, 'observation-reaction-de');

    await shell.switchPerson();
    await new LockScreen(page).someoneElse(DEMO_STAFF.supervisor);
    const supervisor = new SupervisorPage(page);
    await supervisor.open('observation');
    await expect(supervisor.heading).toHaveText('In Beobachtung');
    const row = watch.supervisorRow(DEMO_CITIZENS.schroder.name);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('09:45');
    await expect(row.getByTestId('under-observation-reactions')).toHaveText('Nesselsucht (Urtikaria) (Leicht)');
    await checkScreen(page, testInfo, 'under-observation-de');

    await supervisor.open('report');
    await expect(page.getByTestId('report-doses').getByRole('row', { name: /Reaktionen während der Beobachtung/ })).toContainText('1');
    await expect(page.getByTestId('report-doses').getByRole('row', { name: /Reaktionen: Leicht/ })).toContainText('1');
  });
});
