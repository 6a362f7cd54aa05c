import { writeFileSync } from 'node:fs';
import { test, expect } from './support/fixtures';
import { callHost, signInOverHttp } from './support/host-process';
import { StationShell, type LanguageName } from './pages/station-shell';
import { SignInPage } from './pages/sign-in-page';
import { LockScreen } from './pages/lock-screen';
import { CheckinPage } from './pages/checkin-page';
import { VaccinatorPage } from './pages/vaccinator-page';
import { DEMO_CITIZENS, DEMO_STAFF, DEMO_VIALS, scan } from './pages/scanner';
import { VirtualPrinter, renderSlipPng, type Slip } from '../../src/devices/virtual-printer';

/** Each walk runs with the screen in one language and a citizen who speaks another: the citizen's words follow the citizen. */
const WALKS = [
  {
    screen: 'Nederlands',
    citizen: DEMO_CITIZENS.mullerWeiss,
    words: { checkin: 'Onthaal', vaccination: 'Vaccinatie', dose1: 'Dosis 1 van 2 geregistreerd', dose2: 'Dosis 2 van 2 geregistreerd', printed: 'Kaart afgedrukt', complete: 'Vaccinatieschema volledig.', verified: 'Afsprakenkaart gecontroleerd' },
  },
  {
    screen: 'Français',
    citizen: DEMO_CITIZENS.nguyen,
    words: { checkin: 'Accueil', vaccination: 'Vaccination', dose1: 'Dose 1 sur 2 enregistrée', dose2: 'Dose 2 sur 2 enregistrée', printed: 'Carte imprimée', complete: 'Schéma de vaccination complet.', verified: 'Carte de rendez-vous vérifiée' },
  },
  {
    screen: 'Deutsch',
    citizen: DEMO_CITIZENS.lukasiewicz,
    words: { checkin: 'Empfang', vaccination: 'Impfung', dose1: 'Dosis 1 von 2 erfasst', dose2: 'Dosis 2 von 2 erfasst', printed: 'Karte gedruckt', complete: 'Impfschema vollständig.', verified: 'Terminkarte geprüft' },
  },
  {
    screen: 'English',
    citizen: DEMO_CITIZENS.peeters,
    words: { checkin: 'Check-in', vaccination: 'Vaccination', dose1: 'Dose 1 of 2 recorded', dose2: 'Dose 2 of 2 recorded', printed: 'Card printed', complete: 'Vaccination course complete.', verified: 'Appointment card checked' },
  },
] as const satisfies readonly { screen: LanguageName; citizen: { ssin: string; name: string; language: string }; words: Record<string, string> }[];

/** What the citizen hears about dose 2, in the citizen's language (ui.citizen.nextDose). */
const CITIZEN_WORDS: Record<string, string> = { nl: 'Uw afspraak voor dosis 2', fr: 'Votre rendez-vous pour la dose 2', de: 'Ihr Termin für die Dosis 2', en: 'Your appointment for dose 2' };

test.describe('a citizen from check-in to a printed card, then dose-2 day three weeks later', () => {
  test('walks four citizens in nl, fr, de and en through both doses, with the virtual card printer', async ({ station, openHost }, testInfo) => {
    test.skip(!station.host, 'needs the Node host: a second host opens the same station folder 21 days later (--clock)');
    test.setTimeout(150_000);
    const printer = await VirtualPrinter.start({ type: 'epson', columns: 48 });
    const slipFile = (slip: Slip, name: string) => writeFileSync(testInfo.outputPath(name), renderSlipPng(slip, 48));
    try {
      // Day 1: the station prints on the virtual printer (its settings: tcp://127.0.0.1:PORT).
      const { page, host } = { page: station.page, host: station.host! };
      const supervisor = await signInOverHttp(host, DEMO_STAFF.supervisor);
      const updated = await callHost(host, 'settings.update', { printer: { uri: printer.uri, type: 'epson', width: '80', paper: 'receipt' } }, supervisor);
      expect(updated.ok).toBe(true);
      const shell = new StationShell(page);
      await expect(shell.printerState).toContainText('Ready', { timeout: 15_000 });

      // Check-in: the check-in agent takes the four people, each in another screen language.
      await new SignInPage(page).signIn(DEMO_STAFF.checkin);
      const desk = new CheckinPage(page);
      for (const walk of WALKS) {
        await shell.chooseLanguage(walk.screen);
        await expect(desk.heading).toHaveText(walk.words.checkin);
        await desk.scan(walk.citizen.ssin);
        await expect(desk.personName).toHaveText(walk.citizen.name);
        await desk.confirmByKeyboard();
        await expect(desk.checkedIn).toContainText(walk.citizen.name);
      }
      await page.screenshot({ path: testInfo.outputPath('1-checked-in.png') });

      // Vaccination: a fast switch to the vaccinator, then person, vial, Enter, for each.
      await shell.switchPerson();
      await new LockScreen(page).someoneElse(DEMO_STAFF.vaccinator);
      await shell.open('vaccinator');
      const booth = new VaccinatorPage(page);
      const cards: { token: string; shortCode: string }[] = [];
      for (const [i, walk] of WALKS.entries()) {
        await shell.chooseLanguage(walk.screen);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(walk.words.vaccination);
        await booth.vaccinate(walk.citizen.ssin, DEMO_VIALS.comirnaty);
        await expect(booth.recorded).toContainText(walk.words.dose1);
        await expect(booth.citizenText).toHaveAttribute('lang', walk.citizen.language);
        await expect(booth.citizenText).toContainText(CITIZEN_WORDS[walk.citizen.language]!);
        // The card waits for the person's agreement: nothing is printed yet.
        await expect(booth.cardWaits).toBeVisible();
        const shortCode = (await booth.nextAppointment.textContent())!.match(/[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];
        let agreedCode = shortCode;
        if (i === 1) {
          // The citizen cannot come in the morning: another part of the day, before any card is printed.
          await page.getByTestId('change-appointment').click();
          await page.getByTestId('change-panel').getByRole('button', { name: /après-midi/i }).click();
          await page.getByTestId('find-slots').click();
          await page.getByTestId('slot-choice').first().click();
          await expect(page.getByTestId('change-panel')).toHaveCount(0);
          // Nothing was printed for the first time, so there is no card to take back.
          await expect(page.getByTestId('take-card-back')).toHaveCount(0);
          agreedCode = (await booth.nextAppointment.textContent())!.match(/[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];
          expect(agreedCode).not.toBe(shortCode);
        }
        // The person agrees: Enter on the focused button prints the card.
        await booth.agree();
        await expect(booth.cardPreview.locator('.card-paper')).toHaveAttribute('lang', walk.citizen.language);
        await booth.expectCardPrinted();
        await expect(booth.printStatus).toContainText(walk.words.printed);
        // One card per person: the dose's card is printed once, for the time agreed.
        const slips = await printer.waitForSlips(cards.length + 1);
        expect(slips).toHaveLength(cards.length + 1);
        const slip = slips.at(-1)!;
        expect(slip.lines.join('\n')).not.toMatch(/KOPIE|COPY|DUPLICATA/);
        cards.push({ token: slip.qr[0]!, shortCode: agreedCode });
        expect(slip.qr[0]).toMatch(/^DD2\./); // sealed: nothing of the person readable
        expect(slip.lines.join('\n')).toContain(cards.at(-1)!.shortCode);
        slipFile(slip, `card-dose1-${walk.citizen.language}.png`);
        await page.screenshot({ path: testInfo.outputPath(`2-dose1-${i + 1}.png`) });
        await booth.nextPerson.press('Enter');
        await expect(booth.doneStep).toHaveCount(0);
      }

      // Dose-2 day: the same station folder, opened 21 days later.
      await page.close();
      await host.stop({ keepData: true });
      const later = new Date(host.now().getTime() + 21 * 24 * 3600 * 1000).toISOString();
      const b = await openHost({ dataDir: host.dataDir, clock: later });
      const shellB = new StationShell(b.page);
      await new SignInPage(b.page).signIn(DEMO_STAFF.vaccinator);
      const boothB = new VaccinatorPage(b.page);
      for (const [i, walk] of WALKS.entries()) {
        await shellB.chooseLanguage(walk.screen);
        await expect(b.page.getByRole('heading', { level: 1 })).toHaveText(walk.words.vaccination);
        // The card's QR scanned, or (once) its short code typed.
        if (i === 3) {
          await b.page.locator('#person-entry').fill(cards[i]!.shortCode);
          await b.page.locator('#person-entry').press('Enter');
        } else {
          await scan(b.page, cards[i]!.token, 0);
          await expect(b.page.getByTestId('card-verified')).toContainText(walk.words.verified);
        }
        await expect(boothB.personName).toHaveText(walk.citizen.name);
        await boothB.screening.clean();
        await scan(b.page, DEMO_VIALS.comirnaty);
        await expect(boothB.confirmButton).toBeFocused();
        await b.page.keyboard.press('Enter');
        await expect(boothB.recorded).toContainText(walk.words.dose2);
        await expect(boothB.nextDose).toHaveAttribute('data-kind', 'none');
        await expect(boothB.nextDose).toContainText(walk.words.complete);
        await boothB.expectCardPrinted();
        await b.page.screenshot({ path: testInfo.outputPath(`3-dose2-${i + 1}.png`) });
        await boothB.nextPerson.click();
      }
      const finalSlips = await printer.waitForSlips(WALKS.length * 2);
      expect(finalSlips).toHaveLength(WALKS.length * 2);
      slipFile(finalSlips.at(-1)!, 'card-dose2-last.png');
    } finally {
      await printer.close();
    }
  });
});
