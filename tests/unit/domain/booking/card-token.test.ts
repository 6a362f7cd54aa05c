import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import {
  CARD_TOKEN_MAX_LENGTH,
  assembleToken,
  decodeCardPayload,
  encodeCardPayload,
  shortToUuid,
  signingInput,
  splitToken,
  uuidToShort,
  type CardTokenContent,
} from '../../../../src/domain/booking/card-token';
import { base64urlToBytes, bytesToBase64url } from '../../../../src/domain/booking/base64url';
import { formatShortCode, normalizeShortCode, shortCodeOf } from '../../../../src/domain/booking/short-code';
import { sampleCardContent } from '../../../support/booking/card-content';

const content: CardTokenContent = sampleCardContent({
  slotId: 'b1e0c5a2-1d3f-5a6b-8c9d-0e1f2a3b4c5d',
  person: { familyName: 'Müller-Weiß', givenNames: 'Zoë Françoise', language: 'de' },
});

function sign(payload: string, key = 'k'): string {
  return assembleToken(payload, createHmac('sha256', key).update(signingInput(payload)).digest('base64url'));
}

describe('appointment card token', () => {
  it('round-trips what a station needs to know, accents included', () => {
    const token = sign(encodeCardPayload(content));
    expect(token.startsWith('DD1.')).toBe(true);
    expect(token.length).toBeLessThanOrEqual(CARD_TOKEN_MAX_LENGTH);
    const parts = splitToken(token);
    expect(parts.ok).toBe(true);
    if (!parts.ok) return;
    expect(decodeCardPayload(parts.payloadB64)).toEqual(content);
  });

  it('accepts an AIM prefix and surrounding whitespace from the scanner, refuses other shapes', () => {
    const token = sign(encodeCardPayload(content));
    expect(splitToken(`]Q1${token}\r\n`).ok).toBe(true);
    expect(splitToken(token.replace('DD1.', 'DD2.')).ok).toBe(false);
    expect(splitToken(`${token}x`).ok).toBe(false);
    expect(splitToken('DD1.abc').ok).toBe(false);
  });

  it('shortens very long names so the token still fits the card', () => {
    const long = { ...content, person: { ...content.person, familyName: 'Ł'.repeat(200), givenNames: 'ß'.repeat(200) }, centreId: 'c'.repeat(64) };
    const payload = encodeCardPayload({ ...long, previousDose: { ...long.previousDose, stationId: 's'.repeat(64), lot: 'L'.repeat(20) } });
    const token = sign(payload);
    expect(token.length).toBeLessThanOrEqual(CARD_TOKEN_MAX_LENGTH);
    expect(decodeCardPayload(payload)!.person.ssin).toBe(content.person.ssin);
  });

  it('refuses a payload that is not a card payload', () => {
    expect(decodeCardPayload(bytesToBase64url(new TextEncoder().encode('{"v":1}')))).toBeNull();
    expect(decodeCardPayload('!!!')).toBeNull();
    expect(decodeCardPayload(bytesToBase64url(new Uint8Array([0xff, 0xfe])))).toBeNull();
  });

  it('property: base64url round-trips bytes and refuses non-canonical text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = bytesToBase64url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(base64urlToBytes(text)).toEqual(bytes);
      }),
    );
    expect(base64urlToBytes('AQ')).toEqual(new Uint8Array([1]));
    expect(base64urlToBytes('AB')).toBeNull(); // stray low bits: not the canonical spelling
    expect(base64urlToBytes('A')).toBeNull();
  });

  it('property: UUIDs survive the 22-character form, and any content round-trips', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }), (a, d, family, given, seconds) => {
        expect(shortToUuid(uuidToShort(a))).toBe(a.toLowerCase());
        const c: CardTokenContent = {
          ...content,
          appointment: { ...content.appointment, id: a.toLowerCase(), start: new Date(seconds * 1000).toISOString() },
          previousDose: { ...content.previousDose, id: d.toLowerCase() },
          person: { ...content.person, familyName: family, givenNames: given },
        };
        const decoded = decodeCardPayload(encodeCardPayload(c))!;
        expect(decoded.appointment.id).toBe(c.appointment.id);
        expect(decoded.previousDose.id).toBe(c.previousDose.id);
        expect(decoded.appointment.start).toBe(c.appointment.start);
        expect(c.person.familyName.startsWith(decoded.person.familyName)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('short code: 8 Crockford characters from the appointment id, read back forgivingly', () => {
    const code = shortCodeOf(content.appointment.id);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(code).toBe(shortCodeOf(content.appointment.id.toUpperCase()));
    expect(formatShortCode(code)).toBe(`${code.slice(0, 4)}-${code.slice(4)}`);
    expect(normalizeShortCode(formatShortCode(code).toLowerCase())).toBe(code);
    expect(normalizeShortCode('0O1I-LL00')).toBe('00111100');
    expect(normalizeShortCode('ABC')).toBeNull();
    expect(normalizeShortCode('ABCD-EFGU')).toBeNull();
  });
});
