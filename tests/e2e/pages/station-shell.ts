import type { Locator, Page } from '@playwright/test';

/** Page model of what every screen shares: navigation, language switch, status bar. */
export class StationShell {
  readonly statusBar: Locator;
  readonly syncMode: Locator;
  readonly printerState: Locator;
  readonly role: Locator;
  constructor(readonly page: Page) {
    this.statusBar = page.getByTestId('status-bar');
    this.syncMode = page.getByTestId('sync-mode');
    this.printerState = page.getByTestId('printer-state');
    this.role = page.getByTestId('station-role');
  }
  async chooseLanguage(name: 'Nederlands' | 'Français' | 'Deutsch' | 'English') {
    await this.page.getByRole('button', { name }).click();
  }
  async open(screen: RegExp) {
    await this.page.getByRole('navigation').getByRole('button', { name: screen }).click();
  }
}
