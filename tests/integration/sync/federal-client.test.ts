import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFederalSim, type FederalSim } from '../../../src/federal-sim';
import { createFederalClient } from '../../../src/main/adapters/federal/client';
import { loadFederalConnection } from '../../../src/main/adapters/federal/config';
import { FederalError } from '../../../src/main/adapters/federal/errors';
import { transactionBundle } from '../../../src/domain/fhir/bundle';
import { makeTempDir } from '../../support/temp-dir';
import { hasOpenssl, makeTestPki } from '../../support/federal/certs';
import { dose, person } from '../../support/federal/records';

let sim: FederalSim | null = null;
const temps: (() => void)[] = [];
afterEach(async () => {
  await sim?.close();
  sim = null;
  temps.splice(0).forEach((c) => c());
});

function temp(): string {
  const t = makeTempDir('dosedesk-fed-');
  temps.push(t.cleanup);
  return t.dir;
}

async function failure(p: Promise<unknown>): Promise<FederalError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(FederalError);
    return error as FederalError;
  }
  throw new Error('expected a failure');
}

describe('federal client', () => {
  it('sends the bearer token (from a file re-read per request) and sorts refusals from outages', async () => {
    const dir = temp();
    sim = await startFederalSim({ port: 0, dataDir: join(dir, 'sim'), requireBearer: 'tok-2' });
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'tok-1\n');
    const client = createFederalClient({ baseUrl: sim.url, bearerTokenFile: tokenFile, timeoutMs: 1_000 });
    expect((await failure(client.ping())).kind).toBe('auth');
    writeFileSync(tokenFile, 'tok-2\n'); // rotated by another process
    await client.ping();

    const bad = await failure(client.transaction(transactionBundle([{ action: 'create', payload: dose(person(1), { lot: '' }) }])));
    expect(bad).toMatchObject({ kind: 'refused', status: 422 });
    expect(bad.message).toMatch(/lot/);

    sim.setFaults({ errorRate: 1 });
    expect(await failure(client.ping())).toMatchObject({ kind: 'server', status: 503, retryAfterMs: 1000 });
    sim.setFaults({ timeoutRate: 1 });
    expect((await failure(client.ping())).kind).toBe('timeout');
    sim.setFaults({ down: true });
    expect((await failure(client.ping())).kind).toBe('network');
    const port = sim.port;
    await sim.close();
    sim = null;
    const closed = createFederalClient({ baseUrl: `http://127.0.0.1:${port}/fhir`, bearerToken: 'x', timeoutMs: 500 });
    expect((await failure(closed.ping())).kind).toBe('network');
  });

  it('follows next links to collect every page, and counts exactly', async () => {
    const dir = temp();
    sim = await startFederalSim({ port: 0, dataDir: dir });
    const client = createFederalClient({ baseUrl: sim.url, timeoutMs: 2_000 });
    const doses = Array.from({ length: 130 }, (_, i) => dose(person(i + 1)));
    await client.transaction(transactionBundle(doses.map((payload) => ({ action: 'create' as const, payload }))));
    const all = await client.search('Immunization', { _count: '40' });
    expect(all).toHaveLength(130);
    expect(new Set(all.map((r) => r.id)).size).toBe(130);
    expect(await client.count('Immunization', {})).toBe(130);
    expect(await client.search('Immunization', { _count: '40' }, 50)).toHaveLength(50);
  });

  it('reads its credentials from federal.json and the environment, not from the settings', () => {
    const dir = temp();
    writeFileSync(join(dir, 'federal.json'), JSON.stringify({ certFile: 'c.pem', keyFile: 'k.pem', caFile: '/etc/ca.pem', timeoutMs: 5000 }));
    const fromFile = loadFederalConnection('https://backend.example/fhir', dir, {});
    expect(fromFile).toMatchObject({ baseUrl: 'https://backend.example/fhir', timeoutMs: 5000, tls: { certFile: join(dir, 'c.pem'), keyFile: join(dir, 'k.pem'), caFile: '/etc/ca.pem' } });
    const fromEnv = loadFederalConnection('https://backend.example/fhir', dir, { DOSEDESK_FEDERAL_TOKEN: 'abc', DOSEDESK_FEDERAL_CERT: '/x/c.pem', DOSEDESK_FEDERAL_KEY: '/x/k.pem' });
    expect(fromEnv).toMatchObject({ bearerToken: 'abc', tls: { certFile: '/x/c.pem', keyFile: '/x/k.pem' } });
    writeFileSync(join(dir, 'federal.json'), JSON.stringify({ certFile: 'c.pem' }));
    expect(() => loadFederalConnection('https://backend.example/fhir', dir, {})).toThrow(/go together/);
    writeFileSync(join(dir, 'federal.json'), JSON.stringify({ password: 'x' }));
    expect(() => loadFederalConnection('https://backend.example/fhir', dir, {})).toThrow();
  });

  it.skipIf(!hasOpenssl())('talks mutual TLS: with the station certificate it works, without or with a stranger\'s it is refused (SKIPPED if openssl is missing)', async () => {
    const dir = temp();
    const pki = makeTestPki(dir);
    sim = await startFederalSim({ port: 0, dataDir: join(dir, 'sim'), tls: { certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert } });
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/fhir$/);

    const station = createFederalClient({ baseUrl: sim.url, tls: { certFile: pki.clientCert, keyFile: pki.clientKey, caFile: pki.caCert }, timeoutMs: 3_000 });
    await station.ping();
    const d = dose(person(1));
    const answer = await station.transaction(transactionBundle([{ action: 'create', payload: d }]));
    expect(answer.entry![0]!.response!.status).toBe('201 Created');
    expect(await station.count('Immunization', {})).toBe(1);
    station.close();

    const anonymous = createFederalClient({ baseUrl: sim.url, tls: { caFile: pki.caCert }, timeoutMs: 3_000 });
    expect((await failure(anonymous.ping())).kind).toBe('network');
    const stranger = createFederalClient({ baseUrl: sim.url, tls: { certFile: pki.strangerCert, keyFile: pki.strangerKey, caFile: pki.caCert }, timeoutMs: 3_000 });
    expect((await failure(stranger.ping())).kind).toBe('network');
    // And the station refuses a backend whose certificate its CA did not sign.
    const wrongCa = createFederalClient({ baseUrl: sim.url, tls: { certFile: pki.clientCert, keyFile: pki.clientKey }, timeoutMs: 3_000 });
    expect((await failure(wrongCa.ping())).kind).toBe('network');
  });
});

if (!hasOpenssl()) {
  process.stderr.write('\n*** federal-client.test.ts: openssl is NOT installed: the mutual TLS test is SKIPPED ***\n\n');
}
