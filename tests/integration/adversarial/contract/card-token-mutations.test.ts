import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { assembleToken, encodeCardPayload, signingInput, type CardTokenContent } from '../../../../src/domain/booking/card-token';
import { sealCardToken, verifyCardTokenWithKey } from '../../../../src/main/station/booking/card-token';
import { isDoseDeskError } from '../../../../src/shared/errors';
import { sampleCardContent } from '../../../support/booking/card-content';

const KEY = Buffer.alloc(32, 7);
const CENTRE = 'demo-centre';

const content: CardTokenContent = sampleCardContent({ centreId: CENTRE });

function signed(c: CardTokenContent): string {
  const payload = encodeCardPayload(c);
  return assembleToken(payload, createHmac('sha256', KEY).update(signingInput(payload)).digest('base64url'));
}

/** The refusal code, or 'accepted'. Anything other than a DoseDeskError is a crash and fails the test. */
function outcome(text: string): string {
  try {
    verifyCardTokenWithKey(KEY, text, CENTRE);
    return 'accepted';
  } catch (error) {
    if (!isDoseDeskError(error)) throw error;
    return error.code;
  }
}

const REPLACEMENTS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '.', '=', '+', '/', ' ', '\n', 'é', '\u0000'];
// A change in a sealed card's clear centre id names another centre: refused with that message.
const REFUSED = new Set(['booking.card_malformed', 'booking.card_forged', 'booking.card_other_centre']);

const FORMATS = [
  { format: 'DD2 sealed (printed today)', make: (c: CardTokenContent) => sealCardToken(KEY, c) },
  { format: 'DD1 signed (printed before cards were sealed)', make: signed },
];

describe.each(FORMATS)('adversarial: appointment card token mutations, $format', ({ make }) => {
  it('accepts the genuine token', () => {
    expect(outcome(make(content))).toBe('accepted');
  });

  it('refuses every one-character change of a valid token (all positions x 72 replacement characters)', () => {
    const token = make(content);
    let tried = 0;
    const accepted: string[] = [];
    for (let at = 0; at < token.length; at++) {
      for (const ch of REPLACEMENTS) {
        if (token[at] === ch) continue;
        const mutated = token.slice(0, at) + ch + token.slice(at + 1);
        tried++;
        const code = outcome(mutated);
        if (!REFUSED.has(code)) accepted.push(`${at}:${JSON.stringify(ch)} -> ${code}`);
      }
    }
    console.log(`adversarial card token: ${tried} one-character changes, ${tried - accepted.length} refused`);
    expect(accepted).toEqual([]);
  });

  it('refuses the other spellings of the last character (unused low bits)', () => {
    const token = make(content);
    const last = token[token.length - 1]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const lastGroup = token.slice(token.lastIndexOf('.') + 1).length % 4;
    // 2 (of 3 bytes) or 1 (of 2) leftover characters leave 4 or 2 unused bits in the last one.
    const unusedBits = lastGroup === 3 ? 2 : lastGroup === 2 ? 4 : 0;
    expect(unusedBits).toBeGreaterThan(0); // the fixed content leaves some for both formats
    const sameBytes = [...alphabet].filter((c) => c !== last && alphabet.indexOf(c) >> unusedBits === alphabet.indexOf(last) >> unusedBits);
    expect(sameBytes).toHaveLength(2 ** unusedBits - 1);
    for (const c of sameBytes) expect(REFUSED.has(outcome(token.slice(0, -1) + c))).toBe(true);
  });

  it('property: deletions, insertions and swaps anywhere are refused (seeded)', () => {
    const token = make(content);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.nat({ max: token.length - 1 }), fc.constantFrom(...REPLACEMENTS), fc.constantFrom('delete', 'insert', 'swap'), (a, b, ch, kind) => {
        let mutated: string;
        if (kind === 'delete') mutated = token.slice(0, a) + token.slice(a + 1);
        else if (kind === 'insert') mutated = token.slice(0, a) + ch + token.slice(a);
        else {
          const chars = [...token];
          [chars[a], chars[b]] = [chars[b]!, chars[a]!];
          mutated = chars.join('');
        }
        fc.pre(mutated.trim() !== token); // surrounding whitespace is the scanner's, and allowed
        expect(REFUSED.has(outcome(mutated))).toBe(true);
      }),
      { seed: 1313, numRuns: 2000 },
    );
  });
});
