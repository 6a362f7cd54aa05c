import type { Locator, Page } from '@playwright/test';

/** The supervisor's Vaccines section: the catalogue and a product's change form. */
export class VaccinesPage {
  readonly panel: Locator;
  readonly intervalNote: Locator;
  readonly saved: Locator;
  constructor(readonly page: Page) {
    this.panel = page.getByTestId('vaccines-panel');
    this.intervalNote = page.getByTestId('vaccines-interval-note');
    this.saved = page.getByTestId('vaccines-saved');
  }
  row(code: string): Locator {
    return this.panel.locator(`[data-testid="product-row"][data-code="${code}"]`);
  }
  days(code: string): Locator {
    return this.row(code).getByTestId('product-days');
  }
  editError(code: string): Locator {
    return this.panel.locator(`[data-testid="product-edit-row"][data-code="${code}"]`).getByTestId('product-edit-error');
  }
  /** Opens the product's form (Enter on its button), when it is not open yet. */
  async openEdit(code: string) {
    const toggle = this.row(code).locator('button[aria-expanded]');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') {
      await toggle.focus();
      await this.page.keyboard.press('Enter');
    }
  }
  /** By keyboard: the interval's days, a reason, Enter to save. */
  async changeInterval(code: string, days: { min: number; target: number; max: number }, reason: string, codes: { cnk?: string } = {}) {
    await this.openEdit(code);
    const id = `product-edit-${code}`;
    if (codes.cnk !== undefined) await this.page.locator(`#${id}-cnk`).fill(codes.cnk);
    await this.page.locator(`#${id}-min`).fill(String(days.min));
    await this.page.locator(`#${id}-target`).fill(String(days.target));
    await this.page.locator(`#${id}-max`).fill(String(days.max));
    await this.page.locator(`#${id}-reason`).fill(reason);
    await this.page.locator(`#${id}-reason`).press('Enter');
  }
}
