import { test, expect } from './support/fixtures';
import { checkScreen } from './support/screen-checks';
import { SignInPage } from './pages/sign-in-page';
import { SupervisorPage } from './pages/supervisor-page';
import { StationShell, type LanguageName } from './pages/station-shell';
import { DEMO_STAFF } from './pages/scanner';

/** Each screen language writes the day its own way, whatever the browser's locale is. */
const LANGUAGES: readonly { name: LanguageName; code: string; sep: string; pattern: string; hint: string; title: string }[] = [
  { name: 'Nederlands', code: 'nl', sep: '-', pattern: 'dd-mm-jjjj', hint: 'Formaat dd-mm-jjjj, bv.', title: '31 december 2025' },
  { name: 'Français', code: 'fr', sep: '/', pattern: 'jj/mm/aaaa', hint: 'Format jj/mm/aaaa, p. ex.', title: '31 décembre 2025' },
  { name: 'Deutsch', code: 'de', sep: '.', pattern: 'TT.MM.JJJJ', hint: 'Format TT.MM.JJJJ, z. B.', title: '31. Dezember 2025' },
  { name: 'English', code: 'en', sep: '/', pattern: 'dd/mm/yyyy', hint: 'Format dd/mm/yyyy, e.g.', title: '31 December 2025' },
];

function brusselsDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
const local = (iso: string, sep: string) => iso.split('-').reverse().join(sep);

test.describe('date field', () => {
  test('shows and takes the day in the screen language (nl, fr, de, en), keeps YYYY-MM-DD for the API', async ({ station }, testInfo) => {
    test.setTimeout(90_000);
    const page = station.page;
    await new SignInPage(page).signIn(DEMO_STAFF.supervisor);
    const sup = new SupervisorPage(page);
    const shell = new StationShell(page);
    await sup.open('report');
    const field = page.locator('#report-date');
    const today = brusselsDay(station.host ? station.host.now() : new Date());

    for (const lang of LANGUAGES) {
      await shell.chooseLanguage(lang.name);
      await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
      // Today, in this language's format, with the format as the field's description.
      await expect(field).toHaveValue(local(today, lang.sep));
      await expect(field).toHaveAttribute('data-iso', today);
      await expect(field).toHaveAccessibleDescription(new RegExp(`^${lang.hint.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
      await expect(page.locator('#report-date-hint')).toContainText(lang.pattern);

      // Typed the local way: the panel moves to that day.
      await field.fill(`31${lang.sep}12${lang.sep}2025`);
      await field.press('Enter');
      await expect(field).toHaveAttribute('data-iso', '2025-12-31');
      await expect(sup.heading).toContainText(lang.title);
      await checkScreen(page, testInfo, `date-field-${lang.code}`);
      await page.screenshot({ path: testInfo.outputPath(`date-field-${lang.code}.png`) });

      // The day after, by its button, still in this format.
      await page.locator('.date-field').getByRole('button').last().click();
      await expect(field).toHaveValue(local('2026-01-01', lang.sep));
      await expect(field).toHaveAttribute('data-iso', '2026-01-01');

      // Not a day: said next to the field, the day shown stays.
      await field.fill(`31${lang.sep}02${lang.sep}2026`);
      await field.press('Enter');
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('#report-date-error')).toContainText(lang.pattern);
      await expect(field).toHaveAttribute('data-iso', '2026-01-01');
      await page.screenshot({ path: testInfo.outputPath(`date-field-invalid-${lang.code}.png`) });

      // Back to today for the next language; eight digits or an ISO date are taken too.
      await field.fill(lang.code === 'en' ? today : today.split('-').reverse().join(''));
      await field.press('Tab');
      await expect(field).toHaveAttribute('aria-invalid', 'false');
      await expect(field).toHaveAttribute('data-iso', today);
      await expect(field).toHaveValue(local(today, lang.sep));
    }
  });
});
