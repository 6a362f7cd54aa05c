import { expect, type Locator, type Page } from '@playwright/test';
import { scan } from './scanner';
import { ScreeningPage } from './screening-page';

/** The vaccinator workstation: person, screening, vial, confirm, next dose, card. */
export class VaccinatorPage {
  readonly personCard: Locator;
  readonly personName: Locator;
  readonly vialStep: Locator;
  readonly confirmStep: Locator;
  readonly confirmButton: Locator;
  readonly doneStep: Locator;
  readonly recorded: Locator;
  readonly nextDose: Locator;
  readonly citizenText: Locator;
  readonly nextAppointment: Locator;
  readonly printStatus: Locator;
  readonly cardPreview: Locator;
  readonly nextPerson: Locator;
  readonly doseError: Locator;
  readonly cardWaits: Locator;
  readonly acceptAppointment: Locator;
  readonly screening: ScreeningPage;
  constructor(readonly page: Page) {
    this.screening = new ScreeningPage(page);
    this.personCard = page.getByTestId('person-card');
    this.personName = page.getByTestId('person-name');
    this.vialStep = page.getByTestId('vial-step');
    this.confirmStep = page.getByTestId('confirm-step');
    this.confirmButton = page.getByTestId('confirm-dose-button');
    this.doneStep = page.getByTestId('done-step');
    this.recorded = page.getByTestId('dose-recorded');
    this.nextDose = page.getByTestId('next-dose');
    this.citizenText = page.getByTestId('citizen-text');
    this.nextAppointment = page.getByTestId('next-appointment');
    this.printStatus = page.getByTestId('print-status');
    this.cardPreview = page.getByTestId('card-preview');
    this.nextPerson = page.getByTestId('next-person');
    this.doseError = page.getByTestId('dose-error');
    this.cardWaits = page.getByTestId('card-waits');
    this.acceptAppointment = page.getByTestId('accept-appointment');
  }
  async scan(text: string) {
    await scan(this.page, text);
  }
  /** Person scan, a clean screening by keyboard, vial scan, Enter on the focused confirm button: the whole dose by scanner and keyboard. */
  async vaccinate(person: string, vial: string) {
    await this.scan(person);
    await this.screening.clean();
    await expect(this.vialStep).toBeVisible();
    await this.scan(vial);
    await expect(this.confirmButton).toBeFocused();
    await this.page.keyboard.press('Enter');
    await expect(this.recorded).toBeVisible();
  }
  /** The person agrees to the proposed time: Enter on the focused button prints the card, then "next person" has the focus. */
  async agree() {
    await expect(this.acceptAppointment).toBeFocused();
    await this.page.keyboard.press('Enter');
    await expect(this.cardWaits).toHaveCount(0);
    await expect(this.nextPerson).toBeFocused();
  }
  async expectCardPrinted() {
    await expect(this.printStatus).toHaveAttribute('data-state', 'printed', { timeout: 15_000 });
  }
}
