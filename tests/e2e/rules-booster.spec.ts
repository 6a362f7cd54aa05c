import { test, expect } from './support/fixtures';
import { checkScreen } from './support/screen-checks';
import { StationShell } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { LockScreen } from './pages/lock-screen';
import { SupervisorPage } from './pages/supervisor-page';
import { DEMO_STAFF, DEMO_VIALS } from './pages/scanner';
import { BOOSTER_CITIZENS, RulesPage } from './pages/rules-page';
import { VisitSafetyPage } from './pages/visit-safety';

/** Rules as dated data and boosters (issue 16): the station's day is STATION_CLOCK, Wednesday 6 May 2026. */
test.describe('vaccination rules and boosters', () => {
  test('de: the supervisor adds a rule version from tomorrow; a vaccinator gives a due booster; a booster too early shows the first allowed day', async ({ station }, testInfo) => {
    const page = station.page;
    const shell = new StationShell(page);
    await shell.chooseLanguage('Deutsch');
    await new SignInPage(page).signIn(DEMO_STAFF.supervisor);
    await new SupervisorPage(page).open('rules');
    const rules = new RulesPage(page);
    await expect(rules.panel.getByRole('heading', { level: 1 })).toHaveText('Impfregeln');
    // The demo's history: the version of 1 December 2021 is the one in force.
    await expect(rules.inForce('comirnaty')).toHaveAttribute('data-from', '2021-12-01');
    await expect(rules.inForce('comirnaty')).toContainText('heute gültig');
    await expect(rules.inForce('vaxzevria')).toContainText('Comirnaty (Pfizer-BioNTech), Spikevax (Moderna)');
    await checkScreen(page, testInfo, 'rules-de');

    // A day in the past is refused: what judged earlier doses stays as it was.
    await rules.addVersion({ product: 'Comirnaty (Pfizer-BioNTech)', from: '2026-05-05', minAge: '16', reason: 'neue Empfehlung' });
    await expect(rules.error).toContainText('kann nicht am 2026-05-05 beginnen');
    await rules.addVersion({ product: 'Comirnaty (Pfizer-BioNTech)', from: '2026-05-07', minAge: '16', reason: 'neue Empfehlung' });
    await expect(rules.saved).toContainText('Version von Comirnaty (Pfizer-BioNTech) gespeichert');
    await expect(rules.version('comirnaty', '2026-05-07')).toHaveAttribute('data-in-force', 'false');
    await expect(rules.version('comirnaty', '2026-05-07')).toContainText('16 bis');
    await expect(rules.inForce('comirnaty')).toHaveAttribute('data-from', '2021-12-01');
    await checkScreen(page, testInfo, 'rules-de-added');

    // The vaccinator over the lock screen.
    await shell.switchPerson();
    await new LockScreen(page).someoneElse(DEMO_STAFF.vaccinator);
    const booth = new VisitSafetyPage(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Impfung');

    await booth.personToVial(BOOSTER_CITIZENS.hoffmann.ssin, BOOSTER_CITIZENS.hoffmann.name);
    await expect(booth.warnings).toContainText('Heute darf eine Auffrischung verabreicht werden');
    await booth.scan(DEMO_VIALS.comirnaty);
    await expect(booth.confirmButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(booth.recorded).toContainText('Auffrischung erfasst (Dosis 3): Comirnaty (Pfizer-BioNTech)');
    await expect(booth.nextDose).toHaveAttribute('data-kind', 'none');
    await expect(page.getByTestId('next-dose-done')).toHaveText('Impfschema und Auffrischung vollständig: kein weiterer Termin.');
    await checkScreen(page, testInfo, 'booster-given-de');
    await booth.nextPerson.click();

    // Course complete 90 days ago: boosters from 180 days after the last dose.
    await booth.scan(BOOSTER_CITIZENS.becker.ssin);
    await expect(booth.personName).toHaveText(BOOSTER_CITIZENS.becker.name);
    await expect(booth.warnings).toContainText('Der erste erlaubte Tag ist der Dienstag, 4. August 2026');
    await expect(booth.vialStep).toHaveCount(0);
    await checkScreen(page, testInfo, 'booster-too-early-de');
  });
});
