import { test, expect } from './support/fixtures';
import { checkScreen } from './support/screen-checks';
import { StationShell } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { SupervisorPage } from './pages/supervisor-page';
import { VaccinesPage } from './pages/vaccines-page';
import { DEMO_STAFF } from './pages/scanner';

test.describe('the supervisor’s vaccine catalogue', () => {
  test('in English: changes Spikevax’s minimum interval; max before min is refused with the catalogue message, a good value is saved and still shown after a reload', async ({ station }, testInfo) => {
    const page = station.page;
    const shell = new StationShell(page);
    const signIn = new SignInPage(page);
    await shell.chooseLanguage('English');
    await signIn.signIn(DEMO_STAFF.supervisor);
    await signIn.expectSignedIn('Marie Dubois');
    const supervisor = new SupervisorPage(page);
    await supervisor.open('vaccines');
    const vaccines = new VaccinesPage(page);
    await expect(vaccines.panel.getByRole('heading', { level: 1 })).toHaveText('Vaccines');
    await expect(vaccines.intervalNote).toContainText('applies to bookings made after the change');
    await expect(vaccines.row('spikevax')).toContainText('Spikevax');
    await expect(vaccines.row('spikevax')).toContainText('08714729812340');
    await expect(vaccines.days('spikevax')).toHaveText('24 / 28 / 42');
    await expect(vaccines.row('spikevax')).toContainText('Deltoid muscle (upper arm), left, intramuscular, 0.5 ml');
    await checkScreen(page, testInfo, 'vaccines-en');

    await vaccines.changeInterval('spikevax', { min: 30, target: 30, max: 20 }, 'typed the wrong way round');
    await expect(vaccines.editError('spikevax')).toContainText('The settings for spikevax are not valid');
    await expect(vaccines.editError('spikevax')).toContainText('Check the interval and vial figures.');
    await expect(vaccines.days('spikevax')).toHaveText('24 / 28 / 42');
    await checkScreen(page, testInfo, 'vaccines-en-refused');
    await vaccines.changeInterval('spikevax', { min: 30, target: 35, max: 42 }, 'new national guidance', { cnk: '12345' });
    await expect(vaccines.editError('spikevax')).toHaveText('The CNK "12345" is not valid: it has 7 digits.');
    await expect(vaccines.days('spikevax')).toHaveText('24 / 28 / 42');

    await vaccines.changeInterval('spikevax', { min: 30, target: 35, max: 42 }, 'new national guidance', { cnk: '4321098' });
    await expect(vaccines.saved).toHaveText('Spikevax (Moderna) saved.');
    await expect(vaccines.days('spikevax')).toHaveText('30 / 35 / 42');

    await page.reload();
    await signIn.expectSignedIn('Marie Dubois');
    await supervisor.open('vaccines');
    await expect(vaccines.days('spikevax')).toHaveText('30 / 35 / 42');
    await expect(vaccines.row('spikevax')).toContainText('CNK: 4321098');
  });
});
