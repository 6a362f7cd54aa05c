import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openPage, test } from './support/fixtures';
import { callHost, signInOverHttp, startHostProcess, type HostProcess } from './support/host-process';
import { checkScreen } from './support/screen-checks';
import { SetupPage } from './pages/setup-page';
import { SupervisorPage } from './pages/supervisor-page';
import { ImportsPage } from './pages/imports-page';
import { CalendarPage } from './pages/calendar-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * Issue 15: a real centre stands up from the screens alone. A host started WITHOUT --demo on an
 * empty folder opens on the set-up screen; in Dutch: the centre, its first supervisor, the three
 * spreadsheets of resources/demo, then a session added on the calendar and closed.
 */
const DEMO = join(process.cwd(), 'resources', 'demo');
const PASSPHRASE = 'heysel hall five spring';

/** Through the contract: a vaccinator added by the supervisor gives two invited people their first dose (dose 2 is booked). */
async function vaccinateTwo(host: HostProcess): Promise<void> {
  const supervisor = await signInOverHttp(host, 'SUP-1', '482916');
  const added = await callHost(host, 'staff.create', { displayName: 'Dr. Jan Maes', nihdi: '10000000001', roles: ['vaccinator'], pin: '583927' }, supervisor);
  expect(added.ok).toBe(true);
  const vaccinator = await signInOverHttp(host, '10000000001', '583927');
  const lot = await callHost<{ lotId: string }>(host, 'vials.registerLot', { productCode: 'comirnaty', lot: 'LOTE2E1', expiry: '2026-12-31' }, vaccinator);
  if (!lot.ok) throw new Error(lot.error.code);
  for (const ssin of ['85073000457', '61021401782']) {
    const given = await callHost<{ next: { kind: string } }>(host, 'booking.administer', { ssin, lotId: lot.result.lotId, print: false }, vaccinator);
    if (!given.ok) throw new Error(`${ssin}: ${given.error.code} ${given.error.message}`);
    expect(given.result.next.kind).toBe('booked');
  }
}

test('a new centre in Dutch: set-up, first supervisor, three imports, a session added and closed', async ({ browser }, testInfo) => {
  // The whole set-up in one journey on a shared, loaded machine: a hang guard, not a speed check.
  test.setTimeout(240_000);
  const host = await startHostProcess({ demo: false });
  const { context, page } = await openPage(browser, host);
  try {
    await page.getByRole('button', { name: 'NL, Nederlands' }).click();
    const setup = new SetupPage(page);
    await setup.expectShown();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dit station inrichten');
    // Nothing personal before a supervisor exists: no sign-in screen, no demo guide.
    await expect(page.locator('.signin-aside')).toHaveCount(0);
    await checkScreen(page, testInfo, 'setup-create-nl');

    await setup.createCentre({ name: 'Vaccinatiecentrum Heizel', id: 'bxl-heysel', address: ['Belgiëplein 1', '1020 Brussel'] });
    await expect(page.getByTestId('first-supervisor')).toContainText('Vaccinatiecentrum Heizel');
    await checkScreen(page, testInfo, 'setup-supervisor-nl');
    await setup.createSupervisor({ name: 'Ann Peeters', code: 'SUP-1', pin: '482916' });
    await expect(page.getByTestId('staff-name')).toHaveText('Ann Peeters');

    const supervisor = new SupervisorPage(page);
    await supervisor.open('imports');
    const imports = new ImportsPage(page);
    await imports.choose('products', join(DEMO, 'products.csv'));
    await expect(await imports.run('products', true)).toContainText('Gecontroleerd, niets geschreven');
    await expect(await imports.run('products', false)).toContainText('Geïmporteerd');
    await imports.choose('calendar', join(DEMO, 'calendar.csv'));
    await expect(await imports.run('calendar', true)).toContainText(/Gecontroleerd, niets geschreven: \d+ nieuwe sessie\(s\), \d+ tijdsloten, \d+ plaatsen; 0 rij\(en\) bestonden al/);
    await expect(await imports.run('calendar', false)).toContainText(/Geïmporteerd: \d+ nieuwe sessie/);
    await imports.choose('invitations', join(DEMO, 'invitations.csv'));
    await expect(await imports.run('invitations', false)).toContainText(/Geïmporteerd: \d+ nieuwe uitnodiging/);
    // The same calendar again adds nothing; a bad row names its line and writes nothing.
    await imports.choose('calendar', join(DEMO, 'calendar.csv'));
    await expect(await imports.run('calendar', false)).toContainText('Geïmporteerd: 0 nieuwe sessie(s)');
    const bad = testInfo.outputPath('bad-calendar.csv');
    writeFileSync(bad, 'date;start;end;product;slot_minutes;capacity\n2026-05-07;09:00;12:00;comirnaty;15;4\n2026-05-08;13:00;12:00;comirnaty;15;4\n');
    await imports.choose('calendar', bad);
    await expect(await imports.run('calendar', false)).toContainText('Regel 3:');
    // A file saved in another encoding than UTF-8 is refused by its line, as the command line does.
    const latin1 = testInfo.outputPath('latin1-invitations.csv');
    writeFileSync(latin1, Buffer.from('code;ssin;surname;given_names;language;product\nABC123;85073000457;M\xfcller;Zo\xeb;de;comirnaty\n', 'latin1'));
    await imports.choose('invitations', latin1);
    await expect(await imports.run('invitations', true)).toContainText('Regel 2 bevat tekens die geen UTF-8 zijn');
    await checkScreen(page, testInfo, 'imports-nl');

    await supervisor.open('calendar');
    const calendar = new CalendarPage(page);
    await calendar.showFrom('07-05-2026');
    // The refused file wrote nothing: no session on 7 May yet.
    await expect(calendar.sessions).toHaveCount(0);
    await calendar.addSession({ date: '07-05-2026', start: '09:00', end: '11:00', slotMinutes: 15, booths: 2 });
    const row = calendar.session('09:00–11:00');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('8 × 2 (15 min)');
    await expect(row).toContainText('open');
    // The booths the places were counted from stay with the session, and can be changed alone.
    await expect(row.getByTestId('session-booths')).toHaveText('2');
    await row.getByTestId('session-booths-change').click();
    await page.getByTestId('booths-count').fill('3');
    await page.getByTestId('booths-submit').click();
    await expect(page.getByTestId('calendar-error')).toContainText('2 plaatsen per tijdslot kunnen niet gelijk verdeeld worden over 3 boxen');
    await page.getByTestId('booths-count').fill('1');
    await page.getByTestId('booths-submit').click();
    await expect(page.getByTestId('calendar-message')).toHaveText('De boxen zijn opgeslagen.');
    await expect(row.getByTestId('session-booths')).toHaveText('1');
    await expect(row).toContainText('8 × 2 (15 min)');
    await checkScreen(page, testInfo, 'calendar-nl');
    // Two people vaccinated today get their dose 2 in a session three weeks on.
    await calendar.addSession({ date: '27-05-2026', start: '09:00', end: '11:00', slotMinutes: 15, booths: 1 });
    await vaccinateTwo(host);
    await calendar.showFrom('27-05-2026');
    const booked = calendar.session('09:00–');
    await expect(booked).toContainText('8 × 1 (15 min)');
    await expect(booked.locator('td').nth(4)).toHaveText('2');
    // Fewer places is refused until the supervisor says what happens to the people it affects.
    await booked.getByTestId('session-change').click();
    await page.locator('#change-end').fill('09:15');
    await page.getByTestId('change-submit').click();
    await expect(page.getByTestId('change-confirm')).toContainText(/Deze wijziging raakt [12] mensen/);
    // The count is this station's own: the other stations move theirs when the change reaches them.
    await expect(page.getByTestId('change-scope')).toHaveText('Alleen op dit station geteld; andere stations verplaatsen hun boekingen zodra ze de wijziging ontvangen.');
    await checkScreen(page, testInfo, 'calendar-change-confirm-nl');
    await page.getByTestId('change-move').click();
    await expect(page.getByTestId('calendar-message')).toHaveText(/De sessie is gewijzigd; [12] mensen staan op de opvolgingslijst/);
    await expect(booked).toContainText('1 × 1 (15 min)');
    // Closing says how many are still booked in it, and moves them too: nobody is dropped.
    const still = Number(await booked.locator('td').nth(4).textContent());
    if (still > 0) {
      await booked.getByTestId('session-close').click();
      await expect(page.getByTestId('close-confirm')).toContainText(`Er zijn ${still} mensen geboekt`);
      await page.getByTestId('close-move').click();
    } else await booked.getByTestId('session-close').click();
    await expect(booked).toContainText('gesloten');
    const followUp = await callHost<unknown[]>(host, 'booking.toBeBooked', {}, await signInOverHttp(host, 'SUP-1', '482916'));
    expect(followUp.ok && followUp.result.length).toBe(2);

    await calendar.showFrom('07-05-2026');
    await row.getByTestId('session-close').click();
    await expect(page.getByTestId('calendar-message')).toHaveText('De sessie is gesloten.');
    await expect(row).toContainText('gesloten');
    await expect(row.getByTestId('session-close')).toHaveCount(0);
  } finally {
    await context.close();
    await host.stop();
  }
});

test('a second station joins in French from the centre file the first one exported on screen', async ({ browser }, testInfo) => {
  const first = await startHostProcess({ demo: false });
  const second = await startHostProcess({ demo: false, extraArgs: ['--station', 'desk-2'] });
  const opened: { close(): Promise<void> }[] = [];
  try {
    // The first station set up through the contract (the screens of that are the test above).
    expect((await callHost(first, 'centre.create', { centreId: 'bxl-heysel', name: 'Centre de vaccination du Heysel', languages: ['fr', 'nl'], openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] })).ok).toBe(true);
    const signed = await callHost<{ sessionId: string }>(first, 'centre.firstSupervisor', { displayName: 'Claire Dubois', code: 'SUP-1', pin: '482916' });
    if (!signed.ok) throw new Error(signed.error.code);
    for (const kind of ['products', 'calendar'] as const) {
      const text = readFileSync(join(DEMO, `${kind}.csv`), 'utf8');
      expect((await callHost(first, `imports.${kind}`, { text, dryRun: false }, signed.result.sessionId)).ok).toBe(true);
    }

    const a = await openPage(browser, first);
    opened.push(a.context);
    await a.page.getByRole('button', { name: 'FR, Français' }).click();
    await new SignInPage(a.page).signIn('SUP-1', '482916');
    await new SupervisorPage(a.page).open('settings');
    const file = await SetupPage.exportCentreFile(a.page, PASSPHRASE, testInfo.outputPath('heysel.dosedesk-centre'));
    await checkScreen(a.page, testInfo, 'centre-file-fr');

    const b = await openPage(browser, second);
    opened.push(b.context);
    await b.page.getByRole('button', { name: 'FR, Français' }).click();
    const setup = new SetupPage(b.page);
    await setup.expectShown();
    await setup.join(file, 'pas la bonne phrase secrète');
    await expect(b.page.getByTestId('join-error')).toHaveText(/Cette phrase secrète n’ouvre pas ce fichier de centre/);
    await checkScreen(b.page, testInfo, 'setup-join-fr');
    await b.page.locator('#join-passphrase').fill(PASSPHRASE);
    await b.page.locator('#join-passphrase').press('Enter');
    // The centre's supervisor exists now: the station asks who is there, in the centre's name.
    const signIn = new SignInPage(b.page);
    await expect(b.page.getByTestId('signin-station')).toContainText('Centre de vaccination du Heysel');
    await signIn.signIn('SUP-1', '482916');
    await signIn.expectSignedIn('Claire Dubois');
    await new SupervisorPage(b.page).open('calendar');
    const calendar = new CalendarPage(b.page);
    await calendar.showFrom('04/01/2027');
    await expect(calendar.sessions.first()).toBeVisible();
    expect(await calendar.sessions.count()).toBeGreaterThan(3);
  } finally {
    for (const c of opened) await c.close();
    await first.stop();
    await second.stop();
  }
});
