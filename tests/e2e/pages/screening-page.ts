import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Pause after each key, as a person types: keys closer together than the scanner's burst gap
 * (src/renderer/scanner/config.ts) followed by Enter would read as a scan.
 */
const KEY_PAUSE_MS = 160;

/** The screening step at the vaccinator's booth: questions answered by key, decision, consent, Enter records. */
export class ScreeningPage {
  readonly step: Locator;
  readonly questions: Locator;
  readonly decision: Locator;
  readonly consent: Locator;
  readonly representativeName: Locator;
  readonly problem: Locator;
  readonly error: Locator;
  constructor(readonly page: Page) {
    this.step = page.getByTestId('screening-step');
    this.questions = page.locator('[data-testid^="screening-q-"]');
    this.decision = page.getByTestId('screening-decision');
    this.consent = page.getByTestId('screening-consent');
    this.representativeName = page.locator('#screening-representative');
    this.problem = page.getByTestId('screening-problem');
    this.error = page.getByTestId('screening-error');
  }
  /** One key, pressed like a person does. */
  async key(name: string) {
    await this.page.keyboard.press(name);
    await this.page.waitForTimeout(KEY_PAUSE_MS);
  }
  question(family: string): Locator {
    return this.page.getByTestId(`screening-q-${family}`);
  }
  /**
   * Answers every question by key, in order: `keys` is the letter per question (e.g. 'o' or 'n' in
   * French), or one letter for all. The focus must be on the first question when the step opens.
   */
  async answerByKeys(keys: string | string[]) {
    await expect(this.step).toBeVisible();
    const n = await this.questions.count();
    expect(n).toBeGreaterThan(0);
    await expect(this.questions.first().locator('input').first()).toBeFocused();
    for (let i = 0; i < n; i++) await this.key(typeof keys === 'string' ? keys : keys[i]!);
  }
  /** Every question "no" (N in every language), consent by the person, Enter: the step gives way to the vial. */
  async clean() {
    await this.answerByKeys('n');
    await expect(this.consent.locator('input').first()).toBeFocused();
    await this.key('Space');
    await this.key('Enter');
    await expect(this.step).toHaveCount(0);
  }
}
