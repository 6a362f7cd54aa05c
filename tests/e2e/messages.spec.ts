import { test, expect } from './support/fixtures';
import { callHost, signInOverHttp } from './support/host-process';
import { SignInPage } from './pages/sign-in-page';
import { CheckinPage } from './pages/checkin-page';
import { SupervisorPage } from './pages/supervisor-page';
import { StationShell } from './pages/station-shell';
import { LockScreen } from './pages/lock-screen';
import { DEMO_CITIZENS, DEMO_STAFF } from './pages/scanner';
import { checkScreen } from './support/screen-checks';
import { smppGateway, smtpGateway } from '../integration/messages/gateways';

test.describe('citizen messages', () => {
  test('check-in takes the contact; a booking made while the gateways are down reaches the person once by e-mail and SMS; the status bar and the Messages panel show it', async ({ station }, testInfo) => {
    test.skip(!station.host, 'sets up the gateways and books over HTTP');
    const { page, host } = { page: station.page, host: station.host! };
    const smtp = await smtpGateway();
    const smpp = await smppGateway();
    try {
      const boss = await signInOverHttp(host, DEMO_STAFF.supervisor);
      const set = await callHost(host, 'settings.update', {
        messages: {
          email: { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'vaccination@centre.example.test' },
          sms: { kind: 'smpp', host: '127.0.0.1', port: smpp.port, systemId: 'dosedesk', sender: 'DoseDesk' },
        },
      }, boss);
      expect(set.ok).toBe(true);

      // Check-in: the person card takes the e-mail and mobile number, checked by the station.
      await new SignInPage(page).signIn(DEMO_STAFF.checkin);
      const desk = new CheckinPage(page);
      await desk.type(DEMO_CITIZENS.mertens.ssin);
      await expect(desk.personName).toHaveText(DEMO_CITIZENS.mertens.name);
      const editor = page.getByTestId('contact-editor');
      await editor.getByTestId('contact-email').fill('noel.mertens@example.test');
      await editor.getByTestId('contact-phone').fill('abc');
      await editor.getByTestId('contact-save').click();
      await expect(editor.getByTestId('contact-error')).toContainText('not valid');
      await editor.getByTestId('contact-phone').fill('0470 11 22 33');
      await editor.getByTestId('contact-save').click();
      await expect(editor.getByTestId('contact-saved')).toBeVisible();
      await checkScreen(page, testInfo, 'checkin-contact');

      // Booked while both gateways are down: the status bar shows the two messages waiting.
      const booked = await callHost(host, 'booking.book', { ssin: DEMO_CITIZENS.mertens.ssin, print: false }, boss);
      expect(booked.ok).toBe(true);
      await expect(page.getByTestId('messages-state')).toContainText('2 message(s) waiting', { timeout: 15_000 });

      await smtp.up();
      await smpp.up();
      await expect(page.getByTestId('messages-state')).toContainText('0 message(s) waiting', { timeout: 30_000 });
      expect(smtp.countFor('noel.mertens@example.test')).toBe(1);
      expect(smpp.countFor('32470112233')).toBe(1);

      // The supervisor takes over the desk and settles nothing: both went out.
      await new StationShell(page).switchPerson();
      await new LockScreen(page).someoneElse(DEMO_STAFF.supervisor);
      const sup = new SupervisorPage(page);
      await page.getByTestId('section-messages').click();
      await expect(sup.heading).toHaveText('Citizen messages');
      await expect(page.getByTestId('messages-counts')).toContainText('0 waiting, 2 sent, 0 to check, 0 not sent');
      await expect(page.getByTestId('message-row')).toHaveCount(2);
      await checkScreen(page, testInfo, 'supervisor-messages');
    } finally {
      await smtp.down();
      await smpp.down();
    }
  });
});
