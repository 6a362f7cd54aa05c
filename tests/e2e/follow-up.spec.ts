import { readFileSync } from 'node:fs';
import { test, expect } from './support/fixtures';
import { callHost, signInOverHttp, type HostProcess } from './support/host-process';
import { checkScreen } from './support/screen-checks';
import { StationShell } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { CheckinPage } from './pages/checkin-page';
import { FollowUpPage } from './pages/follow-up-page';
import { SupervisorPage } from './pages/supervisor-page';
import { DEMO_CITIZENS, DEMO_STAFF, DEMO_VIALS } from './pages/scanner';

/** Dose 1 given at the booth (over HTTP: this spec is about the desk); its dose 2 is booked three weeks later. */
async function giveDoseOne(host: HostProcess, ssin: string): Promise<{ id: string; localDate: string }> {
  const nurse = await signInOverHttp(host, DEMO_STAFF.vaccinator);
  const lot = await callHost<{ lotId: string }>(host, 'vials.scan', { text: DEMO_VIALS.comirnaty }, nurse);
  if (!lot.ok) throw new Error(lot.error.code);
  const dose = await callHost<{ next: { kind: string; appointment?: { id: string; localDate: string } } }>(host, 'booking.administer', { ssin, lotId: lot.result.lotId, print: false }, nurse);
  if (!dose.ok) throw new Error(dose.error.code);
  expect(dose.result.next.kind).toBe('booked');
  return dose.result.next.appointment!;
}

test.describe('the follow-up desk', () => {
  test('in Dutch: an appointment cancelled from the person card, then booked again from the desk by keyboard', async ({ station }, testInfo) => {
    test.skip(!station.host, 'gives the first dose over HTTP');
    const { page, host } = { page: station.page, host: station.host! };
    const citizen = DEMO_CITIZENS.peeters;
    await giveDoseOne(host, citizen.ssin);

    await new SignInPage(page).signIn(DEMO_STAFF.checkin);
    const shell = new StationShell(page);
    await shell.chooseLanguage('Nederlands');
    const desk = new CheckinPage(page);
    await expect(desk.heading).toHaveText('Onthaal');
    await desk.scan(citizen.ssin);
    await expect(desk.personName).toHaveText(citizen.name);
    await expect(page.getByTestId('person-appointment')).toBeVisible();

    // Cancel, with a reason, from the person card.
    await page.getByTestId('person-appointment-cancel').click();
    await expect(page.getByTestId('person-appointment-reason')).toBeFocused();
    // Typed at a person's pace: a burst as fast as a scanner's would be taken for a scan.
    await page.keyboard.type('Persoon belde af', { delay: 100 });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('person-appointment-done')).toContainText('Afspraak geannuleerd');
    await expect(page.getByTestId('person-appointment')).toHaveCount(0);

    // The desk lists the person with why, window, language and contact; book by keyboard.
    const followUp = new FollowUpPage(page);
    await followUp.open();
    await expect(followUp.heading).toHaveText('Opvolgingsbalie');
    const row = followUp.row(citizen.ssin);
    await expect(row).toContainText(citizen.name);
    await expect(row.getByTestId('followup-reason')).toHaveText('Afspraak geannuleerd');
    await expect(row).toContainText('Nederlands');
    await checkScreen(page, testInfo, 'follow-up-nl');
    await followUp.bookFirstPlaceByKeyboard(citizen.ssin);
    await expect(followUp.notice).toContainText(`${citizen.name} is geboekt`);
    await expect(followUp.empty).toHaveText('Niemand wacht op een volgende dosis.');
    await checkScreen(page, testInfo, 'follow-up-nl-booked');
  });

  test('in French: a no-show after the session ended, rebooked from the desk; the CSV report counts it, with ";"', async ({ station, openHost }, testInfo) => {
    test.skip(!station.host, 'opens the same station folder on dose-2 day (--clock)');
    const host = station.host!;
    const citizen = DEMO_CITIZENS.dubois;
    const appointment = await giveDoseOne(host, citizen.ssin);

    // Dose-2 day, after the morning session (09:00-12:30) ended: the person did not come.
    await station.page.close();
    await host.stop({ keepData: true });
    const later = await openHost({ dataDir: host.dataDir, clock: `${appointment.localDate}T13:15:00+02:00` });
    const page = later.page;
    await new SignInPage(page).signIn(DEMO_STAFF.supervisor);
    const shell = new StationShell(page);
    await shell.chooseLanguage('Français');

    const followUp = new FollowUpPage(page);
    await followUp.open();
    await expect(followUp.heading).toHaveText('Guichet de suivi');
    const row = followUp.row(citizen.ssin);
    await expect(row.getByTestId('followup-reason')).toHaveText('Pas venu(e)');
    await checkScreen(page, testInfo, 'follow-up-fr-noshow');
    await followUp.bookFirstPlaceByKeyboard(citizen.ssin);
    await expect(followUp.notice).toContainText(`${citizen.name} est réservé(e)`);
    await expect(followUp.empty).toBeVisible();

    // The day plan lists the missed appointment; the report counts it, and its CSV is Belgian.
    await page.getByTestId('nav-supervisor').click();
    const sup = new SupervisorPage(page);
    await expect(page.getByTestId('day-appointments').locator('[data-testid="day-appointment"][data-status="noshow"]')).toContainText(citizen.name);
    await checkScreen(page, testInfo, 'day-plan-fr');

    // The new appointment, moved from the day plan of its day with a reason.
    const deskSession = await signInOverHttp(later.host, DEMO_STAFF.checkin);
    const found = await callHost<{ appointment: { id: string; localDate: string; status: string } }>(later.host, 'checkin.scan', { text: citizen.ssin, source: 'typed' }, deskSession);
    if (!found.ok) throw new Error(found.error.code);
    expect(found.result.appointment.status).toBe('booked');
    await page.locator('#dayplan-date').fill(found.result.appointment.localDate);
    await page.locator('#dayplan-date').press('Enter');
    const booked = page.getByTestId('day-appointments').locator('[data-testid="day-appointment"][data-status="booked"]').filter({ hasText: citizen.name });
    await booked.getByRole('button', { name: /Modifier le rendez-vous/ }).click();
    await booked.getByRole('button', { name: 'Déplacer…' }).click();
    await expect(booked.getByRole('textbox')).toBeFocused();
    await page.keyboard.type('Demande de la personne', { delay: 100 });
    await expect(booked.getByRole('radio').first()).toBeChecked();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('day-appointments-notice')).toContainText('Déplacé au');
    await sup.open('report');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\ufeffSection;Élément;Valeur\r\n')).toBe(true);
    expect(text).toContain(';Marqués absents;1\r\n');
    await csv.saveAs(testInfo.outputPath('report-fr.csv'));
  });
});
