import { test, expect } from './support/fixtures';
import { callHost, signInOverHttp } from './support/host-process';
import { SignInPage } from './pages/sign-in-page';
import { CheckinPage } from './pages/checkin-page';
import { StationShell } from './pages/station-shell';
import { DEMO_CITIZENS, DEMO_STAFF } from './pages/scanner';

test.describe('check-in desk: arrivals are recorded by the station', () => {
  test('a second scan the same day says when the person checked in, in the screen language; the report counts it', async ({ station }, testInfo) => {
    const page = station.page;
    await new SignInPage(page).signIn(DEMO_STAFF.checkin);
    const desk = new CheckinPage(page);
    const already = page.getByTestId('already-checked-in');
    await expect(desk.heading).toHaveText('Check-in');
    // A scanner burst with the focus nowhere in particular (as at the desk).
    await desk.heading.click();

    await desk.scan(DEMO_CITIZENS.mertens.ssin);
    await expect(desk.personName).toHaveText(DEMO_CITIZENS.mertens.name);
    await expect(already).toHaveCount(0);
    await desk.confirmByKeyboard();
    await expect(desk.checkedIn).toContainText(DEMO_CITIZENS.mertens.name);
    // The list shows the time the station recorded; the next scan repeats it.
    const time = (await desk.checkedIn.locator('li').first().textContent())!.match(/\d{2}:\d{2}/)![0];

    await desk.scan(DEMO_CITIZENS.mertens.ssin);
    await expect(desk.personName).toHaveText(DEMO_CITIZENS.mertens.name);
    await expect(already).toHaveText(`Already checked in today at ${time}. Make sure this is not the same visit before you confirm again.`);
    await page.screenshot({ path: testInfo.outputPath('already-checked-in-en.png') });
    await new StationShell(page).chooseLanguage('Nederlands');
    await expect(already).toContainText(`Vandaag al ingecheckt om ${time}.`);
    await page.screenshot({ path: testInfo.outputPath('already-checked-in-nl.png') });

    // Another person has not checked in yet.
    await desk.scan(DEMO_CITIZENS.celik.ssin);
    await expect(desk.personName).toHaveText(DEMO_CITIZENS.celik.name);
    await expect(already).toHaveCount(0);

    if (station.host) {
      const boss = await signInOverHttp(station.host, DEMO_STAFF.supervisor);
      const report = await callHost<{ report: { arrivals: { checkedIn: number; repeated: number } } }>(station.host, 'reports.endOfDay', { format: 'json' }, boss);
      expect(report.ok && report.result.report.arrivals).toMatchObject({ checkedIn: 1, repeated: 0 });
    }
  });
});
