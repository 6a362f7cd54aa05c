import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PIN } from './scanner';
import { SignInPage } from './sign-in-page';

/** The lock screen: same person unlocks with the PIN, someone else signs in (fast switch). */
export class LockScreen {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('lock-screen');
  }
  async signOut() {
    await this.root.getByTestId('lock-sign-out').click();
    await expect(this.root).toBeHidden();
  }
  async unlock(pin = DEMO_PIN) {
    const field = this.root.locator('input[type="password"]');
    await field.fill(pin);
    await field.press('Enter');
    await expect(this.root).toBeHidden();
  }
  async someoneElse(login: string, pin = DEMO_PIN) {
    if ((await this.root.locator('input[autocomplete="username"]').count()) === 0) await this.root.getByTestId('lock-someone-else').click();
    await new SignInPage(this.page).signIn(login, pin, this.root);
    await expect(this.root).toBeHidden();
  }
}
