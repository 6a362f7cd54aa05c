import { test, expect } from './support/fixtures';
import { SignInPage } from './pages/sign-in-page';
import { CheckinPage } from './pages/checkin-page';
import { DEMO_CITIZENS, DEMO_STAFF, DEMO_VIALS } from './pages/scanner';
import { demoInvitationCode } from '../../src/main/station/demo/demo-people';
import { formatSsin } from '../../src/domain/identity/ssin';
import { VirtualEidCard, VpcdLink, virtualPerson } from '../../src/devices/virtual-eid';
import { INSTALL_HINT, ensurePcscd, missingPcscPrerequisites } from '../support/pcscd';

test.describe('check-in desk', () => {
  test('finds the person by a scan anywhere, by typing with live checks, or by invitation; confirms by keyboard', async ({ station }) => {
    const page = station.page;
    await new SignInPage(page).signIn(DEMO_STAFF.checkin);
    const desk = new CheckinPage(page);
    await expect(desk.heading).toHaveText('Check-in');

    // A scanner burst with the focus nowhere in particular.
    await page.getByRole('heading', { level: 1 }).click();
    await desk.scan(DEMO_CITIZENS.mertens.ssin);
    await expect(desk.personName).toHaveText(DEMO_CITIZENS.mertens.name);
    await expect(desk.announcer).toHaveText(`Found: ${DEMO_CITIZENS.mertens.name}`);
    await expect(desk.personCard.getByTestId('person-doses')).toContainText('Dose 1: Comirnaty (Pfizer-BioNTech)');
    await expect(desk.personCard.getByTestId('person-next')).toHaveText('dose 2 of 2');
    await desk.confirmByKeyboard();
    await expect(desk.checkedIn).toContainText(DEMO_CITIZENS.mertens.name);
    await expect(desk.personCard).toHaveCount(0);

    // Typing: the check digits are checked while typing, with the station's own words.
    await desk.entry.fill('85.07.30-004.58');
    await expect(desk.entry).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#checkin-entry-error')).toContainText('check digits');
    await desk.entry.fill('85.07.30-004.57');
    await expect(desk.entry).toHaveAttribute('aria-invalid', 'false');
    await desk.entry.press('Enter');
    await expect(desk.personName).toHaveText(DEMO_CITIZENS.mullerWeiss.name);
    await expect(desk.personCard.getByTestId('person-eligibility')).toHaveText('Comirnaty (Pfizer-BioNTech), Spikevax (Moderna)');

    // A scan while the focus is in the field: the field is left empty, the person shows.
    await desk.entry.click();
    await desk.scan(demoInvitationCode(DEMO_CITIZENS.peeters.ssin));
    await expect(desk.personName).toHaveText(DEMO_CITIZENS.peeters.name);
    await expect(desk.entry).toHaveValue('');

    // A vial is not a person.
    await desk.scan(DEMO_VIALS.comirnaty);
    await expect(desk.scanError).toContainText('vial barcode');
    await page.screenshot({ path: test.info().outputPath('checkin-error.png') });
  });

  test('reads the eID chip through the real PC/SC stack (virtual card behind pcscd)', async ({ station }) => {
    const missing = await missingPcscPrerequisites();
    if (missing.length > 0) {
      console.warn(`\n!!! SKIPPING the eID chip check-in test: missing ${missing.join('; ')}. Install: ${INSTALL_HINT}\n`);
    }
    test.skip(missing.length > 0 || !station.host, `eID chip test needs pcscd, vsmartcard-vpcd and npm pcsclite (${missing.join('; ')}) and the Node host`);
    const pcscd = await ensurePcscd();
    const link = new VpcdLink({ port: 35963, retryMs: 50 });
    try {
      const page = station.page;
      await new SignInPage(page).signIn(DEMO_STAFF.checkin);
      const desk = new CheckinPage(page);
      await expect(page.getByTestId('reader-state')).toContainText('eID reader ready', { timeout: 15_000 });
      const person = virtualPerson(0);
      link.insert(new VirtualEidCard({ person: 0 }));
      await expect(desk.personName).toHaveText(`${person.givenNames} ${person.thirdInitial} ${person.surname}`.replace(/\s+/g, ' '), { timeout: 15_000 });
      await expect(desk.personCard.getByTestId('person-ssin')).toHaveText(formatSsin(person.nationalNumber));
      await expect(desk.confirm).toBeFocused();
    } finally {
      await link.remove();
      await pcscd.stop();
    }
  });
});
