import { test, expect } from './support/fixtures';
import { StationShell } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { LockScreen } from './pages/lock-screen';
import { VaccinatorPage } from './pages/vaccinator-page';
import { DEMO_CITIZENS, DEMO_STAFF } from './pages/scanner';

test.describe('staff sign-in, roles, lock and switch', () => {
  test('signs in by keyboard or by touch, says why a PIN is refused, and limits screens to the role', async ({ station }) => {
    const page = station.page;
    const signIn = new SignInPage(page);
    await expect(signIn.heading).toHaveText('Sign in to start');
    await expect(page.getByTestId('signin-station')).toContainText('Vaccinator');
    await signIn.signIn(DEMO_STAFF.checkin, '9999');
    await expect(signIn.error).toContainText('not recognised');

    await signIn.signInByTouch('checkin');
    await signIn.expectSignedIn('Sam Janssens');
    await expect(page.getByTestId('nav-checkin')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('nav-vaccinator')).toHaveCount(0);
    await expect(page.getByTestId('nav-supervisor')).toHaveCount(0);
    await expect(new StationShell(page).role).toContainText('Sam Janssens');

    // The tab's session travels with every call (X-DoseDesk-Session): the back end knows who asks and refuses by role.
    const answers = await page.evaluate(async () => {
      const token = sessionStorage.getItem('dosedesk.token')!;
      const session = sessionStorage.getItem('dosedesk.session')!;
      const call = async (method: string, args: unknown, withSession: boolean) =>
        (await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...(withSession ? { 'X-DoseDesk-Session': session } : {}) },
          body: JSON.stringify(args),
        }).then((r) => r.json())) as { ok: boolean; error?: { code: string } };
      return {
        report: await call('reports.endOfDay', { format: 'json' }, true),
        lookup: await call('checkin.lookup', { ssin: '85073000457' }, true),
        anonymous: await call('checkin.lookup', { ssin: '85073000457' }, false),
      };
    });
    expect(answers.report).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
    expect(answers.lookup).toMatchObject({ ok: true });
    expect(answers.anonymous).toMatchObject({ ok: false, error: { code: 'staff.required' } });
  });

  test('locks itself after inactivity and hides the person; the PIN brings the work back; a switch clears it', async ({ station }) => {
    const page = station.page;
    await page.clock.install();
    const shell = new StationShell(page);
    const vaccinator = new VaccinatorPage(page);
    await new SignInPage(page).signIn(DEMO_STAFF.vaccinator);
    await expect(shell.staffName).toHaveText('Dr. An Peeters');
    await vaccinator.scan(DEMO_CITIZENS.mullerWeiss.ssin);
    await expect(vaccinator.personName).toHaveText(DEMO_CITIZENS.mullerWeiss.name);

    // Two minutes without a touch or a key (the station's policy): the lock screen covers everything.
    await page.clock.fastForward('02:05');
    const lock = new LockScreen(page);
    await expect(lock.root).toBeVisible();
    await expect(lock.root).toContainText('Dr. An Peeters is signed in');
    await expect(vaccinator.personName).toBeHidden();
    await expect(page.getByRole('heading', { name: DEMO_CITIZENS.mullerWeiss.name })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('locked.png') });

    await lock.unlock();
    await expect(vaccinator.personName).toHaveText(DEMO_CITIZENS.mullerWeiss.name);

    // Fast switch: someone else signs in over the lock screen; the previous person's work is gone.
    await shell.switchPerson();
    await lock.someoneElse(DEMO_STAFF.checkin);
    await expect(shell.staffName).toHaveText('Sam Janssens');
    await expect(page.getByTestId('person-card')).toHaveCount(0);

    await shell.lock();
    await lock.signOut();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to start');
  });
});
