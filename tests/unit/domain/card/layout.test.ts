import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../../src/shared/i18n/languages';
import { CardModel } from '../../../../src/domain/card/card-model';
import { layoutCard, layoutText, normaliseText, wrapText } from '../../../../src/domain/card/layout';
import { sampleCard } from '../../../../src/domain/card/sample';

const NAME = 'Zoë Françoise Müller-Weiß';
const NOW = new Date('2021-05-03T08:15:00Z');

describe('card layout', () => {
  it('wraps within the width and loses no character (property)', () => {
    const word = fc.array(fc.constantFrom(...Array.from('abcdéëßŁł-XYZ')), { minLength: 1, maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.constantFrom(16, 24, 32, 48), (words, columns) => {
        const text = words.join(' ');
        const lines = wrapText(text, columns);
        for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(columns);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('breaks a long double-barrelled name after its hyphen', () => {
    expect(wrapText('Anne-Sophie Vandenbroucke-Van Cauwenberghe', 24)).toEqual(['Anne-Sophie', 'Vandenbroucke-Van', 'Cauwenberghe']);
    expect(wrapText('Maximiliaan-Christophorus-Alexander', 16)).toEqual(['Maximiliaan-', 'Christophorus-', 'Alexander']);
  });

  it('normalises decomposed accents and the invisible spaces of Intl dates', () => {
    expect(normaliseText('Zoe\u0308 14\u202F30')).toBe('Zoë 14 30');
  });

  it.each(LANGUAGES)('lays out a card in %s with the name, dates in Brussels time and the QR', (lang) => {
    const card = sampleCard({ language: lang, fullName: NAME, now: NOW });
    for (const columns of [32, 48] as const) {
      const layout = layoutCard(card, columns);
      const text = layoutText(layout);
      expect(text).toContain(NAME);
      // 08:15 UTC on 3 May 2021 is 10:15 in Brussels (summer time).
      expect(text.some((l) => l.includes('10:15'))).toBe(true);
      expect(text).toContain('[QR DOSEDESK-SAMPLE-NOT-AN-APPOINTMENT]');
      expect(layout.lines.at(-1)).toEqual({ kind: 'cut' });
      for (const line of layout.lines) {
        if (line.kind !== 'text') continue;
        const room = line.size === 'double' ? columns / 2 : columns;
        expect(Array.from(line.text).length, line.text).toBeLessThanOrEqual(room);
      }
    }
  });

  it('marks copies in the citizen language: COPY / KOPIE / DUPLICATA / KOPIE', () => {
    const words = { en: 'COPY', nl: 'KOPIE', fr: 'DUPLICATA', de: 'KOPIE' } as const;
    for (const lang of LANGUAGES) {
      const copy = layoutText(layoutCard(sampleCard({ language: lang, fullName: NAME, now: NOW, isCopy: true }), 48));
      const original = layoutText(layoutCard(sampleCard({ language: lang, fullName: NAME, now: NOW }), 48));
      expect(copy).toContain(words[lang]);
      expect(original).not.toContain(words[lang]);
    }
  });

  it('shows "to be booked" with the channel, and a second-language summary', () => {
    const card = CardModel.parse({
      ...sampleCard({ language: 'fr', fullName: NAME, now: NOW, secondLanguage: 'nl' }),
      next: { kind: 'to_be_booked', channel: 'sms' },
    });
    const text = layoutText(layoutCard(card, 48)).join(' ');
    expect(text).toContain("Votre prochain rendez-vous n'est pas encore fixé.");
    expect(text).toContain('Vous recevrez un SMS');
    expect(text).toContain('[NL] Vaccinatiekaart');
    expect(text).toContain('U krijgt een sms');
    expect(text).not.toContain('Ce moment ne vous convient pas');
  });

  it('formats the next appointment in local conventions', () => {
    const card = { ...sampleCard({ language: 'de', fullName: NAME, now: NOW }), next: { kind: 'booked' as const, start: '2021-10-12T12:30:00Z', place: 'Halle 5', bring: [] } };
    const text = layoutText(layoutCard(card, 48));
    expect(text).toContain('Dienstag, 12. Oktober');
    expect(text).toContain('um 14:30 Uhr');
  });
});
