import { test, expect } from './support/fixtures';
import { checkScreen } from './support/screen-checks';
import { StationShell } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { DEMO_CITIZENS, DEMO_STAFF, DEMO_VIALS } from './pages/scanner';
import { VisitResumePage } from './pages/visit-resume';
import { LockScreen } from './pages/lock-screen';
import { SupervisorPage } from './pages/supervisor-page';
import { StaffPage } from './pages/staff-page';

/** The visit is a back-end state (issue 16): the station's day is STATION_CLOCK, Wednesday 6 May 2026. */
test.describe('the visit comes back after a reload', () => {
  test('nl: a reload at every step resumes the same step in Dutch, with the same person and vial and the focus where work goes on', async ({ station }, testInfo) => {
    const page = station.page;
    await new StationShell(page).chooseLanguage('Nederlands');
    await new SignInPage(page).signInByTouch('vaccinator');
    const booth = new VisitResumePage(page);
    const wouters = DEMO_CITIZENS.wouters;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccinatie');

    // Person found, screening not yet recorded: back on the questions, the first one focused.
    await booth.scan(wouters.ssin);
    await expect(booth.personName).toHaveText(wouters.name);
    await expect(booth.screening.step).toBeVisible();
    await booth.reload();
    await expect(booth.personName).toHaveText(wouters.name);
    await expect(booth.screening.step).toBeVisible();
    await expect(booth.screening.questions.first().locator('input').first()).toBeFocused();

    // Screening recorded ("go on"): back on the vial step, not the questions again, the vial scan field focused.
    await booth.screening.clean();
    await expect(booth.vialStep).toBeVisible();
    await booth.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccinatie');
    await expect(booth.personName).toHaveText(wouters.name);
    await expect(booth.vialStep).toBeVisible();
    await expect(booth.vialEntry).toBeFocused();

    // Vial scanned: back on the confirm step with the same vial, "confirm" focused.
    await booth.scan(DEMO_VIALS.comirnaty);
    await expect(booth.confirmStep).toBeVisible();
    // Even with the window's own memory of the language gone, the visit brings Dutch back.
    await booth.forgetChosenLanguage();
    await booth.reload();
    await expect(booth.confirmStep).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccinatie');
    await expect(page.getByTestId('confirm-vaccine')).toContainText('Comirnaty');
    await expect(page.getByTestId('confirm-vaccine')).toContainText('DEMOCOM01');
    await expect(booth.confirmStep).toContainText(wouters.name);
    await expect(booth.confirmButton).toBeFocused();

    // Dose done, the card waiting for the person's agreement: the proposal and the undo are back, "agree" focused.
    await page.keyboard.press('Enter');
    await expect(booth.recorded).toBeVisible();
    const recordedText = await booth.recorded.textContent();
    const appointment = await booth.nextAppointment.textContent();
    await booth.reload();
    await expect(booth.recorded).toHaveText(recordedText ?? '');
    await expect(booth.nextAppointment).toHaveText(appointment ?? '');
    await expect(booth.cardWaits).toBeVisible();
    await expect(booth.printStatus).toHaveCount(0);
    await expect(booth.undo).toBeVisible();
    await expect(booth.acceptAppointment).toBeFocused();
    await checkScreen(page, testInfo, 'visit-resume-card-waits-nl');
    // Locked and unlocked while the card waits: "agree" has the focus again.
    await new StationShell(page).lock();
    await new LockScreen(page).unlock();
    await expect(booth.acceptAppointment).toBeFocused();

    // Card printed: back with its print job and no second card, "next person" focused.
    await booth.agree();
    await expect(booth.printStatus).toBeVisible();
    await booth.reload();
    await expect(booth.recorded).toHaveText(recordedText ?? '');
    await expect(booth.printStatus).toBeVisible();
    await expect(booth.cardWaits).toHaveCount(0);
    await expect(booth.nextPerson).toBeFocused();

    // Next person closes the visit: a reload shows the empty booth, the person scan field focused.
    await page.keyboard.press('Enter');
    await expect(booth.idle).toBeVisible();
    await booth.reload();
    await expect(booth.idle).toBeVisible();
    // No visit open: the language chosen in this window is kept.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccinatie');
    await expect(booth.recorded).toHaveCount(0);
    await expect(booth.personEntry).toBeFocused();

    // Not vaccinated: the record is back, "next person" focused.
    await booth.personToVial(DEMO_CITIZENS.peeters.ssin, DEMO_CITIZENS.peeters.name);
    await booth.notVaccinated('Medische voorzorg (contra-indicatie, uitgesteld)');
    await expect(booth.notGivenRecorded).toBeVisible();
    const notGivenText = await booth.notGivenRecorded.textContent();
    await booth.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccinatie');
    await expect(booth.notGivenRecorded).toHaveText(notGivenText ?? '');
    await expect(booth.nextPerson).toBeFocused();
  });

  test('nl: the recent visits list reprints a card and undoes a dose, and says the card of the undone dose is void', async ({ station }, testInfo) => {
    const page = station.page;
    await new StationShell(page).chooseLanguage('Nederlands');
    await new SignInPage(page).signInByTouch('vaccinator');
    const booth = new VisitResumePage(page);
    const wouters = DEMO_CITIZENS.wouters;
    await expect(booth.idle).toBeVisible();
    await booth.vaccinate(wouters.ssin, DEMO_VIALS.comirnaty);
    await booth.agree();
    await page.keyboard.press('Enter');
    await expect(booth.idle).toBeVisible();

    await booth.openRecent();
    const visit = booth.recentOf(wouters.name);
    await expect(visit.getByTestId('recent-visit-result')).toContainText('Dosis 1, Comirnaty');
    await expect(visit.getByTestId('recent-visit-card')).toHaveText('Kaart afgedrukt');
    await checkScreen(page, testInfo, 'visit-resume-recent-nl');

    await visit.getByRole('button', { name: 'Kaart afdrukken' }).click();
    await expect(booth.recentMessage).toContainText('wordt afgedrukt (als kopie)');

    await visit.getByRole('button', { name: 'Dosis ongedaan maken…' }).click();
    await visit.getByLabel('Voor de verkeerde persoon geregistreerd').check();
    await visit.locator('.undo-panel button.danger').click();
    await expect(booth.recentMessage).toHaveText(`Dosis van ${wouters.name} ongedaan gemaakt.`);
    await expect(visit.getByTestId('recent-visit-result')).toContainText('Dosis 1 ongedaan gemaakt');
    await expect(visit.getByTestId('recent-visit-card')).toHaveText('Kaart ongeldig: neem ze terug');
    await expect(visit.getByRole('button', { name: 'Kaart afdrukken' })).toHaveCount(0);
  });

  test('nl: the visit belongs to the booth: another vaccinator signing in at it is back on the confirm step with the same person and vial', async ({ station }) => {
    const page = station.page;
    const shell = new StationShell(page);
    const signIn = new SignInPage(page);
    await shell.chooseLanguage('Nederlands');
    // A second vaccinator, added by the supervisor.
    await signIn.signIn(DEMO_STAFF.supervisor);
    await new SupervisorPage(page).open('staff');
    const lea = { name: 'Lea Martens', roles: ['vaccinator'] as const, nihdi: '1-98765-43-210', pin: '480213' };
    await new StaffPage(page).add(lea);
    await expect(new StaffPage(page).row(lea.name)).toContainText('19876543210');
    await shell.switchPerson();
    await new LockScreen(page).someoneElse(DEMO_STAFF.vaccinator);

    const booth = new VisitResumePage(page);
    await expect(booth.idle).toBeVisible();
    await booth.personToVial(DEMO_CITIZENS.wouters.ssin, DEMO_CITIZENS.wouters.name);
    await booth.scan(DEMO_VIALS.comirnaty);
    await expect(booth.confirmStep).toBeVisible();

    // "Switch": the previous person's screen closes; the one who signs in at the booth gets its visit back.
    await shell.switchPerson();
    await new LockScreen(page).someoneElse(lea.nihdi, lea.pin);
    await signIn.expectSignedIn(lea.name);
    await expect(booth.confirmStep).toBeVisible();
    await expect(booth.confirmStep).toContainText(DEMO_CITIZENS.wouters.name);
    await expect(page.getByTestId('confirm-vaccine')).toContainText('DEMOCOM01');
    await expect(page.getByTestId('scan-announcer')).toHaveText(`Bezoek van ${DEMO_CITIZENS.wouters.name} hervat waar het was.`);
    await expect(booth.confirmButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(booth.recorded).toBeVisible();
  });
});
