import { expect, type Locator, type Page } from '@playwright/test';

export interface NewCentre {
  name: string;
  id: string;
  address: string[];
}

/** First start without a supervisor: create or join a centre, then the first supervisor. */
export class SetupPage {
  readonly screen: Locator;
  constructor(readonly page: Page) {
    this.screen = page.getByTestId('setup-screen');
  }
  async expectShown() {
    await expect(this.screen).toBeVisible();
  }
  /** By keyboard: the fields in order, the language and day boxes left as they are, Enter. */
  async createCentre(centre: NewCentre) {
    const form = this.page.getByTestId('create-centre');
    await form.locator('#centre-name').fill(centre.name);
    await form.locator('#centre-id').fill(centre.id);
    await form.locator('#centre-address').fill(centre.address.join('\n'));
    await form.locator('#centre-id').press('Enter');
  }
  async join(file: string, passphrase: string) {
    await this.page.getByTestId('setup-join').click();
    const form = this.page.getByTestId('join-centre');
    await form.locator('#join-file').setInputFiles(file);
    await form.locator('#join-passphrase').fill(passphrase);
    await form.locator('#join-passphrase').press('Enter');
  }
  /** Supervisor's settings: the centre file, downloaded; returns where it was saved. */
  static async exportCentreFile(page: Page, passphrase: string, saveAs: string): Promise<string> {
    const form = page.getByTestId('centre-file');
    await form.locator('#centre-file-passphrase').fill(passphrase);
    await form.locator('#centre-file-again').fill(passphrase);
    const download = page.waitForEvent('download');
    await form.locator('#centre-file-again').press('Enter');
    await (await download).saveAs(saveAs);
    await expect(form.getByTestId('centre-file-done')).toBeVisible();
    return saveAs;
  }
  async createSupervisor(person: { name: string; code: string; pin: string }) {
    const form = this.page.getByTestId('first-supervisor');
    await expect(form).toBeVisible();
    await form.locator('#supervisor-name').fill(person.name);
    await form.locator('#supervisor-code').fill(person.code);
    await form.locator('#supervisor-pin').fill(person.pin);
    await form.locator('#supervisor-pin-again').fill(person.pin);
    await form.locator('#supervisor-pin-again').press('Enter');
  }
}
