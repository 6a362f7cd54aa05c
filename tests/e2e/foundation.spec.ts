import { test, expect } from './support/fixtures';
import { StationShell } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { SupervisorPage } from './pages/supervisor-page';
import { DEMO_STAFF } from './pages/scanner';

test.describe('station foundation', () => {
  test('shows live status read from the station database', async ({ station }) => {
    const shell = new StationShell(station.page);
    await expect(shell.statusBar).toBeVisible();
    await expect(shell.role).toContainText('station-1');
    await new SignInPage(station.page).signIn(DEMO_STAFF.supervisor);
    await new SupervisorPage(station.page).open('settings');
    await expect(station.page.getByTestId('overview-schema')).toHaveText(/^\d+$/);
  });

  test('switches every word on screen between the four languages', async ({ station }) => {
    const shell = new StationShell(station.page);
    const heading = station.page.getByRole('heading', { level: 1 });
    for (const [name, text, lang] of [
      ['Nederlands', 'Meld u aan om te beginnen', 'nl'],
      ['Français', 'Connectez-vous pour commencer', 'fr'],
      ['Deutsch', 'Zum Beginnen anmelden', 'de'],
      ['English', 'Sign in to start', 'en'],
    ] as const) {
      await shell.chooseLanguage(name);
      await expect(heading).toHaveText(text);
      await expect(station.page.locator('html')).toHaveAttribute('lang', lang);
    }
  });

  test('saves settings through the contract and refuses invalid ones with a message', async ({ station }) => {
    const shell = new StationShell(station.page);
    await new SignInPage(station.page).signIn(DEMO_STAFF.supervisor);
    await new SupervisorPage(station.page).open('settings');
    await station.page.getByLabel('Station role').selectOption('checkin');
    await station.page.getByRole('button', { name: 'Save settings' }).click();
    await expect(station.page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
    await expect(shell.role).toContainText('Check-in');
    await station.page.getByLabel('Federal backend URL').fill('not a url');
    await station.page.getByRole('button', { name: 'Save settings' }).click();
    await expect(station.page.getByRole('alert').filter({ hasText: 'federalUrl' })).toBeVisible();
  });

  test('the page cannot reach Node, and the boundary refuses what the contract does not allow', async ({ station }) => {
    const reach = await station.page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
    }));
    expect(reach).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' });
    if (station.host) {
      // Same origin as the page, but without the token: refused.
      const noToken = await station.page.evaluate(async () => (await fetch('/api/station.status', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status);
      expect(noToken).toBe(401);
      const token = station.host.token;
      const unknown = await station.page.evaluate(async (t) => (await fetch('/api/fs.readFile', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` }, body: '{}' })).json(), token);
      expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      // A language switch is public, so its bad value reaches validation; other settings need a supervisor first.
      const malformed = await station.page.evaluate(async (t) => (await fetch('/api/settings.update', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` }, body: '{"language":"tlh"}' })).json(), token);
      expect(malformed).toMatchObject({ ok: false, error: { code: 'validation' } });
    } else {
      const bridge = await station.page.evaluate(() => Object.keys((window as unknown as { dosedesk: object }).dosedesk));
      expect(bridge.sort()).toEqual(['call', 'on']);
      const malformed = await station.page.evaluate(() => (window as unknown as { dosedesk: { call: Record<string, (a: unknown) => Promise<unknown>> } }).dosedesk.call['settings.update']!({ language: 'tlh' }));
      expect(malformed).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
  });

  test('the token leaves the address bar once read', async ({ station }) => {
    test.skip(!station.host, 'Electron has no token in its address');
    await expect(station.page.getByTestId('status-bar')).toBeVisible();
    expect(station.page.url()).not.toContain('token=');
  });
});
