import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PIN } from './scanner';

/** The first screen (and the lock screen's "someone else"): number, PIN, keypad. */
export class SignInPage {
  readonly heading: Locator;
  readonly error: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.error = page.getByTestId('signin-error');
  }
  /** By keyboard: type the number, Tab, the PIN, Enter. */
  async signIn(login: string, pin = DEMO_PIN, scope: Page | Locator = this.page) {
    const login$ = scope.locator('input[autocomplete="username"]');
    await login$.fill(login);
    await login$.press('Tab');
    await this.page.keyboard.type(pin);
    await this.page.keyboard.press('Enter');
  }
  /** By touch: the demo staff button fills the number, the keypad types the PIN. */
  async signInByTouch(role: 'vaccinator' | 'checkin' | 'supervisor', pin = DEMO_PIN) {
    await this.page.getByTestId(`demo-staff-${role}`).click();
    const pad = this.page.locator('.pin-pad');
    for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
    await this.page.locator('.signin-form button[type="submit"]').click();
  }
  async expectSignedIn(name: string | RegExp) {
    await expect(this.page.getByTestId('staff-name')).toHaveText(name);
  }
}
