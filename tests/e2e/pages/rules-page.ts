import type { Locator, Page } from '@playwright/test';

/** Demo citizens whose Comirnaty course is complete (src/main/station/demo/demo-people.ts). */
export const BOOSTER_CITIZENS = {
  /** Course complete 200 days before the station's day: a booster is due. */
  hoffmann: { ssin: '50061220146', name: 'Klaus Hoffmann' },
  /** Course complete 90 days before the station's day: too early for a booster. */
  becker: { ssin: '56030821464', name: 'Monika Becker' },
} as const;

/** The supervisor's vaccination rules: the versions per product and the form of a new version. */
export class RulesPage {
  readonly panel: Locator;
  readonly saved: Locator;
  readonly error: Locator;
  constructor(readonly page: Page) {
    this.panel = page.getByTestId('rules-panel');
    this.saved = page.getByTestId('rules-saved');
    this.error = page.getByTestId('rule-error');
  }
  /** The row of a product's version from a day (YYYY-MM-DD). */
  version(productCode: string, from: string): Locator {
    return this.panel.locator(`[data-testid="rule-row"][data-product="${productCode}"][data-from="${from}"]`);
  }
  inForce(productCode: string): Locator {
    return this.panel.locator(`[data-testid="rule-row"][data-product="${productCode}"][data-in-force="true"]`);
  }
  /** By keyboard: the product, the first day, the youngest age, a reason, Enter to save (the rest as in force today). */
  async addVersion(input: { product: string; from: string; minAge: string; reason: string }) {
    await this.page.locator('#rule-new-product').selectOption({ label: input.product });
    await this.page.locator('#rule-new-from').fill(input.from);
    await this.page.locator('#rule-new-min-age').fill(input.minAge);
    const reason = this.page.locator('#rule-new-reason');
    await reason.fill(input.reason);
    await reason.press('Enter');
  }
}
