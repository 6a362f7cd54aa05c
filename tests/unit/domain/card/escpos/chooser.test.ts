import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planLine } from '../../../../../src/domain/card/escpos/chooser';
import { decodeByte, encodeChar } from '../../../../../src/domain/card/escpos/codepages';
import { EPSON_PAGES, STAR_PAGES } from '../../../../../src/domain/card/escpos/profiles';

function roundTrip(text: string, pages = EPSON_PAGES): string {
  const plan = planLine(text, pages);
  if (plan.kind !== 'pages') throw new Error(`unencodable: ${plan.chars.join('')}`);
  return plan.segments
    .map((s) =>
      Array.from(s.text)
        .map((c) => decodeByte(s.page?.name ?? 'PC437', encodeChar(s.page?.name ?? 'PC437', c)!))
        .join(''),
    )
    .join('');
}

describe('code page chooser', () => {
  it('keeps plain ASCII free of page switches', () => {
    expect(planLine('Jan Peeters', EPSON_PAGES)).toEqual({ kind: 'pages', segments: [{ page: null, text: 'Jan Peeters' }] });
  });

  it('prints a Western name with one page, the first that holds it (CP858)', () => {
    const plan = planLine('Zoë Françoise Müller-Weiß', EPSON_PAGES);
    expect(plan).toEqual({ kind: 'pages', segments: [{ page: { name: 'PC858', n: 19 }, text: 'Zoë Françoise Müller-Weiß' }] });
  });

  it('switches to a Latin-2 page for Łukasiewicz (Epson 18, Star 5)', () => {
    expect(planLine('Jan Łukasiewicz', EPSON_PAGES)).toEqual({ kind: 'pages', segments: [{ page: { name: 'PC852', n: 18 }, text: 'Jan Łukasiewicz' }] });
    expect(planLine('Jan Łukasiewicz', STAR_PAGES)).toEqual({ kind: 'pages', segments: [{ page: { name: 'PC852', n: 5 }, text: 'Jan Łukasiewicz' }] });
  });

  it('switches pages mid-line when no page holds the whole line', () => {
    // Ø is in CP858 but in no Latin-2 page; Ł is only in Latin-2 pages.
    const plan = planLine('Łukasz Ørsted', EPSON_PAGES);
    expect(plan.kind).toBe('pages');
    if (plan.kind !== 'pages') return;
    expect(plan.segments.map((s) => s.page?.name)).toEqual(['PC852', 'PC858']);
    expect(plan.segments.map((s) => s.text).join('')).toBe('Łukasz Ørsted');
    expect(roundTrip('Łukasz Ørsted')).toBe('Łukasz Ørsted');
  });

  it('reports characters no page holds instead of guessing', () => {
    expect(planLine('王小明', EPSON_PAGES)).toEqual({ kind: 'unencodable', chars: ['王', '小', '明'] });
  });

  it('round-trips any mix of Latin, Greek and Cyrillic letters the pages hold (property)', () => {
    const alphabet = Array.from("abcXYZ -'éèëçßüöäàâîïôûÿñãõåæøœŁłŚśŻżĆćŃńĄąĘęŠšŽžČčŘřŐőŰűŞşĞğİıΑΒΓαβγДЖЯдЖя");
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(roundTrip(text, EPSON_PAGES)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
