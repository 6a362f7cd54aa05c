import { expect, type Locator, type Page } from '@playwright/test';
import { VaccinatorPage } from './vaccinator-page';

/** Demo vials beyond the scanner's two (src/main/station/reports/demo-guide.ts): GTIN, expiry 2049-12-31, lot. */
export const MORE_DEMO_VIALS = {
  vaxzevria: '0105000456789011' + '17491231' + '10DEMOVAX01',
} as const;

/** Demo citizens of the visit-safety walk (src/main/station/demo/demo-people.ts). */
export const SAFETY_CITIZENS = {
  /** Invited for Vaxzevria only. */
  janssens: { ssin: '58041903361', name: 'Luc Janssens' },
  /** First Comirnaty dose 10 days before the station's day. */
  claes: { ssin: '83010116503', name: 'Maarten Claes' },
} as const;

/** The vaccinator's visit where it can stop: a refused vial, a warning on the person, no dose. */
export class VisitSafetyPage extends VaccinatorPage {
  readonly vialError: Locator;
  readonly openVials: Locator;
  readonly warnings: Locator;
  readonly cancel: Locator;
  readonly notGivenRecorded: Locator;
  readonly administrationSummary: Locator;
  readonly idle: Locator;
  readonly doseAdministration: Locator;
  constructor(page: Page) {
    super(page);
    this.vialError = page.getByTestId('vial-error');
    this.openVials = page.getByTestId('open-vial');
    this.warnings = page.getByTestId('person-warnings');
    this.cancel = page.getByTestId('cancel-person');
    this.notGivenRecorded = page.getByTestId('not-given-recorded');
    this.administrationSummary = page.getByTestId('administration-summary');
    this.idle = page.locator('.idle-hint');
    this.doseAdministration = page.getByTestId('dose-administration');
  }
  /** One tap on a site, side or route choice of the confirm step, e.g. ('side', 'right'). */
  async choose(part: 'side' | 'site' | 'route', value: string) {
    await this.page.getByTestId(`administration-${part}-${value}`).click();
  }
  /** "Not vaccinated": the reason by its label in the screen's language, an optional note, then record. */
  async notVaccinated(reasonLabel: string, note?: string) {
    await this.page.getByTestId('not-given-open').click();
    const panel = this.page.getByTestId('not-given-panel');
    await panel.getByLabel(reasonLabel, { exact: true }).check();
    if (note) await panel.locator('textarea').fill(note);
    await this.page.getByTestId('not-given-confirm').click();
  }
  /** A person scan and a clean screening that reach the vial step. */
  async personToVial(ssin: string, name: string) {
    await this.scan(ssin);
    await expect(this.personName).toHaveText(name);
    await this.screening.clean();
    await expect(this.vialStep).toBeVisible();
  }
}
