import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CardReaderService, type CardOutcome, type CardReaderEvent } from '../../../src/main/adapters/cardreader/card-reader-service';
import { toHex } from '../../../src/main/adapters/cardreader/apdu';
import type { CardReaderCardEvent } from '../../../src/shared/api/cardreader';
import { UNKNOWN_CARD_ATR, VirtualEidCard, VpcdLink, virtualPerson, type VirtualEidOptions } from '../../../src/devices/virtual-eid';
import { INSTALL_HINT, ensurePcscd, missingPcscPrerequisites, type PcscdHandle } from '../../support/pcscd';
import { openTestStation } from '../../support/station';

// Roles are switched off here on purpose: this file tests another boundary than staff permissions
// (those are tested with signed-in calls in tests/integration/staff and the adversarial suite).

/**
 * The whole real stack: virtual card -> TCP -> vpcd driver -> pcscd -> libpcsclite -> npm pcsclite
 * -> CardReaderService -> APDU logic -> domain parsers.
 */
const READER_0 = 'Virtual PCD 00 00';
const READER_1 = 'Virtual PCD 00 01';
const PORT = { [READER_0]: 35963, [READER_1]: 35964 } as const;

const missing = await missingPcscPrerequisites();
if (missing.length > 0) {
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '!!! SKIPPING the eID card-reader integration tests (real pcscd + vpcd + pcsclite).',
      ...missing.map((m) => `!!!   missing: ${m}`),
      `!!! Install: ${INSTALL_HINT}`,
      '!!! The twin tests in tests/unit/main/adapters/cardreader still check the APDU logic in-process.',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}

/** Collects what a service reports and lets a test wait for the next matching item. */
class Recorder<T> {
  readonly seen: Array<{ at: number; item: T }> = [];
  private waiters: Array<{ match: (item: T) => boolean; resolve: (item: T) => void }> = [];
  private from = 0;

  push = (item: T) => {
    this.seen.push({ at: performance.now(), item });
    const i = this.waiters.findIndex((w) => w.match(item));
    if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(item);
  };

  /** The next item after the last `mark()` (or after index `from`) that matches, seen or to come. */
  next(match: (item: T) => boolean, what: string, timeoutMs = 8000, from = this.from): Promise<T> {
    const found = this.seen.slice(from).find((s) => match(s.item));
    if (found) return Promise.resolve(found.item);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      this.waiters.push({ match, resolve: (item) => (clearTimeout(timer), resolve(item)) });
    });
  }

  mark(): void {
    this.from = this.seen.length;
  }
}

const links: VpcdLink[] = [];
function insert(reader: keyof typeof PORT, options: VirtualEidOptions = {}, retryMs = 50) {
  const link = new VpcdLink({ port: PORT[reader], retryMs });
  const card = new VirtualEidCard(options);
  links.push(link);
  link.insert(card);
  return { link, card };
}
afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.remove()));
});

const inserted = (reader: string) => (e: CardReaderEvent) => e.type === 'card-inserted' && e.readerName === reader;
const removed = (reader: string) => (e: CardReaderEvent) => e.type === 'card-removed' && e.readerName === reader;
const outcomeAt = (reader: string) => (o: CardOutcome) => (o.ok ? o.reading.readerName : o.readerName) === reader;

describe.skipIf(missing.length > 0)('Belgian eID through the real PC/SC stack', () => {
  let pcscd: PcscdHandle;
  beforeAll(async () => {
    pcscd = await ensurePcscd();
    console.info(pcscd.startedByUs ? `pcscd started for these tests in ${pcscd.startupMs} ms (log ${pcscd.logFile})` : 'pcscd was already running');
  });
  afterAll(async () => {
    await Promise.all(links.splice(0).map((l) => l.remove()));
    await pcscd?.stop();
  });

  describe('npm run cli -- read-eid', () => {
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const root = join(import.meta.dirname, '../../..');
        const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/main.ts'), ...args], { cwd: root, env: { ...process.env, LANG: 'en_GB.UTF-8' } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });

    it('prints the card in the reader as JSON', async () => {
      insert(READER_1, { person: 4 });
      const { code, stdout, stderr } = await cli(['read-eid', '--timeout', '15']);
      expect(code, stderr).toBe(0);
      const reading = JSON.parse(stdout);
      expect(reading.readerName).toBe(READER_1);
      expect(reading.identity.surname).toBe('Peeters');
      expect(reading.identity.givenNames).toBe('Lowie Ömer');
      expect(reading.address.street).toBe('Meir 1');
    });

    it('gives up with a plain message when no card comes', async () => {
      const { code, stdout, stderr } = await cli(['read-eid', '--timeout', '1']);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain('No card was inserted within 1 seconds. [cardreader.no_card]');
    });
  });

  describe('CardReaderService', () => {
    let service: CardReaderService;
    const events = new Recorder<CardReaderEvent>();
    const cards = new Recorder<CardOutcome>();

    beforeAll(async () => {
      service = new CardReaderService({ retryMs: 100, log: (line) => console.info(`[cardreader] ${line}`) });
      service.onEvent(events.push);
      service.onCard(cards.push);
      await service.start();
      await events.next((e) => e.type === 'reader-attached' && e.readerName === READER_1, 'both vpcd readers');
      await events.next((e) => e.type === 'reader-attached' && e.readerName === READER_0, 'both vpcd readers');
    });
    afterAll(async () => {
      await service?.stop();
    });
    afterEach(async () => {
      await Promise.all(links.splice(0).map((l) => l.remove()));
      // Every test leaves both readers empty: wait for the removal that follows the last insertion.
      for (const reader of [READER_0, READER_1]) {
        const lastInsertion = events.seen.findLastIndex((s) => inserted(reader)(s.item));
        if (lastInsertion >= 0) await events.next(removed(reader), `${reader} to be empty`, 8000, lastInsertion + 1);
      }
      events.mark();
      cards.mark();
    });

    it('lists both virtual readers and says it is available', () => {
      expect(service.status()).toMatchObject({ available: true, readers: [READER_0, READER_1] });
    });

    it('reads identity and address when a card is inserted, and sees it leave', async () => {
      const started = performance.now();
      const { link } = insert(READER_0, { person: 0 });
      const seen = await events.next(inserted(READER_0), 'the card to be seen');
      const seenMs = events.seen.find((s) => s.item === seen)!.at - started;
      const outcome = await cards.next(outcomeAt(READER_0), 'the reading');
      const readMs = cards.seen.find((s) => s.item === outcome)!.at - started;
      console.info(`pcscd saw the card ${seenMs.toFixed(0)} ms after insertion; identity + address read ${readMs.toFixed(0)} ms after insertion`);
      expect(seen).toEqual({ type: 'card-inserted', readerName: READER_0, atr: '3B9813400AA503010101AD1311' });
      if (!outcome.ok) throw outcome.error;
      const person = virtualPerson(0);
      expect(outcome.reading.atr).toBe('3B9813400AA503010101AD1311');
      expect(outcome.reading.identity).toMatchObject({
        surname: 'Müller-Weiß',
        givenNames: 'Zoë Françoise',
        nationalNumber: person.nationalNumber,
        birthDate: '1987-03-14',
        sex: 'F',
        cardNumber: person.cardNumber,
        validityEnd: '2032-05-02',
      });
      expect(outcome.reading.address).toEqual({ street: 'Kirchstraße 12', postcode: '4700', municipality: 'Eupen' });
      await link.remove();
      await events.next(removed(READER_0), 'the card to leave');
    });

    it('reads two readers at once, each card with its own reader name', async () => {
      insert(READER_0, { person: 2 });
      insert(READER_1, { person: 1 });
      const [a, b] = await Promise.all([cards.next(outcomeAt(READER_0), 'reader 0'), cards.next(outcomeAt(READER_1), 'reader 1')]);
      expect(a.ok && a.reading.identity.surname).toBe('Dubois-Lefèvre');
      expect(b.ok && b.reading.identity.surname).toBe('Van den Broeck');
      expect(b.ok && b.reading.identity.birthDate).toBe('1956-03-03');
    });

    it('says card_removed when the card is pulled mid-read, then reads it when put back', async () => {
      const { link, card } = insert(READER_0, { person: 2 });
      card.pullAfterReads(1); // the identity file's second READ BINARY finds no card
      const outcome = await cards.next(outcomeAt(READER_0), 'the failed reading');
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.error.code).toBe('cardreader.card_removed');
      await events.next(removed(READER_0), 'pcscd to see the card gone');
      cards.mark();
      card.reinsert();
      link.insert(card);
      const again = await cards.next(outcomeAt(READER_0), 'the reading after reinsertion');
      expect(again.ok && again.reading.identity.surname).toBe('Dubois-Lefèvre');
    });

    it('says unknown_card, with its ATR, for a card that is not an eID', async () => {
      insert(READER_1, { kind: 'unknown' });
      const outcome = await cards.next(outcomeAt(READER_1), 'the refusal');
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.error.code).toBe('cardreader.unknown_card');
      expect(outcome.atr).toBe(toHex(UNKNOWN_CARD_ATR));
      expect(outcome.error.params.atr).toBe(toHex(UNKNOWN_CARD_ATR));
    });

    it('reads a card that only takes component SELECTs and answers 61xx, over the real stack', async () => {
      insert(READER_0, { person: 3, getResponse: true, select: { absoluteWithMf: false, absoluteWithoutMf: false } });
      const outcome = await cards.next(outcomeAt(READER_0), 'the reading');
      if (!outcome.ok) throw outcome.error;
      expect(outcome.reading.selectMode).toBe('component');
      expect(outcome.reading.identity).toMatchObject({ surname: 'Ben Salah', birthDate: null, documentType: 11 });
    });

    it('survives a pcscd restart: unavailable while it is down, reads again when it is back', async (ctx) => {
      if (!pcscd.startedByUs) {
        console.warn('!!! pcscd restart test not run: pcscd was already running and is not ours to stop.');
        ctx.skip();
      }
      const { card } = insert(READER_0, { person: 1 });
      await cards.next(outcomeAt(READER_0), 'the first reading');
      await pcscd.stop();
      await events.next((e) => e.type === 'availability' && !e.status.available, 'the service to notice pcscd left');
      expect(service.status()).toMatchObject({ available: false, reason: 'daemon_lost', readers: [] });
      cards.mark();
      pcscd = await ensurePcscd();
      // The card stays "inserted": it reconnects to the new vpcd, the service to the new pcscd.
      const again = await cards.next(outcomeAt(READER_0), 'the reading after the restart', 15_000);
      expect(again.ok && again.reading.identity.nationalNumber).toBe(card.person.nationalNumber);
      expect(service.status()).toMatchObject({ available: true });
    });
  });

  describe('the station API (cardreader.status, cardreader.card)', () => {
    it('starts reading on the first cardreader.status and publishes translated events', async () => {
      const station = openTestStation({ enforceRoles: false, settings: { language: 'fr' } });
      try {
        const published = new Recorder<CardReaderCardEvent>();
        station.ctx.events.subscribe((event, payload) => event === 'cardreader.card' && published.push(payload as CardReaderCardEvent));
        const call = { language: 'fr', transport: 'http' } as const;
        const first = await station.dispatch('cardreader.status', {}, call);
        expect(first).toMatchObject({ ok: true, result: { available: true, reason: null } });

        insert(READER_1, { kind: 'unknown' });
        const error = await published.next((e) => e.kind === 'error', 'the error event');
        expect(error.kind === 'error' && error.error.code).toBe('cardreader.unknown_card');
        expect(error.kind === 'error' && error.error.message).toContain('n’est pas une eID belge');
        await Promise.all(links.splice(0).map((l) => l.remove()));
        await published.next((e) => e.kind === 'removed', 'the removed event');

        insert(READER_1, { person: 0 });
        await published.next((e) => e.kind === 'inserted', 'the inserted event');
        const reading = await published.next((e) => e.kind === 'reading', 'the reading event');
        expect(reading.kind === 'reading' && reading.reading.identity.surname).toBe('Müller-Weiß');

        const status = await station.dispatch('station.status', {}, call);
        expect(status.ok && (status.result as { cardReader: unknown }).cardReader).toEqual({ available: true, readers: [READER_0, READER_1] });
      } finally {
        station.cleanup();
      }
    });
  });
});
