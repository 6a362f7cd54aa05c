import { test, expect } from './support/fixtures';
import { checkScreen } from './support/screen-checks';
import { StationShell } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { DEMO_CITIZENS, DEMO_PIN, DEMO_STAFF, DEMO_VIALS } from './pages/scanner';
import { KeyboardFirstPage } from './pages/keyboard-first';
import { SAFETY_CITIZENS } from './pages/visit-safety';
import { CheckinPage } from './pages/checkin-page';

/** Keyboard and scanner first (issue 16): the station's day is STATION_CLOCK, Wednesday 6 May 2026. */
test.describe('keyboard and scanner first', () => {
  test('nl: sign in by typing the number and the PIN with Tab and Enter only; the scan field has the focus after sign-in and after unlock', async ({ station }, testInfo) => {
    const page = station.page;
    const shell = new StationShell(page);
    await shell.chooseLanguage('Nederlands');
    const desk = new KeyboardFirstPage(page);
    // The language button had the focus: what is typed next still lands in the number field.
    await page.keyboard.type(DEMO_STAFF.vaccinator, { delay: 30 });
    await expect(desk.loginField).toHaveValue(DEMO_STAFF.vaccinator);
    await page.keyboard.press('Tab');
    await expect(desk.pinField).toBeFocused();
    await page.keyboard.type(DEMO_PIN);
    await page.keyboard.press('Enter');
    await new SignInPage(page).expectSignedIn(/./);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccinatie');
    await expect(desk.personField).toBeFocused();
    await checkScreen(page, testInfo, 'keyboard-first-signed-in-nl');

    // Locked and unlocked by keyboard: the scan field has the focus again.
    await shell.lock();
    await expect(page.locator('#unlock-pin')).toBeFocused();
    await page.keyboard.type(DEMO_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('lock-screen')).toHaveCount(0);
    await expect(desk.personField).toBeFocused();
  });

  test('fr: a national number typed at human speed without a click finds the person; after the dose and after "next person" typing goes on', async ({ station }, testInfo) => {
    const page = station.page;
    await new StationShell(page).chooseLanguage('Français');
    await new SignInPage(page).signInByTouch('vaccinator');
    const desk = new KeyboardFirstPage(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccination');
    await expect(desk.personField).toBeFocused();

    await desk.typeAndEnter(DEMO_CITIZENS.peeters.ssin);
    await expect(desk.personName).toHaveText(DEMO_CITIZENS.peeters.name);
    await desk.screening.clean();
    await expect(desk.vialStep).toBeVisible();
    // A person found and screened: the vial field takes the focus.
    await expect(desk.vialField).toBeFocused();
    await checkScreen(page, testInfo, 'keyboard-first-person-found-fr');

    await desk.scan(DEMO_VIALS.comirnaty);
    await expect(desk.confirmButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(desk.recorded).toBeVisible();
    // The card waits for the person's agreement: Enter agrees and prints, then "next person" has the focus.
    await desk.agree();

    // "Personne suivante" by Enter, then the next number typed without a click.
    await page.keyboard.press('Enter');
    await expect(desk.doneStep).toHaveCount(0);
    await expect(desk.personField).toBeFocused();
    await desk.typeAndEnter(DEMO_CITIZENS.dubois.ssin);
    await expect(desk.personName).toHaveText(DEMO_CITIZENS.dubois.name);
    await desk.screening.clean();
    await desk.scan(DEMO_VIALS.comirnaty);
    // Enter confirms once the confirm step has the focus (pressed earlier it reaches no button).
    await expect(desk.confirmButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(desk.recorded).toBeVisible();

    // With the dose registered (the card waiting for agreement has the focus), a typed number still lands in the scan field.
    await desk.typeAndEnter(DEMO_CITIZENS.lukasiewicz.ssin);
    await expect(desk.recorded).toHaveCount(0);
    await expect(desk.personName).toHaveText(DEMO_CITIZENS.lukasiewicz.name);
    await checkScreen(page, testInfo, 'keyboard-first-next-fr');
  });

  test('de: warnings (too early, dose already today, wrong vial) focus "Neu beginnen", never the confirmation', async ({ station }, testInfo) => {
    const page = station.page;
    await new StationShell(page).chooseLanguage('Deutsch');
    await new SignInPage(page).signInByTouch('vaccinator');
    const desk = new KeyboardFirstPage(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Impfung');

    // Too early: the person's card says so, the safe button has the focus, Enter starts over.
    await desk.scan(SAFETY_CITIZENS.claes.ssin);
    await expect(desk.personName).toHaveText(SAFETY_CITIZENS.claes.name);
    await expect(desk.warnings).toBeVisible();
    await expect(desk.cancel).toBeFocused();
    await expect(desk.cancel).toHaveText('Neu beginnen');
    await checkScreen(page, testInfo, 'keyboard-first-warning-de');
    await page.keyboard.press('Enter');
    await expect(desk.personCard).toHaveCount(0);
    await expect(desk.personField).toBeFocused();

    // A dose given, then the same person again: "already a dose today" focuses the safe button.
    await desk.vaccinate(DEMO_CITIZENS.schroder.ssin, DEMO_VIALS.comirnaty);
    await desk.agree();
    await page.keyboard.press('Enter');
    await desk.scan(DEMO_CITIZENS.schroder.ssin);
    await expect(desk.warnings).toContainText('Diese Person hat heute bereits eine Dosis erhalten.');
    await expect(desk.cancel).toBeFocused();
    await expect(desk.confirmButton).toHaveCount(0);
    await desk.cancel.press('Enter');

    // A vial of another product than invited: refused, and Enter does not try again but starts over.
    await desk.personToVial(SAFETY_CITIZENS.janssens.ssin, SAFETY_CITIZENS.janssens.name);
    await desk.scan(DEMO_VIALS.comirnaty);
    await expect(desk.vialError).toBeVisible();
    await expect(desk.cancel).toBeFocused();
  });

  test('de: at check-in, "too early" focuses "Neu beginnen"; a person without a warning gets Confirm focused; typed numbers land in the scan field', async ({ station }, testInfo) => {
    const page = station.page;
    await new StationShell(page).chooseLanguage('Deutsch');
    await new SignInPage(page).signInByTouch('checkin');
    const desk = new CheckinPage(page);
    const cancel = page.getByTestId('checkin-cancel');
    const entry = page.locator('#checkin-entry');
    await expect(entry).toBeFocused();

    await page.keyboard.type(SAFETY_CITIZENS.claes.ssin, { delay: 120 });
    await page.keyboard.press('Enter');
    await expect(desk.personName).toHaveText(SAFETY_CITIZENS.claes.name);
    await expect(desk.warnings).toBeVisible();
    await expect(cancel).toBeFocused();
    await expect(cancel).toHaveText('Neu beginnen');
    await checkScreen(page, testInfo, 'keyboard-first-checkin-warning-de');
    await page.keyboard.press('Enter');
    await expect(desk.personCard).toHaveCount(0);
    await expect(entry).toBeFocused();

    await page.keyboard.type(DEMO_CITIZENS.schroder.ssin, { delay: 120 });
    await page.keyboard.press('Enter');
    await expect(desk.personName).toHaveText(DEMO_CITIZENS.schroder.name);
    await expect(desk.confirm).toBeFocused();
  });

  test('en: a key tapped on the PIN pad, then Enter, submits the PIN instead of pressing the key again; typed digits go on from the tap', async ({ station }, testInfo) => {
    const page = station.page;
    await new StationShell(page).chooseLanguage('English');
    const desk = new KeyboardFirstPage(page);
    await page.getByTestId('demo-staff-vaccinator').click();
    for (const digit of '123') await desk.tapPinKey(digit);
    await expect(desk.pinField).toBeFocused();
    await page.keyboard.press('Enter');
    // Refused as too short, not turned into 1233.
    await expect(desk.signInError).toHaveText('The PIN has 4 to 12 digits.');
    await expect(desk.pinField).toHaveValue('123');
    await checkScreen(page, testInfo, 'keyboard-first-pin-refused-en');

    await page.keyboard.type('4');
    await expect(desk.pinField).toHaveValue(DEMO_PIN);
    await page.keyboard.press('Enter');
    await new SignInPage(page).expectSignedIn(/./);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccination');
    await expect(desk.personField).toBeFocused();
  });
});
