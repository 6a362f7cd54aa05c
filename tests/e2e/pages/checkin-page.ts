import { expect, type Locator, type Page } from '@playwright/test';
import { scan } from './scanner';

/** The check-in desk: scan or type, the person card, confirm. */
export class CheckinPage {
  readonly heading: Locator;
  readonly entry: Locator;
  readonly personCard: Locator;
  readonly personName: Locator;
  readonly warnings: Locator;
  readonly confirm: Locator;
  readonly checkedIn: Locator;
  readonly announcer: Locator;
  readonly scanError: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.entry = page.locator('#checkin-entry');
    this.personCard = page.getByTestId('person-card');
    this.personName = page.getByTestId('person-name');
    this.warnings = page.getByTestId('person-warnings');
    this.confirm = page.getByTestId('checkin-confirm');
    this.checkedIn = page.getByTestId('checked-in-list');
    this.announcer = page.getByTestId('scan-announcer');
    this.scanError = page.getByTestId('scan-error');
  }
  async scan(text: string) {
    await scan(this.page, text);
  }
  async type(text: string) {
    await this.entry.fill(text);
    await this.entry.press('Enter');
  }
  /** Confirms with the keyboard: the confirm button has the focus once the card shows. */
  async confirmByKeyboard() {
    await expect(this.confirm).toBeFocused();
    await this.page.keyboard.press('Enter');
  }
}
