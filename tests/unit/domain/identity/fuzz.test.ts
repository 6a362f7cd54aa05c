import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScanResult } from '../../../../src/shared/api/identity';
import { identity as catalog } from '../../../../src/shared/i18n/catalogs/identity';
import { IDENTITY_ERROR_CODES, IDENTITY_WARNINGS, type Parsed } from '../../../../src/domain/identity/result';
import { classifyScan } from '../../../../src/domain/identity/classify';
import { parseSsin } from '../../../../src/domain/identity/ssin';
import { parseEidCardNumber } from '../../../../src/domain/identity/eid-card-number';
import { parseMrz } from '../../../../src/domain/identity/mrz';
import { parseGs1 } from '../../../../src/domain/identity/gs1';
import { parseInvitation } from '../../../../src/domain/identity/invitation';
import { parseCardQr } from '../../../../src/domain/identity/card-qr';
import { encodeTlv, parseEidAddress, parseEidIdentity, readEidAddress, readEidIdentity } from '../../../../src/domain/identity/eid-tlv';
import { ScannerBurstDetector } from '../../../../src/domain/identity/scanner-burst';
import { DoseDeskError } from '../../../../src/shared/errors';
import { buildMrz } from './builders';

/**
 * Every parser gets at least 10,000 random and mutated inputs: nothing may throw, every refusal
 * carries a known code whose message exists in all four languages, every value is well-formed.
 */
const RUNS = 10_000;
const GS = '\x1d';
const codes = new Set<string>(IDENTITY_ERROR_CODES);
const warnings = new Set<string>(IDENTITY_WARNINGS);
const today = fc.constantFrom('2026-11-15', '2000-02-29', '2099-12-31', '1999-01-01', '2026-01-01');

const CORPUS = [
  '85.07.30-033.28',
  '98472899765',
  '00200100112',
  '592-0123456-56',
  buildMrz().join('\n'),
  buildMrz({ birth: '75<<<<', nationalNumber: '75000041791' }).join('\r\n'),
  `]d20109506000134352172706301 0ABC123${GS}21SN0001`.replace(' ', ''),
  `01095060001343521727000010L2110${GS}21X`,
  `]C1${GS}21SN1${GS}10ABC${GS}0109506000134352${GS}17270600`,
  ']Q1https://example.be/invite?code=K7Q2M9X4T1B8',
  'K7Q2M9X4T1B8Z3W6P0L5N2R8C4V7Y1D9E',
  'DD1.eyJhIjoxfQ.c2lnbmF0dXJl',
];
const NOISE = ['0', '1', '2', '7', '9', '<', GS, '\n', '\r', ' ', '.', '-', ']', 'd', 'I', 'D', 'A', 'Z', 'é', '\u0000', '\u200b', '\ud83d\ude00'];

/** A corpus entry with a few characters replaced, inserted, deleted, or the string cut. */
const mutated = fc
  .tuple(
    fc.constantFrom(...CORPUS),
    fc.array(fc.tuple(fc.constantFrom('replace', 'insert', 'delete', 'cut'), fc.nat(), fc.oneof(fc.constantFrom(...NOISE), fc.string({ maxLength: 2 }))), { minLength: 1, maxLength: 4 }),
  )
  .map(([seed, ops]) => {
    let s = seed;
    for (const [op, pos, ch] of ops) {
      const at = s.length === 0 ? 0 : pos % (s.length + 1);
      if (op === 'replace') s = s.slice(0, at) + ch + s.slice(at + 1);
      else if (op === 'insert') s = s.slice(0, at) + ch + s.slice(at);
      else if (op === 'delete') s = s.slice(0, at) + s.slice(at + 1);
      else s = s.slice(0, at);
    }
    return s;
  });
const randomText = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: fc.constantFrom(...NOISE), maxLength: 100 }),
  fc.array(fc.constantFrom(...NOISE, ...'0123456789'), { maxLength: 40 }).map((a) => a.join('')),
);
const anyText = fc.oneof({ arbitrary: mutated, weight: 3 }, { arbitrary: randomText, weight: 2 });

function wellFormedRefusal(result: Parsed<unknown>): void {
  if (result.ok) return;
  expect(codes.has(result.code), result.code).toBe(true);
  for (const lang of ['en', 'nl', 'fr', 'de'] as const) expect(catalog[lang][`error.${result.code}`], `${lang} ${result.code}`).toBeTypeOf('string');
  for (const value of Object.values(result.params)) expect(['string', 'number', 'boolean'].includes(typeof value) || value === null).toBe(true);
}
function knownWarnings(list: readonly string[]): void {
  for (const w of list) expect(warnings.has(w), w).toBe(true);
}

describe(`fuzz: ${RUNS} inputs per parser, nothing escapes`, () => {
  it('classifyScan returns a refusal or a value that fits the API schema', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(anyText, today, (text, day) => {
        const result = classifyScan(text, day);
        const outcome = result.ok ? result.value.kind : result.code;
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        wellFormedRefusal(result);
        if (result.ok) {
          expect(() => ScanResult.parse(result.value)).not.toThrow();
          if ('warnings' in result.value) knownWarnings(result.value.warnings);
        }
      }),
      { numRuns: RUNS },
    );
    if (process.env.FUZZ_STATS) console.log(Object.fromEntries(seen));
    // The mutated corpus must reach every kind and many refusals, or the fuzzing proves little.
    for (const kind of ['ssin', 'mrz', 'gs1', 'invitation', 'card']) expect(seen.get(kind) ?? 0, kind).toBeGreaterThan(4);
    expect([...seen.keys()].filter((k) => k.startsWith('identity.')).length).toBeGreaterThan(15);
  });

  it('parseSsin and parseEidCardNumber', () => {
    fc.assert(
      fc.property(anyText, today, fc.constantFrom('typed', 'document') as fc.Arbitrary<'typed' | 'document'>, (text, day, source) => {
        const ssin = parseSsin(text, day, { source });
        wellFormedRefusal(ssin);
        if (ssin.ok) {
          expect(ssin.value.ssin).toMatch(/^\d{11}$/);
          expect(ssin.value.birthDate === null || /^\d{4}-\d{2}-\d{2}$/.test(ssin.value.birthDate)).toBe(true);
          knownWarnings(ssin.value.warnings);
        }
        const card = parseEidCardNumber(text);
        wellFormedRefusal(card);
        if (card.ok) expect(card.value.cardNumber).toMatch(/^\d{12}$/);
      }),
      { numRuns: RUNS },
    );
  });

  it('parseMrz', () => {
    fc.assert(
      fc.property(anyText, today, (text, day) => {
        const result = parseMrz(text, day);
        wellFormedRefusal(result);
        if (result.ok) {
          expect(() => ScanResult.parse({ kind: 'mrz', ...result.value })).not.toThrow();
          knownWarnings(result.value.warnings);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('parseGs1', () => {
    fc.assert(
      fc.property(anyText, today, (text, day) => {
        const result = parseGs1(text, day);
        wellFormedRefusal(result);
        if (result.ok) {
          expect(() => ScanResult.parse({ kind: 'gs1', ...result.value })).not.toThrow();
          expect(result.value.lot).not.toContain(GS);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('parseInvitation and parseCardQr', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const invitation = parseInvitation(text);
        wellFormedRefusal(invitation);
        if (invitation.ok) expect(invitation.value.code).toBe(invitation.value.code.trim());
        const card = parseCardQr(text);
        wellFormedRefusal(card);
        if (card.ok) expect(card.value.token).toMatch(/^DD[12]\./);
      }),
      { numRuns: RUNS },
    );
  });

  it('eID identity and address files: random bytes and damaged real files', () => {
    const good = encodeTlv([
      [1, '592012345656'],
      [2, Uint8Array.from([1, 2, 3, 4])],
      [3, '02.05.2022'],
      [4, '02.05.2032'],
      [6, '87031408681'],
      [7, 'Müller-Weiß'],
      [8, 'Zoë'],
      [12, '14.MÄR.1987'],
      [13, 'W'],
      [15, '01'],
    ]);
    const damaged = fc
      .tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat({ max: good.length }))
      .map(([flips, cut]) => {
        const bytes = good.slice(0, Math.max(cut, good.length - 8));
        for (const [at, b] of flips) bytes[at % bytes.length] = b;
        return bytes;
      });
    const bytes = fc.oneof(damaged, fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 8, min: 0x80 }));
    fc.assert(
      fc.property(bytes, fc.option(today, { nil: undefined }), (file, day) => {
        const id = readEidIdentity(file, day);
        wellFormedRefusal(id);
        if (id.ok) knownWarnings(id.value.warnings);
        wellFormedRefusal(readEidAddress(file));
        for (const parse of [() => parseEidIdentity(file, day), () => parseEidAddress(file)]) {
          try {
            parse();
          } catch (error) {
            expect(error).toBeInstanceOf(DoseDeskError);
            expect(codes.has((error as DoseDeskError).code)).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('the burst detector, fed any key sequence', () => {
    const stroke = fc.record({
      key: fc.oneof(fc.constantFrom('Enter', 'Tab', 'Shift', 'Alt', 'Backspace', 'ArrowLeft', 'Unidentified', ']', '|', GS), fc.string({ minLength: 1, maxLength: 2 })),
      gap: fc.oneof(fc.integer({ min: 0, max: 15 }), fc.integer({ min: -50, max: 1000 }), fc.constant(Number.NaN)),
      altKey: fc.boolean(),
      ctrlKey: fc.boolean(),
      metaKey: fc.boolean(),
    });
    const config = fc.record({ gsSubstitute: fc.constantFrom(null, '|', '~'), minLength: fc.integer({ min: 1, max: 12 }), joinMrzLines: fc.boolean() });
    fc.assert(
      fc.property(config, fc.array(stroke, { maxLength: 60 }), (cfg, strokes) => {
        const detector = new ScannerBurstDetector(cfg);
        let time = 0;
        let latest = 0;
        for (const s of strokes) {
          if (!Number.isNaN(s.gap)) time += s.gap;
          latest = Math.max(latest, time);
          const at = Number.isNaN(s.gap) ? Number.NaN : time;
          const verdict = detector.feed({ key: s.key, time: at, altKey: s.altKey, ctrlKey: s.ctrlKey, metaKey: s.metaKey });
          if (verdict) {
            expect(['scan', 'line', 'typing']).toContain(verdict.type);
            if (verdict.type === 'scan') expect(typeof verdict.text).toBe('string');
          }
        }
        const last = detector.flush(latest + 10_000);
        if (last) expect(last.type).toBe('scan');
        expect(detector.waitingForLine).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});
