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
    // The questions come from the station: counted once the first one is there and focused.
    await expect(this.questions.first().locator('input').first()).toBeFocused();
    const n = await this.questions.count();
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

/** The supervisor's screening questions: list, add, change (a new version), retire. */
export class ScreeningAdminPage {
  readonly panel: Locator;
  readonly rows: Locator;
  readonly form: Locator;
  constructor(readonly page: Page) {
    this.panel = page.getByTestId('screening-admin');
    this.rows = page.getByTestId('screening-row');
    this.form = page.getByTestId('screening-form');
  }
  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }
  /** Fills the open form: the question in each language (labels in the screen's language name them), and saves it. */
  async fill(text: { nl: string; fr: string; de: string; en: string }, options: { position?: string; needsDecision?: boolean } = {}) {
    const inputs = this.form.locator('input[lang]');
    for (const [i, value] of [text.nl, text.fr, text.de, text.en].entries()) await inputs.nth(i).fill(value);
    if (options.position !== undefined) await this.form.locator('input[inputmode="numeric"]').fill(options.position);
    if (options.needsDecision !== undefined) await this.form.locator('input[type="checkbox"]').first().setChecked(options.needsDecision);
    await this.page.getByTestId('screening-save').click();
    await expect(this.form).toHaveCount(0);
  }
}
