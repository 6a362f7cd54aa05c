import { expect, type Locator, type Page } from '@playwright/test';

export type LanguageName = 'Nederlands' | 'Français' | 'Deutsch' | 'English';
export type Screen = 'checkin' | 'vaccinator' | 'supervisor';

/** Page model of what every screen shares: navigation, language switch, who is signed in, status bar. */
export class StationShell {
  readonly statusBar: Locator;
  readonly syncMode: Locator;
  readonly printerState: Locator;
  readonly role: Locator;
  readonly staffName: Locator;
  constructor(readonly page: Page) {
    this.statusBar = page.getByTestId('status-bar');
    this.syncMode = page.getByTestId('sync-mode');
    this.printerState = page.getByTestId('printer-state');
    this.role = page.getByTestId('station-role');
    this.staffName = page.getByTestId('staff-name');
  }
  /** Each language button is named in its own language ("NL, Nederlands"). */
  async chooseLanguage(name: LanguageName) {
    await this.page.getByRole('button', { name }).first().click();
  }
  async open(screen: Screen) {
    await this.page.getByTestId(`nav-${screen}`).click();
  }
  async lock() {
    await this.page.getByTestId('lock-button').click();
    await expect(this.page.getByTestId('lock-screen')).toBeVisible();
  }
  async switchPerson() {
    await this.page.getByTestId('switch-button').click();
    await expect(this.page.getByTestId('lock-screen')).toBeVisible();
  }
}
