import type { Locator, Page } from '@playwright/test';

export type Section = 'day' | 'observation' | 'calendar' | 'capacity' | 'imports' | 'vials' | 'sync' | 'printers' | 'messages' | 'report' | 'staff' | 'vaccines' | 'rules' | 'screening' | 'settings';

/** The supervisor's sections. */
export class SupervisorPage {
  readonly heading: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
  }
  async open(section: Section) {
    await this.page.getByTestId(`section-${section}`).click();
  }
}
