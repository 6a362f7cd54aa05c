import { test, expect } from './support/fixtures';
import { callHost, signInOverHttp } from './support/host-process';
import { checkScreen } from './support/screen-checks';
import { SignInPage } from './pages/sign-in-page';
import { StationShell } from './pages/station-shell';
import { SupervisorPage } from './pages/supervisor-page';
import { VialsStandbyPage } from './pages/vials-standby-page';
import { DEMO_STAFF, DEMO_VIALS } from './pages/scanner';

/** The demo's Wednesday (the fixed station day) at 12:10: its morning session ends at 12:30. */
const NEAR_SESSION_END = '2026-05-06T12:10:00+02:00';

test.describe('the end of the day', () => {
  test('in German: a vial with leftovers is closed with a confirmation and a reason, a bad phone is refused, the standby list to call appears', async ({ openHost }, testInfo) => {
    const { page, host } = await openHost({ clock: NEAR_SESSION_END });
    // Two vials of the demo lot are open: one is thrown away, the other still holds 6 doses.
    const nurse = await signInOverHttp(host, DEMO_STAFF.vaccinator);
    const lot = await callHost<{ lotId: string }>(host, 'vials.scan', { text: DEMO_VIALS.comirnaty }, nurse);
    if (!lot.ok) throw new Error(lot.error.code);
    for (let i = 0; i < 2; i++) expect((await callHost(host, 'vials.open', { lotId: lot.result.lotId }, nurse)).ok).toBe(true);

    await new StationShell(page).chooseLanguage('Deutsch');
    await new SignInPage(page).signIn(DEMO_STAFF.supervisor);
    await new SupervisorPage(page).open('vials');
    const vials = new VialsStandbyPage(page);
    const open = vials.vial('DEMOCOM01');
    await expect(open).toHaveCount(2);

    // Closing asks first: how many doses go, and why.
    await open.first().getByRole('button', { name: 'Fläschchen schließen', exact: true }).click();
    await expect(open.first()).toContainText('Dieses Fläschchen schließen und 6 Dosen verwerfen?');
    await checkScreen(page, testInfo, 'vial-close-de');
    await vials.closeVial(open.first(), { close: 'Fläschchen schließen', reason: 'Verunreinigt oder heruntergefallen', confirm: /Schließen und 6 Dosen verwerfen/ });
    await expect(open).toHaveCount(1);

    // A standby entry with "abc" as phone is refused in German, then a good one is added.
    const labels = { name: 'Name', phone: 'Telefon', add: 'Zur Liste hinzufügen' };
    await vials.addStandby({ name: 'Jürgen Schröder', phone: 'abc', product: 'Comirnaty (Pfizer-BioNTech)' }, labels);
    await expect(vials.error).toContainText('„abc“ ist keine Telefonnummer.');
    await vials.addStandby({ name: 'Jürgen Schröder', phone: '0470 12 34 56', product: 'Comirnaty (Pfizer-BioNTech)' }, labels);

    // 20 minutes before the session ends: the person is on the list to call, with the answers.
    await expect(vials.toCall).toContainText('Jetzt anrufen: 6 Dosen in offenen Fläschchen übrig, die Sitzung endet um 12:30');
    const person = vials.person('Jürgen Schröder');
    await expect(person).toContainText('+32470123456');
    await person.getByRole('button', { name: 'Kommt' }).click();
    await expect(person).toContainText('kommt');
    await checkScreen(page, testInfo, 'standby-to-call-de');
  });
});
