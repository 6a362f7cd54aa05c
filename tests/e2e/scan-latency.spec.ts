import { test, expect } from './support/fixtures';
import { SignInPage } from './pages/sign-in-page';
import { CheckinPage } from './pages/checkin-page';
import { ALL_DEMO_SSINS, DEMO_STAFF, scan } from './pages/scanner';

/**
 * Scanner bursts in quick succession each show the person card of THAT scan, never a stale one.
 * How fast is a benchmark (`npm run bench`: scan to person card), not a test.
 */
test('each of 20 quick scanner bursts shows its own person card', async ({ station }) => {
  const page = station.page;
  await new SignInPage(page).signIn(DEMO_STAFF.checkin);
  const desk = new CheckinPage(page);
  await expect(desk.heading).toHaveText('Check-in');
  const formatted = (ssin: string) => `${ssin.slice(0, 2)}.${ssin.slice(2, 4)}.${ssin.slice(4, 6)}-${ssin.slice(6, 9)}.${ssin.slice(9)}`;
  let previousSeq: string | undefined;
  for (let i = 0; i < 20; i++) {
    const ssin = ALL_DEMO_SSINS[i % ALL_DEMO_SSINS.length]!;
    await scan(page, ssin, 3);
    await expect(desk.personCard.getByTestId('person-ssin')).toHaveText(formatted(ssin));
    const seq = await desk.personCard.getAttribute('data-scan-seq');
    expect(seq).not.toBe(previousSeq);
    previousSeq = seq ?? undefined;
  }
});
