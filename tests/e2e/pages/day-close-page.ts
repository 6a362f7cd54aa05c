import type { Locator, Page } from '@playwright/test';

/** The supervisor's day plan figures and the report panel's reconciliation block. */
export class DayClosePage {
  readonly reconciliation: Locator;
  readonly verdict: Locator;
  readonly differences: Locator;
  constructor(readonly page: Page) {
    this.reconciliation = page.getByTestId('reconciliation');
    this.verdict = page.getByTestId('reconciliation-verdict');
    this.differences = page.getByTestId('reconciliation-differences');
  }
  /** The day plan's figure of one product: vials to prepare, dose 2 booked here / dose 1 expected, and from where. */
  productFigure(productCode: string): Locator {
    return this.page.getByTestId(`vials-to-prepare-${productCode}`);
  }
  split(productCode: string): Locator {
    return this.page.getByTestId(`dayplan-split-${productCode}`);
  }
  expectedFrom(productCode: string): Locator {
    return this.page.getByTestId(`dayplan-expected-from-${productCode}`);
  }
  /** One of the reconciliation's figures: given, at-backend, waiting, in-review. */
  figure(name: 'given' | 'at-backend' | 'waiting' | 'in-review'): Locator {
    return this.page.getByTestId(`reconciliation-${name}`);
  }
}
