import { expect, type Locator, type Page } from '@playwright/test';

/** The observation after a dose on the vaccinator screen, and the supervisor's "Under observation". */
export class ObservationPage {
  readonly panel: Locator;
  readonly time: Locator;
  readonly reactions: Locator;
  readonly reactionForm: Locator;
  readonly supervisorTable: Locator;
  constructor(readonly page: Page) {
    this.panel = page.getByTestId('observation-panel');
    this.time = page.getByTestId('observation-time');
    this.reactions = page.getByTestId('observation-reactions');
    this.reactionForm = page.getByTestId('reaction-form');
    this.supervisorTable = page.getByTestId('under-observation-table');
  }
  /**
   * A reaction by keyboard: the form opens on "what is seen", the severity and action are chosen
   * by their labels in the screen's language, Enter in the note records it.
   */
  async recordReaction(r: { manifestation: string; severity: string; action: string; note: string }) {
    await this.panel.getByTestId('observation-reaction-open').click();
    const what = this.reactionForm.getByTestId('reaction-manifestation');
    await expect(what).toBeFocused();
    await what.selectOption({ label: r.manifestation });
    await this.reactionForm.getByLabel(r.severity, { exact: true }).check();
    await this.reactionForm.getByTestId('reaction-action').selectOption({ label: r.action });
    const note = this.reactionForm.locator('#reaction-note');
    await note.fill(r.note);
    await note.press('Enter');
    await expect(this.reactionForm).toHaveCount(0);
  }
  supervisorRow(name: string): Locator {
    return this.page.getByTestId('under-observation-row').filter({ hasText: name });
  }
}
