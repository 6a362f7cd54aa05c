import { test, expect } from './support/fixtures';
import { checkScreen } from './support/screen-checks';
import { StationShell } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { KeyboardFirstPage } from './pages/keyboard-first';
import { SupervisorPage } from './pages/supervisor-page';
import { ScreeningAdminPage } from './pages/screening-page';
import { DEMO_CITIZENS, DEMO_VIALS } from './pages/scanner';

/** Screening and consent before the vial (issue 16), in French, at the demo station (STATION_CLOCK). */
test.describe('screening and consent before the vial', () => {
  test('fr: a blocking answer, postponed with the keyboard only, ends the visit as not vaccinated with its reason', async ({ station }, testInfo) => {
    const page = station.page;
    await new StationShell(page).chooseLanguage('Français');
    await new SignInPage(page).signInByTouch('vaccinator');
    const desk = new KeyboardFirstPage(page);
    const screening = desk.screening;
    await expect(desk.personField).toBeFocused();
    await desk.typeAndEnter(DEMO_CITIZENS.peeters.ssin);
    await expect(desk.personName).toHaveText(DEMO_CITIZENS.peeters.name);
    await expect(screening.step.getByRole('heading')).toHaveText('Dépistage et consentement');
    await expect(screening.question('fever').locator('legend')).toHaveText("Avez-vous de la fièvre ou êtes-vous malade aujourd'hui ?");
    await expect(desk.vialStep).toHaveCount(0);
    await checkScreen(page, testInfo, 'screening-fr');

    // O for "oui" on the fever question, N for the others: the decision appears, "postpone" (the safe choice) focused.
    await screening.answerByKeys(['o', 'n', 'n', 'n', 'n', 'n']);
    await expect(screening.question('fever').getByLabel('Oui')).toBeChecked();
    await expect(screening.decision.getByLabel('Reporter la vaccination')).toBeFocused();
    await screening.key('Space');
    await screening.key('Tab');
    await expect(screening.consent.getByLabel('Donné par la personne')).toBeFocused();
    await screening.key('Space');
    await checkScreen(page, testInfo, 'screening-decision-fr');
    await screening.key('Enter');

    await expect(desk.notGivenRecorded).toHaveText('Enregistré : non vacciné (Précaution médicale (contre-indication, report)). Aucun rendez-vous suivant n’a été réservé.');
    await expect(desk.vialStep).toHaveCount(0);
    await expect(desk.nextDose).toHaveCount(0);
    await expect(desk.nextPerson).toBeFocused();
  });

  test('fr: a clean screening with consent by a legal representative goes on to the vial and the dose', async ({ station }, testInfo) => {
    const page = station.page;
    await new StationShell(page).chooseLanguage('Français');
    await new SignInPage(page).signInByTouch('vaccinator');
    const desk = new KeyboardFirstPage(page);
    const screening = desk.screening;
    await expect(desk.personField).toBeFocused();
    await desk.typeAndEnter(DEMO_CITIZENS.wouters.ssin);
    await expect(desk.personName).toHaveText(DEMO_CITIZENS.wouters.name);

    // A vial scanned before the screening is not taken: the screening comes first. The letters of
    // its code (an O among them) answer nothing: they are a scan, not a key of the vaccinator.
    await expect(screening.questions.first().locator('input').first()).toBeFocused();
    await desk.scan(DEMO_VIALS.comirnaty);
    await expect(page.getByText('Terminez le dépistage avant de scanner le flacon.')).toBeVisible();
    await expect(screening.step.locator('input[type="radio"]:checked')).toHaveCount(0);

    await screening.answerByKeys('n');
    await expect(screening.decision).toHaveCount(0);
    await expect(screening.consent.getByLabel('Donné par la personne')).toBeFocused();
    // The arrow selects the next choice, the legal representative; the name follows with Tab.
    await screening.key('ArrowDown');
    await expect(screening.consent.getByLabel('Donné par un représentant légal')).toBeChecked();
    await screening.key('Tab');
    await expect(screening.representativeName).toBeFocused();
    await page.keyboard.type('Marie Wouters', { delay: 160 });
    await checkScreen(page, testInfo, 'screening-representative-fr');
    await screening.key('Enter');

    await expect(screening.step).toHaveCount(0);
    await expect(desk.vialStep).toBeVisible();
    await desk.scan(DEMO_VIALS.comirnaty);
    await expect(desk.confirmButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(desk.recorded).toContainText('Dose 1');
  });

  test('fr: a supervisor adds a question, changes it (a new version) and retires it; the list says so', async ({ station }, testInfo) => {
    const page = station.page;
    await new StationShell(page).chooseLanguage('Français');
    await new SignInPage(page).signInByTouch('supervisor');
    const supervisor = new SupervisorPage(page);
    await supervisor.open('screening');
    await expect(supervisor.heading).toHaveText('Questions de dépistage');
    const admin = new ScreeningAdminPage(page);
    await expect(admin.rows).toHaveCount(6);
    await expect(admin.row('Êtes-vous enceinte ?')).toContainText('Tous les vaccins');
    await checkScreen(page, testInfo, 'screening-admin-fr');

    await page.getByTestId('screening-add').click();
    await expect(admin.form.getByLabel('Question en Français')).toBeVisible();
    await checkScreen(page, testInfo, 'screening-admin-form-fr');
    await admin.fill({ nl: 'Bent u vandaag nuchter?', fr: 'Êtes-vous à jeun aujourd’hui ?', de: 'Sind Sie heute nüchtern?', en: 'Are you fasting today?' }, { position: '70', needsDecision: false });
    await expect(admin.row('Êtes-vous à jeun aujourd’hui ?')).toContainText('est noté');
    await expect(admin.rows).toHaveCount(7);

    await admin.row('Êtes-vous à jeun aujourd’hui ?').getByRole('button', { name: /^Modifier/ }).click();
    await admin.fill({ nl: 'Heeft u vandaag gegeten?', fr: 'Avez-vous mangé aujourd’hui ?', de: 'Haben Sie heute gegessen?', en: 'Have you eaten today?' });
    await expect(admin.row('Avez-vous mangé aujourd’hui ?')).toHaveCount(1);
    await expect(admin.row('Êtes-vous à jeun aujourd’hui ?')).toHaveCount(0);

    await admin.row('Avez-vous mangé aujourd’hui ?').getByRole('button', { name: /^Retirer/ }).click();
    await expect(page.getByText('Retirée.')).toBeVisible();
    await expect(admin.rows).toHaveCount(6);
  });
});
