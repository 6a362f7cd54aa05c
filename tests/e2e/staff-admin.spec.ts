import { test, expect } from './support/fixtures';
import { checkScreen } from './support/screen-checks';
import { callHost } from './support/host-process';
import { StationShell } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { LockScreen } from './pages/lock-screen';
import { SupervisorPage } from './pages/supervisor-page';
import { VaccinatorPage } from './pages/vaccinator-page';
import { ChangePinStep, StaffPage } from './pages/staff-page';
import { DEMO_CITIZENS, DEMO_STAFF } from './pages/scanner';

test.describe('the supervisor’s staff screen', () => {
  test('in French: adds a vaccinator (a bad NIHDI number refused), resets the PIN; the vaccinator signs in with the one-time PIN, chooses a new one, then works', async ({ station }, testInfo) => {
    const page = station.page;
    const shell = new StationShell(page);
    const signIn = new SignInPage(page);
    await shell.chooseLanguage('Français');
    await signIn.signIn(DEMO_STAFF.supervisor);
    await signIn.expectSignedIn('Marie Dubois');
    await new SupervisorPage(page).open('staff');
    const staff = new StaffPage(page);
    await expect(staff.panel.getByRole('heading', { level: 1 })).toHaveText('Personnel');
    await expect(staff.row('Dr. An Peeters')).toContainText('12345678901');

    const lea = { name: 'Léa Martin', roles: ['vaccinator'] as const, nihdi: '1-2345', pin: '480213' };
    await staff.add(lea);
    await expect(staff.addError).toHaveText('Un numéro INAMI compte 11 chiffres, p. ex. 1-23456-78-901.');
    await expect(staff.row(lea.name)).toHaveCount(0);
    await staff.add({ ...lea, nihdi: '1-98765-43-210' });
    await expect(staff.row(lea.name)).toContainText('19876543210');
    await expect(staff.row(lea.name)).toContainText('Vaccinateur');
    await checkScreen(page, testInfo, 'staff-fr');

    const oneTimePin = await staff.resetPin(lea.name);
    await expect(staff.row(lea.name)).toContainText('doit choisir un nouveau code PIN');
    await checkScreen(page, testInfo, 'staff-fr-reset');

    await shell.lock();
    await new LockScreen(page).signOut();
    // The first PIN no longer opens anything; the one-time PIN opens only the choice of a new one.
    await signIn.signIn('1-98765-43-210', lea.pin);
    await expect(signIn.error).toContainText('non reconnu');
    await signIn.signIn('1-98765-43-210', oneTimePin);
    const step = new ChangePinStep(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choisissez un nouveau code PIN');
    await expect(page.getByTestId('nav-vaccinator')).toHaveCount(0);
    await step.change(oneTimePin, '2580', '2581');
    await expect(step.error).toHaveText('Les deux nouveaux codes PIN diffèrent. Tapez deux fois le même code.');
    await step.change(oneTimePin, '5555');
    await expect(step.error).toContainText('trop facile à deviner');
    await checkScreen(page, testInfo, 'change-pin-fr');
    await step.change(oneTimePin, '703948');
    await signIn.expectSignedIn(lea.name);
    const vaccinator = new VaccinatorPage(page);
    await vaccinator.scan(DEMO_CITIZENS.mullerWeiss.ssin);
    await expect(vaccinator.personName).toHaveText(DEMO_CITIZENS.mullerWeiss.name);
  });
});

test.describe('the supervisor’s staff screen in Dutch', () => {
  test('changes roles and NIHDI number, disables and enables, unblocks, and shows the back end’s refusals in Dutch', async ({ station }, testInfo) => {
    const page = station.page;
    const shell = new StationShell(page);
    const signIn = new SignInPage(page);
    await shell.chooseLanguage('Nederlands');
    if (station.host) {
      // Five wrong PINs block the check-in agent's account: the screen lets the supervisor unblock it.
      for (let i = 0; i < 5; i++) await callHost(station.host, 'staff.signIn', { login: DEMO_STAFF.checkin, pin: '9999' });
    }
    await signIn.signIn(DEMO_STAFF.supervisor);
    await signIn.expectSignedIn('Marie Dubois');
    await new SupervisorPage(page).open('staff');
    const staff = new StaffPage(page);
    const sam = 'Sam Janssens';

    await staff.edit(sam, { roles: ['checkin', 'vaccinator'], nihdi: '' });
    await expect(staff.row(sam).getByRole('alert')).toHaveText('Een vaccinator heeft een RIZIV-nummer nodig (bv. 1-23456-78-901).');
    await staff.row(sam).locator('input[id$="-nihdi"]').fill('2-22222-33-444');
    await staff.row(sam).locator('input[id$="-nihdi"]').press('Enter');
    await expect(staff.row(sam)).toContainText('Onthaal, Vaccinator');
    await expect(staff.row(sam)).toContainText('22222233444');

    await staff.button(sam, 'Uitschakelen').click();
    await expect(staff.row(sam)).toContainText('Uitgeschakeld');
    await staff.button(sam, 'Inschakelen').click();
    await expect(staff.row(sam)).toContainText('Actief');

    if (station.host) {
      await expect(staff.row(sam)).toContainText('geblokkeerd tot');
      await staff.button(sam, 'Deblokkeren').click();
      await expect(staff.row(sam)).not.toContainText('geblokkeerd tot');
    }

    // The only supervisor cannot switch herself off, nor reset her own PIN here.
    await staff.button('Marie Dubois', 'Uitschakelen').click();
    await expect(page.getByTestId('staff-error')).toContainText('Dit is de laatste actieve supervisor');
    await staff.row('Marie Dubois').getByTestId('staff-reset-pin').click();
    await expect(page.getByTestId('staff-error')).toHaveText('U kunt uw eigen pincode niet opnieuw instellen: wijzig ze met uw huidige pincode.');
    await expect(staff.oneTimePin).toHaveCount(0);
    await checkScreen(page, testInfo, 'staff-nl');
  });
});
