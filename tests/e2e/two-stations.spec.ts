import { join } from 'node:path';
import { expect, openPage, test } from './support/fixtures';
import { callHost, signInOverHttp, startHostProcess } from './support/host-process';
import { SetupPage } from './pages/setup-page';
import { SupervisorPage } from './pages/supervisor-page';
import { ImportsPage } from './pages/imports-page';
import { SignInPage } from './pages/sign-in-page';
import { StationShell } from './pages/station-shell';
import { LockScreen } from './pages/lock-screen';
import { CheckinPage } from './pages/checkin-page';
import { VaccinatorPage } from './pages/vaccinator-page';
import { DEMO_VIALS, scan } from './pages/scanner';
import { VirtualPrinter } from '../../src/devices/virtual-printer';

/**
 * Issue 15, done when: two stations of one real centre, set up from the screens. Station A (in
 * German) creates the centre, its supervisor and imports the three spreadsheets of resources/demo,
 * then exports the centre file; station B (in English) joins from that file. At A an imported
 * invitation is checked in and vaccinated, dose 2 booked in the imported calendar; at B the card
 * A printed is scanned and verified. Both hosts run on one fixed clock: three weeks before the
 * first day of the demo calendar (4 January 2027).
 */
const CLOCK = '2026-12-14T09:30:00+01:00';
const DEMO = join(process.cwd(), 'resources', 'demo');
const PASSPHRASE = 'heysel hall five spring';
/** The first invitation of resources/demo/invitations.csv. */
const INVITED = { code: 'DEMOUUNBGPZ7G33FTWDRGSY3MFJC7AK5X', ssin: '85073000457', name: 'Zoë Françoise Müller-Weiß' };
/** Check-in and vaccination, added by the supervisor before the export: the staff travel in the centre file. */
const NURSE = { nihdi: '10000000001', pin: '583927', name: 'Dr. Jan Maes' };

test('two stations of one centre set up on screen: check-in, vaccination and dose 2 at A, its card verified at B', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const printer = await VirtualPrinter.start({ type: 'epson', columns: 48 });
  const first = await startHostProcess({ demo: false, clock: CLOCK });
  const second = await startHostProcess({ demo: false, clock: CLOCK, extraArgs: ['--station', 'desk-2'] });
  const opened: { close(): Promise<void> }[] = [];
  try {
    // Station A, in German: the centre, its first supervisor, the three files.
    const a = await openPage(browser, first);
    opened.push(a.context);
    await a.page.getByRole('button', { name: 'DE, Deutsch' }).click();
    const setup = new SetupPage(a.page);
    await setup.expectShown();
    await setup.createCentre({ name: 'Impfzentrum Heizel', id: 'bxl-heysel', address: ['Belgiëplein 1', '1020 Brüssel'] });
    await setup.createSupervisor({ name: 'Ann Peeters', code: 'SUP-1', pin: '482916' });
    await expect(a.page.getByTestId('staff-name')).toHaveText('Ann Peeters');
    const supervisorA = new SupervisorPage(a.page);
    await supervisorA.open('imports');
    const imports = new ImportsPage(a.page);
    for (const kind of ['products', 'calendar', 'invitations'] as const) {
      await imports.choose(kind, join(DEMO, `${kind}.csv`));
      await expect(await imports.run(kind, false)).toContainText('Importiert');
    }
    // The nurse and A's card printer (the virtual one), through the contract.
    const supervisor = await signInOverHttp(first, 'SUP-1', '482916');
    expect((await callHost(first, 'staff.create', { displayName: NURSE.name, nihdi: NURSE.nihdi, roles: ['checkin', 'vaccinator'], pin: NURSE.pin }, supervisor)).ok).toBe(true);
    expect((await callHost(first, 'settings.update', { printer: { uri: printer.uri, type: 'epson', width: '80', paper: 'receipt' } }, supervisor)).ok).toBe(true);
    await supervisorA.open('settings');
    const file = await SetupPage.exportCentreFile(a.page, PASSPHRASE, testInfo.outputPath('heysel.dosedesk-centre'));

    // Station B, in English, joins from the file.
    const b = await openPage(browser, second);
    opened.push(b.context);
    await b.page.getByRole('button', { name: 'EN, English' }).click();
    const setupB = new SetupPage(b.page);
    await setupB.expectShown();
    await setupB.join(file, PASSPHRASE);
    await expect(b.page.getByTestId('signin-station')).toContainText('Impfzentrum Heizel');

    // At A: the invitation checked in, vaccinated, dose 2 booked in the imported calendar.
    const shellA = new StationShell(a.page);
    await shellA.switchPerson();
    await new LockScreen(a.page).someoneElse(NURSE.nihdi, NURSE.pin);
    await shellA.open('checkin');
    const desk = new CheckinPage(a.page);
    await desk.type(INVITED.code);
    await expect(desk.personName).toHaveText(INVITED.name);
    await desk.confirmByKeyboard();
    await expect(desk.checkedIn).toContainText(INVITED.name);
    await shellA.open('vaccinator');
    const booth = new VaccinatorPage(a.page);
    await booth.vaccinate(INVITED.ssin, DEMO_VIALS.comirnaty);
    await expect(booth.recorded).toBeVisible();
    // The card prints once the person agrees to the proposed time.
    await booth.agree();
    await booth.expectCardPrinted();
    const slip = (await printer.waitForSlips(1)).at(-1)!;
    const token = slip.qr[0]!;
    expect(token).toMatch(/^DD2\./);
    const shortCode = (await booth.nextAppointment.textContent())!.match(/[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];
    expect(slip.lines.join('\n')).toContain(shortCode);
    // Dose 2 is in the imported calendar: its first day, 21 days on.
    const plan = await callHost<{ appointments?: unknown[] }>(first, 'booking.dayAppointments', { date: '2027-01-04' }, supervisor);
    expect(plan.ok, JSON.stringify(plan)).toBe(true);
    expect(JSON.stringify(plan.ok ? plan.result : null)).toContain(INVITED.ssin);
    await a.page.screenshot({ path: testInfo.outputPath('a-dose1.png') });

    // At B: the nurse (from the centre file) scans A's card: verified with the centre's key.
    await new SignInPage(b.page).signIn(NURSE.nihdi, NURSE.pin);
    const shellB = new StationShell(b.page);
    await shellB.open('vaccinator');
    await scan(b.page, token, 0);
    await expect(b.page.getByTestId('card-verified')).toContainText('Appointment card checked');
    await b.page.screenshot({ path: testInfo.outputPath('b-card-verified.png') });
  } finally {
    for (const c of opened) await c.close();
    await first.stop();
    await second.stop();
    await printer.close();
  }
});
