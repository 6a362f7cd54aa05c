import { test, expect } from './support/fixtures';
import { checkScreen } from './support/screen-checks';
import { StationShell } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { CheckinPage } from './pages/checkin-page';
import { VaccinatorPage } from './pages/vaccinator-page';
import { SupervisorPage, type Section } from './pages/supervisor-page';
import { DEMO_CITIZENS, DEMO_STAFF, DEMO_VIALS } from './pages/scanner';

/** Accessibility (axe), layout at 1280x800 and target sizes of every main screen, with screenshots. */
test.describe('main screens: accessible, no overflow at 1280x800, big targets', () => {
  test('sign-in, check-in, vaccinator steps and the lock screen', async ({ station }, testInfo) => {
    test.setTimeout(90_000);
    const page = station.page;
    const shell = new StationShell(page);
    await expect(page.getByTestId('demo-guide')).toBeVisible();
    await checkScreen(page, testInfo, 'sign-in-en');
    await shell.chooseLanguage('Deutsch');
    await checkScreen(page, testInfo, 'sign-in-de');
    await shell.chooseLanguage('English');

    await new SignInPage(page).signIn(DEMO_STAFF.vaccinator);
    const booth = new VaccinatorPage(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccination');
    await checkScreen(page, testInfo, 'vaccinator-idle');
    await booth.scan(DEMO_CITIZENS.oBriain.ssin);
    // The screening step's own checks are in screening.spec.ts.
    await booth.screening.clean();
    await expect(booth.vialStep).toBeVisible();
    await checkScreen(page, testInfo, 'vaccinator-vial');
    await booth.scan(DEMO_VIALS.comirnaty);
    await expect(booth.confirmStep).toBeVisible();
    await checkScreen(page, testInfo, 'vaccinator-confirm');
    await page.keyboard.press('Enter');
    await expect(booth.nextDose).toBeVisible();
    await expect(booth.cardWaits).toBeVisible();
    await checkScreen(page, testInfo, 'vaccinator-card-waits');
    await booth.agree();
    await expect(booth.cardPreview).toBeVisible();
    await shell.chooseLanguage('Français');
    await checkScreen(page, testInfo, 'vaccinator-done-fr');
    await page.getByTestId('change-appointment').click();
    await page.getByTestId('find-slots').click();
    await expect(page.getByTestId('slot-choice').first()).toBeVisible();
    await checkScreen(page, testInfo, 'vaccinator-change-fr');
    await shell.chooseLanguage('English');

    await shell.open('checkin');
    const desk = new CheckinPage(page);
    await checkScreen(page, testInfo, 'checkin-idle');
    await desk.scan(DEMO_CITIZENS.oBriain.ssin);
    await expect(desk.personCard).toContainText('dose 2 of 2');
    await expect(desk.warnings).toBeVisible();
    await checkScreen(page, testInfo, 'checkin-person-warnings');

    await shell.lock();
    await checkScreen(page, testInfo, 'lock');
  });

  test('supervisor sections', async ({ station }, testInfo) => {
    const page = station.page;
    await new SignInPage(page).signIn(DEMO_STAFF.supervisor);
    const sup = new SupervisorPage(page);
    for (const section of ['day', 'calendar', 'capacity', 'imports', 'vaccines', 'rules', 'vials', 'sync', 'printers', 'messages', 'report', 'staff', 'settings'] as Section[]) {
      await sup.open(section);
      await expect(page.getByTestId(`section-${section}`)).toHaveAttribute('aria-current', 'page');
      await expect(sup.heading).not.toHaveText('');
      await page.waitForLoadState('networkidle');
      await checkScreen(page, testInfo, `supervisor-${section}`);
    }
  });
});
