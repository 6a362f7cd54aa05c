import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { assembleToken, encodeCardPayload, signingInput, CARD_TOKEN_MAX_LENGTH, type CardTokenContent } from '../../../../../src/domain/booking/card-token';
import { base64urlToBytes } from '../../../../../src/domain/booking/base64url';
import { sealCardToken, verifyCardTokenWithKey } from '../../../../../src/main/station/booking/card-token';
import { isDoseDeskError } from '../../../../../src/shared/errors';
import { sampleCardContent } from '../../../../support/booking/card-content';

const KEY = Buffer.alloc(32, 3);
const OTHER_KEY = Buffer.alloc(32, 4);

const content: CardTokenContent = sampleCardContent({ centreId: 'centre-heysel', person: { familyName: 'Vandenbroucke', givenNames: 'Anne-Sophie', language: 'fr' } });

function code(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (!isDoseDeskError(error)) throw error;
    return error.code;
  }
}

/** Every way a reader could look at the token: the text, and each dotted part decoded as base64url. */
function readableForms(token: string): string[] {
  const decoded = token.split('.').map((part) => base64urlToBytes(part)).filter((b): b is Uint8Array => b !== null);
  return [token, ...decoded.map((b) => Buffer.from(b).toString('latin1'))];
}

describe('sealed appointment card token (DD2)', () => {
  it('opens with the centre key and gives back the whole content', () => {
    const token = sealCardToken(KEY, content);
    expect(token).toMatch(/^DD2\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyCardTokenWithKey(KEY, token, 'centre-heysel')).toEqual(content);
  });

  it('shows nothing of the person to someone without the key', () => {
    const token = sealCardToken(KEY, content);
    for (const form of readableForms(token)) {
      for (const secret of ['85073000488', 'Vandenbroucke', 'Anne-Sophie', '1985-07-30', 'FE1234', '10000000001']) expect(form).not.toContain(secret);
    }
    // The DD1 card it replaces did show them: the check above would catch a return to it.
    const legacy = assembleToken(encodeCardPayload(content), createHmac('sha256', KEY).update(signingInput(encodeCardPayload(content))).digest('base64url'));
    expect(readableForms(legacy).some((form) => form.includes('85073000488'))).toBe(true);
  });

  it('is the same text for the same card (a reprint is the same QR) and another for another card', () => {
    const a = sealCardToken(KEY, content);
    expect(sealCardToken(KEY, content)).toBe(a);
    const moved = sealCardToken(KEY, { ...content, appointment: { ...content.appointment, start: '2021-04-29T08:00:00.000Z' } });
    expect(moved).not.toBe(a);
  });

  it('is refused under another key, names another centre, and keeps a DD1 card verifying', () => {
    const token = sealCardToken(KEY, content);
    expect(code(() => verifyCardTokenWithKey(OTHER_KEY, token, 'centre-heysel'))).toBe('booking.card_forged');
    expect(code(() => verifyCardTokenWithKey(null, token, 'centre-heysel'))).toBe('booking.card_forged');
    expect(code(() => verifyCardTokenWithKey(KEY, token, 'centre-antwerp'))).toBe('booking.card_other_centre');
    const payload = encodeCardPayload(content);
    const legacy = assembleToken(payload, createHmac('sha256', KEY).update(signingInput(payload)).digest('base64url'));
    expect(verifyCardTokenWithKey(KEY, legacy, 'centre-heysel')).toEqual(content);
  });

  it('a header moved onto another centre id does not open (the clear id is authenticated)', () => {
    const token = sealCardToken(KEY, content);
    const otherCentre = sealCardToken(KEY, { ...content, centreId: 'centre-antwerp' });
    const spliced = `${otherCentre.split('.').slice(0, 2).join('.')}.${token.split('.')[2]}`;
    expect(code(() => verifyCardTokenWithKey(KEY, spliced, 'centre-antwerp'))).toBe('booking.card_forged');
  });

  it('fits the QR with the longest names, shortening names, never the SSIN', () => {
    const long: CardTokenContent = {
      ...content,
      centreId: 'vaccination-centre-brussels-heysel',
      appointment: { ...content.appointment, slotId: 'session-2021-04-28-0800-comirnaty-0830' },
      person: { ...content.person, familyName: 'Ä'.repeat(80), givenNames: 'é'.repeat(80) },
      previousDose: { ...content.previousDose, stationId: 'station-hall-5-booth-12', lot: 'L'.repeat(20) },
    };
    const token = sealCardToken(KEY, long);
    expect(token.length).toBeLessThanOrEqual(CARD_TOKEN_MAX_LENGTH);
    const back = verifyCardTokenWithKey(KEY, token, long.centreId);
    expect(back.person.ssin).toBe('85073000488');
    expect(back.person.familyName.length).toBeLessThan(80);
  });
});
