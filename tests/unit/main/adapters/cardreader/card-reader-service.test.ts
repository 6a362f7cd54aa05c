import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CardReaderService } from '../../../../../src/main/adapters/cardreader/card-reader-service';
import { loadPcscBinding } from '../../../../../src/main/adapters/cardreader/pcsc-binding';
import { cardReaderHandlers } from '../../../../../src/main/station/cardreader/handlers';
import { CARDREADER_ERROR_CODES, CardReaderStatus } from '../../../../../src/shared/api/cardreader';
import { cardreader } from '../../../../../src/shared/i18n/catalogs/cardreader';
import { LANGUAGES } from '../../../../../src/shared/i18n/languages';
import { openTestStation } from '../../../../support/station';
import { INSTALL_HINT, waitUntil } from '../../../../support/pcscd';
import { PROJECT_ROOT } from '../../../../support/paths';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const bindingAvailable = await loadPcscBinding().then(
  () => true,
  () => false,
);
if (!bindingAvailable) {
  console.warn(`\n!!! SKIPPING the pcscd-unreachable test: npm pcsclite is not built. Install: ${INSTALL_HINT} !!!\n`);
}

describe('CardReaderService when card reading cannot work', () => {
  it('reports binding_missing, without throwing, when npm pcsclite cannot be loaded', async () => {
    const service = new CardReaderService({ loadBinding: () => loadPcscBinding('pcsclite-that-is-not-installed') });
    const events: unknown[] = [];
    service.onEvent((e) => events.push(e));
    await service.start();
    expect(service.status()).toMatchObject({ available: false, readers: [], reason: 'binding_missing' });
    expect(events).toEqual([{ type: 'availability', status: expect.objectContaining({ available: false, reason: 'binding_missing' }) }]);
    await service.stop();
    expect(service.status().reason).toBe('stopped');
  });

  it.skipIf(!bindingAvailable)('reports daemon_unreachable when no pcscd answers, and keeps trying quietly', async () => {
    // libpcsclite finds pcscd through this variable: point it at nothing.
    const saved = process.env.PCSCLITE_CSOCK_NAME;
    process.env.PCSCLITE_CSOCK_NAME = join('/tmp', `no-pcscd-here-${process.pid}.comm`);
    cleanups.push(() => (saved === undefined ? delete process.env.PCSCLITE_CSOCK_NAME : (process.env.PCSCLITE_CSOCK_NAME = saved)));
    let attempts = 0;
    const loadBinding = async () => {
      const factory = await loadPcscBinding();
      return () => {
        attempts += 1;
        return factory();
      };
    };
    const service = new CardReaderService({ retryMs: 20, loadBinding });
    cleanups.push(() => service.stop());
    const availability: string[] = [];
    service.onEvent((e) => e.type === 'availability' && availability.push(`${e.status.available}:${e.status.reason}`));
    await service.start();
    expect(service.status()).toMatchObject({ available: false, reason: 'daemon_unreachable' });
    expect(service.status().detail).toMatch(/0x8010001D|Service not available/i);
    await waitUntil(() => attempts >= 4, 5000, 'the service to retry pcscd');
    expect(service.status().reason).toBe('daemon_unreachable');
    expect(availability).toEqual(['false:daemon_unreachable']); // reported once, not at every retry
  });
});

describe('cardreader.status and the station status', () => {
  it('answers through the contract with the reason card reading is off', async () => {
    const station = openTestStation();
    cleanups.push(() => station.cleanup());
    const providers = {};
    const service = new CardReaderService({ loadBinding: () => loadPcscBinding('pcsclite-that-is-not-installed') });
    const handlers = cardReaderHandlers(station.ctx, providers, { service });
    const status = CardReaderStatus.parse(await handlers['cardreader.status']({}, { language: 'en', transport: 'http' }));
    expect(status).toEqual({ available: false, readers: [], reason: 'binding_missing' });
  });

  it('gives the station status bar a card reader provider without touching PC/SC', async () => {
    const station = openTestStation();
    cleanups.push(() => station.cleanup());
    const answer = await station.dispatch('station.status', {}, { language: 'en', transport: 'http' });
    expect(answer.ok && (answer.result as { cardReader: unknown }).cardReader).toEqual({ available: false, readers: [] });
  });
});

describe('cardreader error codes', () => {
  it('each has a message in nl, fr, de and en', () => {
    for (const code of CARDREADER_ERROR_CODES) {
      for (const lang of LANGUAGES) expect(cardreader[lang][`error.${code}`], `${lang} error.${code}`).toBeTruthy();
    }
  });

  it('every code the adapter throws is listed', () => {
    const dir = join(PROJECT_ROOT, 'src/main/adapters/cardreader');
    const source = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const thrown = [...source.matchAll(/DoseDeskError\('(cardreader\.[a-z_.]+)'/g)].map((m) => m[1]);
    expect(thrown.length).toBeGreaterThan(5);
    for (const code of thrown) expect(CARDREADER_ERROR_CODES as readonly string[]).toContain(code);
  });
});
