import type { Locator, Page } from '@playwright/test';
import { VisitSafetyPage } from './visit-safety';

/** Human typing: one key every 120 ms, far slower than any scanner burst. */
export const HUMAN_KEY_DELAY_MS = 120;

/** The station used by keyboard only: the fields that should hold the focus, and typing like a person. */
export class KeyboardFirstPage extends VisitSafetyPage {
  readonly loginField: Locator;
  readonly pinField: Locator;
  readonly personField: Locator;
  readonly vialField: Locator;
  readonly signInError: Locator;
  constructor(page: Page) {
    super(page);
    this.loginField = page.locator('#signin-login');
    this.pinField = page.locator('#signin-pin');
    this.personField = page.locator('#person-entry');
    this.vialField = page.locator('#vial-entry');
    this.signInError = page.getByTestId('signin-error');
  }
  /** Types `text` at human speed wherever the focus is (no click first), then Enter. */
  async typeAndEnter(text: string) {
    await this.page.keyboard.type(text, { delay: HUMAN_KEY_DELAY_MS });
    await this.page.keyboard.press('Enter');
  }
  /** A key of the touch PIN pad, tapped with the mouse. */
  async tapPinKey(digit: string) {
    await this.page.locator('.pin-pad').getByRole('button', { name: digit, exact: true }).click();
  }
}
