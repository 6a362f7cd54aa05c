import { test, expect } from './support/fixtures';
import { SignInPage } from './pages/sign-in-page';
import { VaccinatorPage } from './pages/vaccinator-page';
import { DEMO_CITIZENS, DEMO_VIALS } from './pages/scanner';

test.describe('vaccinator workstation', () => {
  test('types a lot by hand, undoes a mistaken dose with a reason, picks the open vial, and stops at a complete course', async ({ station }) => {
    const page = station.page;
    await new SignInPage(page).signInByTouch('vaccinator');
    const booth = new VaccinatorPage(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vaccination');

    // A vial without a 2D code: product, lot and expiry typed.
    await page.locator('#person-entry').fill(DEMO_CITIZENS.schroder.ssin);
    await page.locator('#person-entry').press('Enter');
    await expect(booth.personName).toHaveText(DEMO_CITIZENS.schroder.name);
    await booth.screening.clean();
    await page.getByText('Vial without a code: type the lot').click();
    await page.getByLabel('Vaccine', { exact: true }).selectOption('comirnaty');
    await page.getByLabel('Lot', { exact: true }).fill('TYPED01');
    await page.getByLabel('Expiry date').fill('30/06/2049');
    await page.getByRole('button', { name: 'Use this lot' }).click();
    await expect(page.getByTestId('confirm-vaccine')).toContainText('lot TYPED01');
    await booth.confirmButton.click();
    await expect(booth.recorded).toContainText('Dose 1 of 2 recorded');

    // Undo: the wrong dose is voided with a reason, with the appointment booked from it.
    await page.getByTestId('undo-dose').click();
    await page.getByLabel('The dose was not given').check();
    await page.getByTestId('undo-confirm').click();
    await expect(page.getByRole('status').filter({ hasText: 'The dose was voided; appointments cancelled with it: 1' })).toBeVisible();

    // Recorded again from a scanned vial: none is open here, so the station opens one and the screen says so.
    await booth.scan(DEMO_CITIZENS.schroder.ssin);
    await booth.screening.clean();
    await expect(booth.vialStep).toBeVisible();
    await booth.scan(DEMO_VIALS.comirnaty);
    await expect(page.getByTestId('confirm-vaccine')).toContainText('new vial opened: 6 doses left');
    await expect(booth.confirmButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(booth.recorded).toBeVisible();
    // The next person takes the open vial.
    await expect(booth.personName).toHaveCount(0);
    await booth.nextPerson.click();
    await booth.scan(DEMO_CITIZENS.wouters.ssin);
    await booth.screening.clean();
    await page.getByTestId('open-vial').filter({ hasText: 'DEMOCOM01' }).click();
    await expect(page.getByTestId('confirm-vaccine')).toContainText('vial: 5 doses left');
    await booth.confirmButton.press('Enter');
    await expect(booth.recorded).toContainText('Dose 1 of 2 recorded');
    await booth.nextPerson.click();

    // A complete course (one-dose Janssen): the card says why, the vial step never opens.
    await booth.scan('60031717118');
    await expect(booth.personCard.getByTestId('person-warnings')).toContainText('completed their vaccination course');
    await expect(page.getByTestId('vaccination-blocked')).toBeVisible();
    await expect(booth.vialStep).toHaveCount(0);
  });
});
