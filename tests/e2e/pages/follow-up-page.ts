import { expect, type Locator, type Page } from '@playwright/test';

/** The follow-up desk: who waits for a next dose, booking one of them by keyboard, or everyone who fits. */
export class FollowUpPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly empty: Locator;
  readonly notice: Locator;
  readonly bookAll: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.list = page.getByTestId('followup-list');
    this.empty = page.getByTestId('followup-empty');
    this.notice = page.getByTestId('followup-notice');
    this.bookAll = page.getByTestId('followup-book-all');
  }
  async open() {
    await this.page.getByTestId('nav-followup').click();
    await expect(this.page.getByTestId('follow-up')).toBeVisible();
  }
  row(ssin: string): Locator {
    return this.page.locator(`[data-testid="followup-row"][data-ssin="${ssin}"]`);
  }
  /**
   * Books the person on the first free place with the keyboard only: focus "Book…", Enter, the first
   * place is chosen and focused, Tab to "Book this place", Enter.
   */
  async bookFirstPlaceByKeyboard(ssin: string) {
    await this.row(ssin).getByTestId('followup-book').focus();
    await this.page.keyboard.press('Enter');
    const first = this.page.getByTestId('followup-slot').first();
    await expect(first).toBeFocused();
    await expect(first).toBeChecked();
    await this.page.keyboard.press('Tab');
    await expect(this.page.getByTestId('followup-book-slot')).toBeFocused();
    await this.page.keyboard.press('Enter');
  }
}
