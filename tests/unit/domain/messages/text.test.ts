import { describe, expect, it } from 'vitest';
import { messageText } from '../../../../src/domain/messages/text';
import { smsNumber } from '../../../../src/domain/messages/phone';

const centre = { name: 'Heysel', place: 'Hall 5, Heysel', address: ['Place de Belgique 1', '1020 Bruxelles'] };
// 08:00 UTC on 31 March 2026 is 10:00 in Brussels (summer time since 29 March).
const startAt = '2026-03-31T08:00:00.000Z';

describe('citizen message text', () => {
  it('gives date, Brussels time, place and code in each of the four languages', () => {
    const expected = {
      nl: { date: 'dinsdag 31 maart 2026', word: 'Plaats' },
      fr: { date: 'mardi 31 mars 2026', word: 'Lieu' },
      de: { date: 'Dienstag, 31. März 2026', word: 'Ort' },
      en: { date: 'Tuesday, 31 March 2026', word: 'Place' },
    } as const;
    for (const language of ['nl', 'fr', 'de', 'en'] as const) {
      const text = messageText({ kind: 'booked', language, startAt, shortCode: 'ABCD2345', centre });
      expect(text.body, language).toContain(expected[language].date);
      expect(text.body, language).toContain('10:00');
      expect(text.body, language).toMatch(new RegExp(`${expected[language].word} ?: Hall 5, Heysel`));
      expect(text.body, language).toContain('ABCD-2345');
      expect(text.sms, language).toMatch(/10:00.*Hall 5, Heysel.*ABCD-2345/);
      expect(text.subject, language).toContain('10:00');
    }
  });

  it('says what changed: moved, cancelled, reminder', () => {
    expect(messageText({ kind: 'rebooked', language: 'nl', startAt, shortCode: 'ABCD2345', centre }).sms).toMatch(/verplaatst naar dinsdag 31 maart 2026 om 10:00/);
    expect(messageText({ kind: 'cancelled', language: 'fr', startAt, shortCode: 'ABCD2345', centre }).subject).toMatch(/annulé/);
    expect(messageText({ kind: 'reminder', language: 'de', startAt, shortCode: 'ABCD2345', centre }).subject).toBe('Erinnerung: Impfung morgen um 10:00');
  });
});

describe('SMS numbers', () => {
  it('writes Belgian numbers as E.164 whatever the list wrote', () => {
    expect(smsNumber('0470 12 34 56')).toBe('+32470123456');
    expect(smsNumber('0032 470/12.34.56')).toBe('+32470123456');
    expect(smsNumber('+31 6 12345678')).toBe('+31612345678');
    expect(smsNumber('abc')).toBeNull();
    expect(smsNumber('12')).toBeNull();
  });
});
