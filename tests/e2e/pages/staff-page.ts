import { expect, type Locator, type Page } from '@playwright/test';

/** The supervisor's staff section: the list, the add form, the one-time PIN of a reset. */
export class StaffPage {
  readonly panel: Locator;
  readonly addError: Locator;
  readonly oneTimePin: Locator;
  constructor(readonly page: Page) {
    this.panel = page.getByTestId('staff-panel');
    this.addError = page.getByTestId('staff-add-error');
    this.oneTimePin = page.getByTestId('staff-one-time-pin');
  }
  row(name: string): Locator {
    return this.panel.locator(`[data-testid="staff-row"][data-name="${name}"]`);
  }
  /** By keyboard: the name, the roles as checkboxes (Space), the NIHDI number, the first PIN, Enter. */
  async add(person: { name: string; roles: readonly ('checkin' | 'vaccinator' | 'supervisor')[]; nihdi: string; pin: string }) {
    await this.page.locator('#staff-add-name').fill(person.name);
    for (const role of ['checkin', 'vaccinator', 'supervisor'] as const) {
      const box = this.page.locator(`#staff-add-role-${role}`);
      if ((await box.isChecked()) !== person.roles.includes(role)) {
        await box.focus();
        await this.page.keyboard.press('Space');
      }
    }
    await this.page.locator('#staff-add-nihdi').fill(person.nihdi);
    await this.page.locator('#staff-add-pin').fill(person.pin);
    await this.page.locator('#staff-add-pin').press('Enter');
  }
  /** Opens the person's roles and NIHDI form, sets them by keyboard and saves with Enter. */
  async edit(name: string, change: { roles: readonly ('checkin' | 'vaccinator' | 'supervisor')[]; nihdi: string }) {
    const row = this.row(name);
    await row.locator('button[aria-expanded]').click();
    for (const role of ['checkin', 'vaccinator', 'supervisor'] as const) {
      const box = row.locator(`input[type="checkbox"][id$="-role-${role}"]`);
      if ((await box.isChecked()) !== change.roles.includes(role)) {
        await box.focus();
        await this.page.keyboard.press('Space');
      }
    }
    const nihdi = row.locator('input[id$="-nihdi"]');
    await nihdi.fill(change.nihdi);
    await nihdi.press('Enter');
  }
  /** The row's button of this name (Disable, Enable, Unblock…). */
  button(name: string, label: string): Locator {
    return this.row(name).getByRole('button', { name: label, exact: true });
  }
  /** Resets the person's PIN and reads the one-time PIN shown once. */
  async resetPin(name: string): Promise<string> {
    await this.row(name).getByTestId('staff-reset-pin').click();
    await expect(this.oneTimePin).toBeVisible();
    const pin = (await this.oneTimePin.locator('.one-time-pin').textContent())?.trim() ?? '';
    expect(pin).toMatch(/^\d{8}$/);
    return pin;
  }
}

/** The sign-in step after a reset: the one-time PIN, then the new PIN twice, by keyboard. */
export class ChangePinStep {
  readonly form: Locator;
  readonly error: Locator;
  constructor(readonly page: Page) {
    this.form = page.getByTestId('change-pin-form');
    this.error = page.getByTestId('change-pin-error');
  }
  async change(oneTimePin: string, newPin: string, repeat = newPin) {
    await this.page.locator('#change-pin-current').fill(oneTimePin);
    await this.page.locator('#change-pin-current').press('Tab');
    await this.page.keyboard.type(newPin);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(repeat);
    await this.page.keyboard.press('Enter');
  }
}
