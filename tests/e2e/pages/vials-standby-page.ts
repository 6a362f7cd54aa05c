import type { Locator, Page } from '@playwright/test';

/** The supervisor's vials and standby panel, by the labels a person reads (any language). */
export class VialsStandbyPage {
  readonly panel: Locator;
  readonly toCall: Locator;
  readonly error: Locator;
  constructor(readonly page: Page) {
    this.panel = page.getByTestId('vials-standby');
    this.toCall = page.getByTestId('standby-to-call');
    this.error = this.panel.getByRole('alert');
  }
  vial(text: string): Locator {
    return this.panel.locator('li').filter({ hasText: text });
  }
  /** Opens the confirmation of a vial's close, picks the reason and confirms. */
  async closeVial(row: Locator, labels: { close: string; reason: string; confirm: RegExp }) {
    await row.getByRole('button', { name: labels.close, exact: true }).click();
    await row.getByRole('radio', { name: labels.reason }).check();
    await row.getByRole('button', { name: labels.confirm }).click();
  }
  async addStandby(entry: { name: string; phone: string; product: string }, labels: { name: string; phone: string; add: string }) {
    await this.panel.getByLabel(labels.name, { exact: true }).fill(entry.name);
    await this.panel.getByLabel(labels.phone, { exact: true }).fill(entry.phone);
    const box = this.panel.getByRole('checkbox', { name: entry.product });
    if (!(await box.isChecked())) await box.check();
    await this.panel.getByRole('button', { name: labels.add }).click();
  }
  person(name: string): Locator {
    return this.toCall.locator('li').filter({ hasText: name });
  }
}
