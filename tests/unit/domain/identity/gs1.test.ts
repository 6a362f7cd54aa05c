import { describe, expect, it } from 'vitest';
import { gs1Year, gtinCheckDigit, parseGs1, type Gs1Value } from '../../../../src/domain/identity/gs1';

const TODAY = '2026-11-15';
const GS = '\x1d';
const GTIN = '09506000134352'; // GS1's example GTIN, check digit 2

function ok(text: string, today = TODAY): Gs1Value {
  const parsed = parseGs1(text, today);
  if (!parsed.ok) throw new Error(`refused: ${parsed.code} ${JSON.stringify(parsed.params)}`);
  return parsed.value;
}
const refusal = (text: string, today = TODAY) => {
  const parsed = parseGs1(text, today);
  return parsed.ok ? { code: 'ok', params: {} } : { code: parsed.code, params: parsed.params };
};

describe('GTIN check digit', () => {
  it('weights 3,1 from the right', () => {
    expect(gtinCheckDigit('0950600013435')).toBe(2);
    expect(gtinCheckDigit('400638133393')).toBe(1); // EAN-13 4006381333931
    expect(gtinCheckDigit('0540123456789')).toBe(8);
  });
});

describe('GS1 element strings on vials', () => {
  it('reads a DataMatrix with AIM prefix and GS separators', () => {
    expect(ok(`]d201${GTIN}17270630${'10'}ABC123${GS}21SN0001`)).toEqual({
      gtin: GTIN,
      expiry: '2027-06-30',
      lot: 'ABC123',
      serial: 'SN0001',
      aim: ']d2',
      warnings: [],
    });
  });

  it('accepts ]C1 and ]Q3 prefixes, a leading GS, or no prefix at all', () => {
    const body = `01${GTIN}1727063010ABC123${GS}21SN0001`;
    expect(ok(`]C1${body}`).aim).toBe(']C1');
    expect(ok(`]Q3${body}`).aim).toBe(']Q3');
    expect(ok(`${GS}${body}`).aim).toBeNull();
    expect(ok(body).lot).toBe('ABC123');
  });

  it('accepts any field order, a GS after a fixed field and a trailing GS', () => {
    const v = ok(`21SN0001${GS}10ABC123${GS}01${GTIN}${GS}17270630${GS}`);
    expect(v).toMatchObject({ gtin: GTIN, expiry: '2027-06-30', lot: 'ABC123', serial: 'SN0001' });
  });

  it('gives serial null when the pack has none', () => {
    expect(ok(`01${GTIN}1727063010ABC123`).serial).toBeNull();
  });

  it('keeps lots that contain AI-like digits when nothing else could be meant', () => {
    // The serial is there, so `21` inside the lot cannot be a swallowed serial.
    expect(ok(`01${GTIN}1727063021SN1${GS}10L2110`).lot).toBe('L2110');
    expect(ok(`01${GTIN}1727063010X17270630${GS}21S`).lot).toBe('X17270630');
  });

  it('turns day 00 into the last day of the month, leap years included', () => {
    expect(ok(`01${GTIN}1726020010A`).expiry).toBe('2026-02-28');
    expect(ok(`01${GTIN}1728020010A`).expiry).toBe('2028-02-29');
    expect(ok(`01${GTIN}1700020010A`).expiry).toBe('2000-02-29');
    expect(ok(`01${GTIN}1730040010A`).expiry).toBe('2030-04-30');
    expect(ok(`01${GTIN}1727120010A`).expiry).toBe('2027-12-31');
  });

  it('uses the GS1 sliding century', () => {
    expect(gs1Year(76, 2026)).toBe(2076); // 50 ahead: this century
    expect(gs1Year(77, 2026)).toBe(1977); // 51 ahead: previous century
    expect(gs1Year(0, 2026)).toBe(2000);
    expect(gs1Year(41, 2090)).toBe(2041); // 49 behind: this century
    expect(gs1Year(40, 2090)).toBe(2140); // 50 behind: next century
    expect(gs1Year(39, 2090)).toBe(2139);
    expect(ok(`01${GTIN}1740063010A`, '2090-01-01').expiry).toBe('2140-06-30');
  });

  it('warns about an expired vial', () => {
    expect(ok(`01${GTIN}1726063010A`).warnings).toEqual(['gs1.expired']);
    expect(ok(`01${GTIN}1726111510A`).warnings).toEqual([]);
    expect(ok(`01${GTIN}1726111410A`).warnings).toEqual(['gs1.expired']);
  });
});

describe('GS1 refusals: nothing ambiguous gets through', () => {
  it.each([
    [`01${GTIN}1727063010ABC12321SN0001`, 'identity.gs1.ambiguous', { ai: '10' }],
    [`01${GTIN}1727063010ABC123456789012345678`, 'identity.gs1.field_too_long', { ai: '10', length: 21 }],
    [`01${GTIN}1727063010ABC123${GS}21SN0001${GS}10ABC123`, 'identity.gs1.duplicate_ai', { ai: '10' }],
    [`01${GTIN}10ABC123${GS}21SN0001`, 'identity.gs1.missing_ai', { ai: '17' }],
    [`01${GTIN}17270630${GS}21SN0001`, 'identity.gs1.missing_ai', { ai: '10' }],
    [`17270630${'10'}ABC123`, 'identity.gs1.missing_ai', { ai: '01' }],
    [`10ABC123${GS}17270630${'01'}${GTIN}`, 'ok', {}],
    [`0109506000134353172706301 0A`.replace(' ', ''), 'identity.gs1.gtin_check', {}],
    [`01095060001343X21727063010A`, 'identity.gs1.gtin', {}],
    [`01${GTIN}1727133010A`, 'identity.gs1.expiry', { value: '271330' }],
    [`01${GTIN}1727043110A`, 'identity.gs1.expiry', { value: '270431' }],
    [`01${GTIN}1727023010A`, 'identity.gs1.expiry', { value: '270230' }],
    [`01${GTIN}1727022910A`, 'identity.gs1.expiry', { value: '270229' }],
    [`01${GTIN}1727063011260101${'10'}A`, 'identity.gs1.unknown_ai', { ai: '1126' }],
    [`01${GTIN}17270630714ABC${GS}10A`, 'identity.gs1.unknown_ai', { ai: '714' }],
    [`01${GTIN}1727063010${GS}21A`, 'identity.gs1.empty_field', { ai: '10' }],
    [`01${GTIN}1727063010AB C`, 'identity.gs1.characters', { ai: '10' }],
    [`01${GTIN}1727063010LÖT`, 'identity.gs1.characters', { ai: '10' }],
    [`0109506000`, 'identity.gs1.truncated', { ai: '01' }],
    [`01${GTIN}172706`, 'identity.gs1.truncated', { ai: '17' }],
    [`01${GTIN}17270${GS}63010A`, 'identity.gs1.truncated', { ai: '17' }],
    [`01${GTIN}1727063010A${GS}${GS}21B`, 'identity.gs1.format', { position: 28 }],
    [`]d2`, 'identity.gs1.format', { position: 0 }],
    [`]e0${'01'}${GTIN}1727063010A`, 'identity.gs1.format', { position: 0 }],
    [`AB`, 'identity.gs1.format', { position: 0 }],
  ] as const)('%j -> %s', (text, code, params) => {
    expect(refusal(text)).toEqual({ code, params });
  });
});
