import { test, expect } from './support/fixtures';
import { callHost, signInOverHttp } from './support/host-process';
import { checkScreen } from './support/screen-checks';
import { SignInPage } from './pages/sign-in-page';
import { StationShell } from './pages/station-shell';
import { PaperPage } from './pages/paper-page';
import { DEMO_CITIZENS, DEMO_STAFF, DEMO_VIALS } from './pages/scanner';
import { demoInvitationCode, demoSsin } from '../../src/main/station/demo/demo-people';

/** 50 people invited for Comirnaty, with valid national numbers (born 1970, serials 301, 303, …). */
const PEOPLE = Array.from({ length: 51 }, (_, i) => {
  const ssin = demoSsin(`1970-0${1 + (i % 9)}-${String(10 + (i % 18)).padStart(2, '0')}`, 301 + 2 * i);
  return { ssin, familyName: `Papier${i + 1}`, givenNames: 'Jan' };
});
const invitationsCsv = ['code;ssin;surname;given_names;language;product', ...PEOPLE.map((p) => `${demoInvitationCode(p.ssin)};${p.ssin};${p.familyName};${p.givenNames};nl;comirnaty`)].join('\n');

/** Paper of this morning before the station came back (the fixed station clock is 09:30): 08:00, 08:01, … */
const timeOf = (i: number) => `08:${String(i).padStart(2, '0')}`;

type DayPlan = { products: { productCode: string; dosesGiven: number }[] };

test.describe('paper records', () => {
  test('in Dutch: 50 paper records re-keyed without the mouse, counted by the day plan; a future time refused, nothing recorded', async ({ station }, testInfo) => {
    test.skip(!station.host, 'imports the people and opens a vial over HTTP');
    // 50 records, each a booking and a card: room on a shared test machine (no timing is asserted).
    test.setTimeout(12 * 60_000);
    const { page, host } = { page: station.page, host: station.host! };
    const supervisor = await signInOverHttp(host, DEMO_STAFF.supervisor);
    const imported = await callHost(host, 'imports.invitations', { text: invitationsCsv, dryRun: false }, supervisor);
    expect(imported.ok).toBe(true);
    const nurse = await signInOverHttp(host, DEMO_STAFF.vaccinator);
    expect((await callHost(host, 'vials.use', { text: DEMO_VIALS.comirnaty }, nurse)).ok).toBe(true);
    // Signed in again for each look: a session left idle while the paper is typed locks.
    const givenToday = async () => {
      const plan = await callHost<DayPlan>(host, 'booking.dayPlan', {}, await signInOverHttp(host, DEMO_STAFF.supervisor));
      if (!plan.ok) throw new Error(plan.error.code);
      return plan.result.products.find((p) => p.productCode === 'comirnaty')?.dosesGiven ?? 0;
    };
    const before = await givenToday();

    await new StationShell(page).chooseLanguage('Nederlands');
    await new SignInPage(page).signIn(DEMO_STAFF.vaccinator);
    const paper = new PaperPage(page);
    await paper.openByKeyboard();
    await expect(paper.heading).toHaveText('Papieren registraties');
    await checkScreen(page, testInfo, 'paper-empty-nl');

    await paper.firstRecord(PEOPLE[0]!.ssin, timeOf(0), DEMO_STAFF.vaccinator);
    await expect(paper.count).toHaveText('Ingevoerd in deze sessie (1)');
    for (let i = 1; i < 50; i++) {
      await paper.nextRecord(PEOPLE[i]!.ssin, timeOf(i));
      await expect(paper.count).toHaveText(`Ingevoerd in deze sessie (${i + 1})`);
    }
    await expect(paper.rows).toHaveCount(50);
    // Each one with its dose-2 appointment (or the follow-up desk) and its card.
    await expect(paper.rows.first()).toContainText('In de afdrukwachtrij');
    await expect(paper.vaccinator).toHaveValue(DEMO_STAFF.vaccinator);
    await checkScreen(page, testInfo, 'paper-50-nl');
    expect(await givenToday()).toBe(before + 50);

    // A time later than the station clock: refused next to the time, in Dutch, what was typed kept.
    const late = PEOPLE[50]!;
    await paper.nextRecord(late.ssin, '23:59');
    await expect(paper.timeError).toContainText('ligt na het huidige uur van dit station');
    await expect(paper.ssin).toHaveValue(late.ssin);
    await expect(paper.time).toHaveValue('23:59');
    await expect(paper.time).toBeFocused();
    await expect(paper.rows).toHaveCount(50);
    await checkScreen(page, testInfo, 'paper-refused-nl');
    expect(await givenToday()).toBe(before + 50);
  });

  test('in German: a lot typed from the paper with its vaccine, an unknown vaccinator refused next to its field, then recorded', async ({ station }, testInfo) => {
    const page = station.page;
    await new StationShell(page).chooseLanguage('Deutsch');
    await new SignInPage(page).signIn(DEMO_STAFF.vaccinator);
    const paper = new PaperPage(page);
    await paper.openByKeyboard();
    await expect(paper.heading).toHaveText('Papiererfassung');
    await paper.typeLot('comirnaty', 'PAPIER7', '31.12.2049');
    await expect(paper.lot.locator('option:checked')).toContainText('PAPIER7');

    await paper.ssin.focus();
    await paper.firstRecord(DEMO_CITIZENS.schroder.ssin, '08:45', 'NIEMAND');
    await expect(page.getByTestId('paper-vaccinator-error')).toContainText('Kein aktives Personalmitglied hat die Nummer NIEMAND');
    await expect(paper.vaccinator).toBeFocused();
    await expect(paper.ssin).toHaveValue(DEMO_CITIZENS.schroder.ssin);
    await checkScreen(page, testInfo, 'paper-vaccinator-refused-de');

    await page.keyboard.press('Control+A');
    await page.keyboard.type(DEMO_STAFF.vaccinator);
    await page.keyboard.press('Enter');
    await expect(paper.count).toHaveText('In dieser Sitzung erfasst (1)');
    await expect(paper.rows.first()).toContainText('PAPIER7');
    await expect(paper.rows.first()).toContainText(DEMO_CITIZENS.schroder.name);
  });
});
