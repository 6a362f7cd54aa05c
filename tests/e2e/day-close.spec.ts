import { test, expect } from './support/fixtures';
import { callHost, signInOverHttp, STATION_CLOCK } from './support/host-process';
import { checkScreen } from './support/screen-checks';
import { SignInPage } from './pages/sign-in-page';
import { StationShell } from './pages/station-shell';
import { SupervisorPage } from './pages/supervisor-page';
import { DayClosePage } from './pages/day-close-page';
import { DEMO_CITIZENS, DEMO_STAFF, DEMO_VIALS } from './pages/scanner';

/** The fixed station day (a Wednesday); the invitation's start is later that morning. */
const TODAY = STATION_CLOCK.slice(0, 10);

test.describe('the day closes', () => {
  test('in French: the day plan shows the expected dose-1 visits, and the report the reconciliation after a dose, a refusal and a dropped vial', async ({ openHost }, testInfo) => {
    const { page, host } = await openHost();
    const supervisor = await signInOverHttp(host, DEMO_STAFF.supervisor);
    // The centre invited someone for a first Comirnaty dose today, and someone else tomorrow.
    const invitations = [
      'code;ssin;surname;given_names;language;product;start',
      `Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj;85073000457;Müller-Weiß;Zoë;de;comirnaty;${TODAY} 11:15`,
      `Qw3Er5Ty7Ui9Op2As4Df6Gh8Jk;72090804826;Dubois;Hélène;fr;comirnaty;2026-05-07 11:15`,
    ].join('\n');
    const imported = await callHost(host, 'imports.invitations', { text: invitations, dryRun: false }, supervisor);
    expect(imported.ok).toBe(true);

    await new StationShell(page).chooseLanguage('Français');
    await new SignInPage(page).signIn(DEMO_STAFF.supervisor);
    const supervisorPage = new SupervisorPage(page);
    const day = new DayClosePage(page);
    await supervisorPage.open('day');
    await expect(day.split('comirnaty')).toContainText('dose 1 attendue : 1');
    await expect(day.expectedFrom('comirnaty')).toContainText('selon les invitations : 1');
    await expect(day.productFigure('comirnaty')).toContainText('Dose 2 réservée ici');
    await checkScreen(page, testInfo, 'day-plan-expected-fr');

    // A vaccinator gives one dose; this station has no federal backend, so it waits in the outbox.
    const nurse = await signInOverHttp(host, DEMO_STAFF.vaccinator);
    const lot = await callHost<{ lotId: string }>(host, 'vials.scan', { text: DEMO_VIALS.comirnaty }, nurse);
    if (!lot.ok) throw new Error(lot.error.code);
    const given = await callHost(host, 'booking.administer', { ssin: DEMO_CITIZENS.peeters.ssin, lotId: lot.result.lotId, print: false }, nurse);
    if (!given.ok) throw new Error(`${given.error.code} ${given.error.message}`);
    // Someone else refuses, and a second vial is dropped: the screen shows both by reason.
    const refused = await callHost(host, 'booking.notGiven', { ssin: DEMO_CITIZENS.wouters.ssin, reason: 'PATOBJ' }, nurse);
    if (!refused.ok) throw new Error(`${refused.error.code} ${refused.error.message}`);
    const dropped = await callHost<{ id: string }>(host, 'vials.open', { lotId: lot.result.lotId }, nurse);
    if (!dropped.ok) throw new Error(dropped.error.code);
    const closed = await callHost(host, 'vials.close', { vialId: dropped.result.id, reason: 'contaminated' }, nurse);
    if (!closed.ok) throw new Error(`${closed.error.code} ${closed.error.message}`);

    await supervisorPage.open('report');
    await expect(day.reconciliation).toBeVisible();
    await expect(day.figure('given')).toContainText('Doses administrées ici');
    await expect(day.figure('given')).toContainText('1');
    await expect(day.figure('at-backend')).toContainText('0');
    await expect(day.figure('waiting')).toContainText('2');
    await expect(page.getByTestId('reconciliation-not-given')).toContainText('1');
    await expect(day.figure('in-review')).toContainText('0');
    await expect(day.verdict).toContainText('Équilibré');
    await expect(page.getByTestId('reconciliation-appointments')).toContainText('Rendez-vous modifiés ici ce jour-là');
    await expect(day.differences).toContainText('Anneleen Peeters');
    await expect(day.differences).toContainText('En attente d’envoi');
    await expect(day.differences).toContainText('Céline Wouters');
    await expect(page.getByTestId('report-doses')).toContainText('Non vaccinés : La personne refuse');
    await expect(page.getByTestId('report-vials')).toContainText('Jetées : Contaminé ou tombé');
    await checkScreen(page, testInfo, 'reconciliation-fr');
  });
});
