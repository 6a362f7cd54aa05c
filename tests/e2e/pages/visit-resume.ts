import { expect, type Locator, type Page } from '@playwright/test';
import { VisitSafetyPage } from './visit-safety';

/** The vaccinator's visit kept by the station: a reload comes back to the same step; the booth's recent visits. */
export class VisitResumePage extends VisitSafetyPage {
  readonly personEntry: Locator;
  readonly vialEntry: Locator;
  readonly undo: Locator;
  readonly recent: Locator;
  readonly recentItems: Locator;
  readonly recentMessage: Locator;
  constructor(page: Page) {
    super(page);
    this.personEntry = page.locator('#person-entry');
    this.vialEntry = page.locator('#vial-entry');
    this.undo = page.getByTestId('undo-dose');
    this.recent = page.getByTestId('recent-visits');
    this.recentItems = page.getByTestId('recent-visit');
    this.recentMessage = page.getByTestId('recent-visits-message');
  }
  /** A reload of the window (F5, a crash of the renderer): the screen comes back signed in, on the vaccinator screen. */
  async reload() {
    await this.page.reload();
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  /** Forgets the language this window kept (as a fresh window would), so only the visit can bring it back. */
  async forgetChosenLanguage() {
    await this.page.evaluate(() => window.localStorage.removeItem('dosedesk.language'));
  }
  /** Opens the collapsed "recent visits" section by keyboard (focus on its summary, Enter). */
  async openRecent() {
    await this.recent.locator('summary').focus();
    await this.page.keyboard.press('Enter');
    await expect(this.recentItems.first()).toBeVisible();
  }
  /** The recent visit of a person, by name. */
  recentOf(name: string): Locator {
    return this.recentItems.filter({ hasText: name });
  }
}
