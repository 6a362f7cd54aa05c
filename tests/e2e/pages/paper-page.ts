import { expect, type Locator, type Page } from '@playwright/test';

/** Paper records: one row form typed with the keyboard only, and the list of this sitting's records. */
export class PaperPage {
  readonly heading: Locator;
  readonly ssin: Locator;
  readonly time: Locator;
  readonly vaccinator: Locator;
  readonly lot: Locator;
  readonly rows: Locator;
  readonly count: Locator;
  readonly timeError: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.ssin = page.getByTestId('paper-ssin');
    this.time = page.getByTestId('paper-time');
    this.vaccinator = page.getByTestId('paper-vaccinator');
    this.lot = page.getByTestId('paper-lot');
    this.rows = page.getByTestId('paper-row');
    this.count = page.getByTestId('paper-count');
    this.timeError = page.getByTestId('paper-time-error');
  }
  /** From the screens menu with the keyboard: focus the menu entry, Enter. */
  async openByKeyboard() {
    await this.page.getByTestId('nav-paper').focus();
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('paper-screen')).toBeVisible();
    await expect(this.ssin).toBeFocused();
  }
  /**
   * The first paper of a stack: national number, time, then Tab past the date and the lot (kept as
   * shown) to the vaccinator, Enter. No scanner listens on this screen: typed as fast as the keyboard goes.
   */
  async firstRecord(ssin: string, time: string, vaccinator: string) {
    await expect(this.ssin).toBeFocused();
    await this.page.keyboard.type(ssin);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(time);
    await this.page.keyboard.press('Tab'); // date
    await this.page.keyboard.press('Tab'); // lot
    await expect(this.lot).toBeFocused();
    await this.page.keyboard.press('Tab');
    await expect(this.vaccinator).toBeFocused();
    await this.page.keyboard.type(vaccinator);
    await this.page.keyboard.press('Enter');
  }
  /** Every next paper: the date, lot and vaccinator stay; national number, Tab, time, Enter. */
  async nextRecord(ssin: string, time: string) {
    await expect(this.ssin).toBeFocused();
    await expect(this.ssin).toHaveValue('');
    await this.page.keyboard.type(ssin);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(time);
    await this.page.keyboard.press('Enter');
  }
  /** A lot from the paper that no vial here carries: opened from its summary, typed with its vaccine and expiry. */
  async typeLot(productCode: string, lot: string, expiry: string) {
    await this.page.getByTestId('paper-typed-lot').locator('summary').focus();
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('paper-typed-product').selectOption(productCode);
    await this.page.getByTestId('paper-typed-lot-number').focus();
    await this.page.keyboard.type(lot);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(expiry);
    await this.page.keyboard.press('Tab');
    await expect(this.page.getByTestId('paper-add-lot')).toBeFocused();
    await this.page.keyboard.press('Enter');
    await expect(this.lot).toBeFocused();
  }
}
