import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../src/main/adapters/clock';
import { openCentreFile, sealCentreFile } from '../../../../../src/main/station/centre/centre-file-crypto';
import { parseCentreFileContent, readCentreFile, type CentreFileContent } from '../../../../../src/main/station/centre/centre-file-content';
import { joinCentre } from '../../../../../src/main/station/centre/join-centre';
import { DEFAULT_PRODUCTS } from '../../../../../src/domain/vaccines/products';
import { isDoseDeskError } from '../../../../../src/shared/errors';
import { makeTempDir } from '../../../../support/temp-dir';

const temps: (() => void)[] = [];
afterEach(() => temps.splice(0).forEach((c) => c()));

const PASSPHRASE = 'twelve or more characters';
// The cheapest cost a file may carry, so that the checks run quickly.
const FAST = { logN: 14 };

const content: CentreFileContent = {
  exportedAt: '2026-05-04T06:00:00.000Z',
  exportedBy: 'desk-1',
  centre: { centreId: 'bxl-heysel', centreName: 'Heysel', address: ['Place de Belgique 1'], place: null, reschedulePhone: null, rescheduleUrl: null },
  profile: { languages: ['nl', 'fr'], openDays: ['mon', 'sat'] },
  cardKey: Buffer.alloc(32, 7).toString('base64url'),
  products: [...DEFAULT_PRODUCTS],
  calendar: { from: '2026-05-04', days: [], sessions: [], slots: [], units: [], allocations: [] },
  staff: [
    {
      id: 's1',
      code: 'SUP01',
      display_name: 'Marie Dubois',
      nihdi: null,
      roles: ['supervisor'],
      pin_hash: 'aGFzaA',
      pin_salt: 'c2FsdA',
      pin_params: '{"alg":"scrypt","N":131072,"r":8,"p":1,"keylen":32}',
      active: true,
      created_at: '2026-05-04T06:00:00.000Z',
      created_by: 'cli:x',
    },
  ],
  printer: { type: 'epson', width: '80', paper: 'receipt' },
  federal: { url: '', caPem: null, credentials: { bearerToken: 'secret-token', clientCertPem: null, clientKeyPem: null, keyPassphrase: null } },
};
const plaintext = Buffer.from(JSON.stringify(content), 'utf8');

/** An attacker who knows the format recomputes the trailing digest after changing a byte. */
function withDigest(body: Buffer): Buffer {
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

const codeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (isDoseDeskError(error)) return error.code;
    throw error;
  }
  return 'opened';
};

describe('centre file seal', () => {
  const sealed = sealCentreFile(plaintext, PASSPHRASE, FAST);

  it('opens with its passphrase and hides every secret and name', () => {
    expect(parseCentreFileContent(openCentreFile(sealed, PASSPHRASE))).toEqual(content);
    for (const text of ['secret-token', 'Marie Dubois', 'bxl-heysel', 'aGFzaA']) expect(sealed.toString('latin1')).not.toContain(text);
    // A new salt and IV each time: two exports of the same centre share nothing recognisable.
    expect(sealCentreFile(plaintext, PASSPHRASE, FAST).subarray(20, 80).equals(sealed.subarray(20, 80))).toBe(false);
  });

  it('tells a wrong passphrase from an altered file, and refuses a short passphrase', () => {
    expect(codeOf(() => openCentreFile(sealed, 'another passphrase here'))).toBe('centre.file_passphrase');
    expect(codeOf(() => openCentreFile(sealed, 'short'))).toBe('centre.passphrase_short');
    expect(codeOf(() => sealCentreFile(plaintext, ''))).toBe('centre.passphrase_short');
    const body = sealed.subarray(0, sealed.length - 32);
    // A changed ciphertext or tag byte with a recomputed digest: the GCM tag still refuses it.
    for (const at of [100, body.length - 1]) {
      const forged = Buffer.from(body);
      forged[at] = forged[at]! ^ 0x80;
      expect(codeOf(() => openCentreFile(withDigest(forged), PASSPHRASE))).toBe('centre.file_altered');
    }
    // A forged cost is refused before any key derivation runs with it.
    const costly = Buffer.from(body);
    costly[17] = 30;
    expect(codeOf(() => openCentreFile(withDigest(costly), PASSPHRASE))).toBe('centre.file_format');
    const newer = Buffer.from(body);
    newer[16] = 3;
    expect(codeOf(() => openCentreFile(withDigest(newer), PASSPHRASE))).toBe('centre.file_version');
  });

  it('refuses every single flipped byte', () => {
    const refused = new Set<string>();
    for (let at = 0; at < sealed.length; at++) {
      const altered = Buffer.from(sealed);
      altered[at] = altered[at]! ^ 0x04;
      const code = codeOf(() => openCentreFile(altered, PASSPHRASE));
      expect(code, `byte ${at}`).toMatch(/^centre\.file_(altered|format|version)$/);
      refused.add(code);
    }
    expect(refused.has('centre.file_altered')).toBe(true);
  });

  it('refuses content that decrypts but does not match the format', () => {
    const notJson = sealCentreFile(Buffer.from('{"centre":', 'utf8'), PASSPHRASE, FAST);
    expect(codeOf(() => parseCentreFileContent(openCentreFile(notJson, PASSPHRASE)))).toBe('centre.file_format');
    const orphanSession = { ...content, calendar: { ...content.calendar, sessions: [{ id: 'x', date: '2026-05-04', product_code: 'unknown', start_local: '09:00', end_local: '10:00', slot_minutes: 15, capacity_per_slot: 4, status: 'open', source: 'supervisor', created_at: 'x' }] } };
    const session = { ...orphanSession.calendar.sessions[0]!, product_code: 'comirnaty' };
    const vaccinatorWithoutNihdi = { ...content, staff: [{ ...content.staff[0]!, roles: ['vaccinator'] }] };
    const zeroMinuteSlots = { ...content, calendar: { ...content.calendar, sessions: [{ ...session, slot_minutes: 0 }] } };
    for (const wrong of [orphanSession, vaccinatorWithoutNihdi, zeroMinuteSlots]) {
      const sealedWrong = sealCentreFile(Buffer.from(JSON.stringify(wrong), 'utf8'), PASSPHRASE, FAST);
      expect(codeOf(() => parseCentreFileContent(openCentreFile(sealedWrong, PASSPHRASE)))).toBe('centre.file_format');
    }
    const tooManyBooths = { ...content, calendar: { ...content.calendar, sessions: [{ ...session, booths: 101 }] } };
    const profileInVersion1 = { ...content, calendar: { ...content.calendar, sessions: [session] } };
    const refusedIn = (wrong: object, version: number) => codeOf(() => parseCentreFileContent(Buffer.from(JSON.stringify(wrong), 'utf8'), version));
    expect(refusedIn(tooManyBooths, 2)).toBe('centre.file_format');
    // Version 1 is strict as it was: a profile in it is not a version-1 file.
    expect(refusedIn(profileInVersion1, 1)).toBe('centre.file_format');
    const fine = { ...content, calendar: { ...content.calendar, sessions: [{ ...session, booths: 4 }] } };
    expect(parseCentreFileContent(openCentreFile(sealCentreFile(Buffer.from(JSON.stringify(fine), 'utf8'), PASSPHRASE, FAST), PASSPHRASE))).toEqual(fine);
  });
});

describe('centre files of version 1', () => {
  it('are read as before: no profile, sessions without booths', () => {
    const { profile: _none, ...version1 } = content;
    const session = { id: 'x', date: '2026-05-04', product_code: 'comirnaty', start_local: '09:00', end_local: '10:00', slot_minutes: 15, capacity_per_slot: 4, status: 'open', source: 'supervisor', created_at: 'x' } as const;
    const sealed = sealCentreFile(Buffer.from(JSON.stringify({ ...version1, calendar: { ...version1.calendar, sessions: [session] } }), 'utf8'), PASSPHRASE, { ...FAST, version: 1 });
    expect(sealed[16]).toBe(1);
    const read = readCentreFile(sealed, PASSPHRASE);
    expect(read.profile).toBeNull();
    expect(read.calendar.sessions).toEqual([{ ...session, booths: null }]);
  });

  it('a file of version 2 carries the profile, and a version this station does not know is refused', () => {
    expect(readCentreFile(sealCentreFile(plaintext, PASSPHRASE, FAST), PASSPHRASE).profile).toEqual({ languages: ['nl', 'fr'], openDays: ['mon', 'sat'] });
    expect(codeOf(() => readCentreFile(sealCentreFile(plaintext, PASSPHRASE, { ...FAST, version: 3 }), PASSPHRASE))).toBe('centre.file_version');
    expect(codeOf(() => readCentreFile(sealCentreFile(plaintext, PASSPHRASE, { ...FAST, version: 0 }), PASSPHRASE))).toBe('centre.file_version');
  });
});

describe('joining from a damaged centre file', () => {
  it('refuses random bytes and cut, changed or lengthened copies cleanly and writes nothing', () => {
    const t = makeTempDir('dosedesk-join-');
    temps.push(t.cleanup);
    const sealed = sealCentreFile(plaintext, PASSPHRASE, FAST);
    const target = join(t.dir, 'station');
    const damaged = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
      fc.nat({ max: sealed.length - 1 }).map((n) => sealed.subarray(0, n)),
      fc.tuple(fc.nat({ max: sealed.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
        const copy = Buffer.from(sealed);
        copy[at] = copy[at]! ^ x;
        return copy;
      }),
      fc.tuple(fc.nat({ max: sealed.length }), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([at, extra]) => Buffer.concat([sealed.subarray(0, at), Buffer.from(extra), sealed.subarray(at)])),
    );
    fc.assert(
      fc.property(damaged, (bytes) => {
        const code = codeOf(() => joinCentre(target, 'desk-2', bytes, PASSPHRASE, new ManualClock('2026-05-04T08:00:00Z'), 'test', {}));
        expect(code).toMatch(/^centre\.file_(altered|format|version)$/);
        expect(existsSync(target)).toBe(false);
        expect(readdirSync(t.dir)).toEqual([]);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
