import { test, expect } from './support/fixtures';
import { checkScreen } from './support/screen-checks';
import { StationShell } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { DEMO_CITIZENS, DEMO_VIALS } from './pages/scanner';
import { MORE_DEMO_VIALS, SAFETY_CITIZENS, VisitSafetyPage } from './pages/visit-safety';

/** Safe before the needle (issue 16): the station's day is STATION_CLOCK, Wednesday 6 May 2026. */
test.describe('the visit is safe before the needle', () => {
  test('nl: a Comirnaty vial for a person invited for Vaxzevria is refused before it is opened; "too early" says the first allowed day', async ({ station }, testInfo) => {
    const page = station.page;
    const shell = new StationShell(page);
    await shell.chooseLanguage('Nederlands');
    await new SignInPage(page).signInByTouch('vaccinator');
    const booth = new VisitSafetyPage(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccinatie');

    await booth.personToVial(SAFETY_CITIZENS.janssens.ssin, SAFETY_CITIZENS.janssens.name);
    await booth.scan(DEMO_VIALS.comirnaty);
    await expect(booth.vialError).toContainText('Uitgenodigd voor Vaxzevria (AstraZeneca), deze flacon is Comirnaty (Pfizer-BioNTech)');
    await expect(booth.vialError).toContainText('Er werd geen flacon geopend');
    await expect(booth.confirmStep).toHaveCount(0);
    await checkScreen(page, testInfo, 'visit-safety-wrong-vial-nl');

    // Nothing was opened: the next person invited for Comirnaty finds no open Comirnaty vial.
    await booth.cancel.click();
    await booth.personToVial(DEMO_CITIZENS.wouters.ssin, DEMO_CITIZENS.wouters.name);
    await expect(booth.openVials).toHaveCount(0);
    await booth.cancel.click();

    // The right vial for Luc Janssens goes to the confirm step.
    await booth.personToVial(SAFETY_CITIZENS.janssens.ssin, SAFETY_CITIZENS.janssens.name);
    await booth.scan(MORE_DEMO_VIALS.vaxzevria);
    await expect(booth.confirmStep).toBeVisible();
    await expect(page.getByTestId('confirm-vaccine')).toContainText('Vaxzevria');
    await booth.cancel.click();

    // Too early, said as soon as the person is found: first dose 26 April, Comirnaty's 19 days.
    await booth.scan(SAFETY_CITIZENS.claes.ssin);
    await expect(booth.personName).toHaveText(SAFETY_CITIZENS.claes.name);
    await expect(booth.warnings).toContainText('de eerste toegelaten dag is vrijdag 15 mei 2026');
    await expect(booth.vialStep).toHaveCount(0);
  });

  test('fr: a person not vaccinated, with the reason; nothing is booked and the next person follows', async ({ station }, testInfo) => {
    const page = station.page;
    await new StationShell(page).chooseLanguage('Français');
    await new SignInPage(page).signInByTouch('vaccinator');
    const booth = new VisitSafetyPage(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccination');
    await expect(page.getByText('En attente de la personne suivante.')).toBeVisible();
    await booth.personToVial(DEMO_CITIZENS.peeters.ssin, DEMO_CITIZENS.peeters.name);
    await page.getByTestId('not-given-open').click();
    await expect(page.getByTestId('not-given-panel')).toContainText('Non vacciné : pourquoi ?');
    await checkScreen(page, testInfo, 'visit-safety-not-given-fr');
    await page.getByTestId('not-given-panel').getByRole('button', { name: 'Retour' }).click();

    await booth.notVaccinated('Précaution médicale (contre-indication, report)', 'fièvre 38,5 °C');
    await expect(booth.notGivenRecorded).toHaveText('Enregistré : non vacciné (Précaution médicale (contre-indication, report)). Aucun rendez-vous suivant n’a été réservé.');
    await expect(booth.nextDose).toHaveCount(0);
    await expect(booth.nextPerson).toBeFocused();
    await checkScreen(page, testInfo, 'visit-safety-not-given-done-fr');
    await page.keyboard.press('Enter');
    await expect(booth.notGivenRecorded).toHaveCount(0);
  });

  test('de: site, side, route and volume on the confirm step, the product’s usual way changed with one tap and stored with the dose', async ({ station }, testInfo) => {
    const page = station.page;
    await new StationShell(page).chooseLanguage('Deutsch');
    await new SignInPage(page).signInByTouch('vaccinator');
    const booth = new VisitSafetyPage(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Impfung');
    await expect(booth.idle).toBeVisible();
    await booth.personToVial(DEMO_CITIZENS.schroder.ssin, DEMO_CITIZENS.schroder.name);
    await booth.scan(DEMO_VIALS.comirnaty);
    await expect(booth.confirmStep).toBeVisible();
    await expect(booth.administrationSummary).toHaveText('Deltamuskel (Oberarm), links · intramuskulär · 0,3 ml');
    await expect(booth.confirmButton).toBeFocused();
    await checkScreen(page, testInfo, 'visit-safety-administration-de');

    await booth.choose('side', 'right');
    await expect(booth.administrationSummary).toHaveText('Deltamuskel (Oberarm), rechts · intramuskulär · 0,3 ml');
    await booth.confirmButton.click();
    await expect(booth.recorded).toBeVisible();
    await expect(booth.doseAdministration).toHaveText('Verabreicht: Deltamuskel (Oberarm), rechts · intramuskulär · 0,3 ml');
  });

  test('en: the card prints once the person agrees; a time changed before prints nothing, a change after voids the card', async ({ station }) => {
    const page = station.page;
    await new SignInPage(page).signInByTouch('vaccinator');
    const booth = new VisitSafetyPage(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccination');
    await expect(booth.idle).toBeVisible();
    await booth.vaccinate(DEMO_CITIZENS.wouters.ssin, DEMO_VIALS.comirnaty);
    await expect(booth.nextDose).toBeVisible();
    await expect(booth.cardWaits).toHaveText('The card is printed once the person agrees to this time.');
    await expect(booth.printStatus).toHaveCount(0);
    // Another time before the person agreed: nothing printed, nothing to take back.
    await page.getByTestId('change-appointment').click();
    await page.getByTestId('find-slots').click();
    await page.getByTestId('slot-choice').nth(1).click();
    await expect(page.getByTestId('take-card-back')).toHaveCount(0);
    await expect(booth.printStatus).toHaveCount(0);
    // Agreed: Enter prints the card. A change after that voids it.
    await booth.agree();
    // A print job now exists (this demo station has no printer set up, so it stays queued).
    await expect(booth.printStatus).toBeVisible();
    await page.getByTestId('change-appointment').click();
    await page.getByTestId('find-slots').click();
    await page.getByTestId('slot-choice').nth(1).click();
    await expect(page.getByTestId('take-card-back')).toHaveText('The earlier card is void now: take it back from the person.');
  });
});
