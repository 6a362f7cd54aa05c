import { expect, type Locator, type Page } from '@playwright/test';

export type ImportKind = 'products' | 'calendar' | 'invitations';

/** The supervisor's Imports section: one file per kind, checked or imported. */
export class ImportsPage {
  constructor(readonly page: Page) {}
  box(kind: ImportKind): Locator {
    return this.page.getByTestId(`import-${kind}`);
  }
  async choose(kind: ImportKind, file: string) {
    await this.box(kind).locator('input[type="file"]').setInputFiles(file);
  }
  /** Check (dry run) or import, and the answer in words. */
  async run(kind: ImportKind, dryRun: boolean): Promise<Locator> {
    await this.page.getByTestId(`import-${kind}-${dryRun ? 'check' : 'run'}`).click();
    const result = this.page.getByTestId(`import-${kind}-result`).or(this.page.getByTestId(`import-${kind}-error`));
    await expect(result).toBeVisible();
    return result;
  }
}
