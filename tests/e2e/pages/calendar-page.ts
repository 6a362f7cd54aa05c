import { expect, type Locator, type Page } from '@playwright/test';

/** The supervisor's Calendar section: two weeks of sessions, adding one, closing one. */
export class CalendarPage {
  readonly sessions: Locator;
  constructor(readonly page: Page) {
    this.sessions = page.getByTestId('calendar-session');
  }
  async showFrom(day: string) {
    const field = this.page.locator('#calendar-date');
    await field.fill(day);
    await field.press('Enter');
  }
  async addSession(s: { date: string; start: string; end: string; slotMinutes: number; booths: number }) {
    const form = this.page.getByTestId('session-form');
    await form.locator('#session-date').fill(s.date);
    await form.locator('#session-date').press('Tab');
    await form.locator('#session-start').fill(s.start);
    await form.locator('#session-end').fill(s.end);
    await form.locator('#session-slot').fill(String(s.slotMinutes));
    await form.locator('#session-booths').fill(String(s.booths));
    await form.getByTestId('session-submit').click();
    await expect(form.getByTestId('session-added')).toBeVisible();
  }
  session(text: string | RegExp): Locator {
    return this.sessions.filter({ hasText: text });
  }
}
