import { describe, expect, it } from 'vitest';
import { classifyScan, MAX_SCAN_LENGTH } from '../../../../src/domain/identity/classify';
import { parseInvitation, INVITATION_MAX_LENGTH } from '../../../../src/domain/identity/invitation';
import { parseCardQr } from '../../../../src/domain/identity/card-qr';
import { buildMrz } from './builders';

const TODAY = '2026-11-15';
const GS = '\x1d';
const GTIN = '09506000134352';
const kindOf = (text: string) => {
  const r = classifyScan(text, TODAY);
  return r.ok ? r.value.kind : r.code;
};

describe('classifyScan: decided by shape, never by fallback', () => {
  it('reads each kind', () => {
    expect(classifyScan('85.07.30-033.28', TODAY)).toMatchObject({ ok: true, value: { kind: 'ssin', ssin: '85073003328', birthDate: '1985-07-30', sex: 'M', bis: false } });
    expect(classifyScan(buildMrz().join('\n'), TODAY)).toMatchObject({ ok: true, value: { kind: 'mrz', documentNumber: '592012345656', surname: 'VAN DEN BOSSCHE' } });
    expect(classifyScan(`]d201${GTIN}1727063010ABC123${GS}21SN0001`, TODAY)).toMatchObject({ ok: true, value: { kind: 'gs1', lot: 'ABC123', serial: 'SN0001' } });
    expect(classifyScan('  K7Q2M9X4T1B8Z3W6P0L5N2R8C4V7Y1D9E  ', TODAY)).toEqual({ ok: true, value: { kind: 'invitation', code: 'K7Q2M9X4T1B8Z3W6P0L5N2R8C4V7Y1D9E' } });
    expect(classifyScan('https://example.be/r/AbC?x=1', TODAY)).toEqual({ ok: true, value: { kind: 'invitation', code: 'https://example.be/r/AbC?x=1' } });
    expect(classifyScan('DD1.eyJh.c2ln', TODAY)).toEqual({ ok: true, value: { kind: 'card', token: 'DD1.eyJh.c2ln' } });
  });

  it('treats every string of digits as a national number, or refuses it', () => {
    expect(kindOf('85073003327')).toBe('identity.ssin.checksum');
    expect(kindOf('1234')).toBe('identity.ssin.format');
    expect(kindOf('85.07.30')).toBe('identity.ssin.format');
    expect(kindOf('--')).toBe('identity.ssin.format');
    expect(kindOf('592-0123456-56')).toBe('identity.ssin.card_number_given');
  });

  it('treats ID + line breaks as an MRZ, or refuses it', () => {
    const [l1, l2, l3] = buildMrz();
    expect(kindOf(`${l1}\n${l2}`)).toBe('identity.mrz.format');
    expect(kindOf(`${l1}\n${l2}\n${l3.slice(0, 28)}`)).toBe('identity.mrz.format');
    expect(kindOf(`${l1}${l2}${l3}`)).toBe('mrz');
    // An MRZ from another document is refused as such, not taken for an invitation.
    expect(kindOf('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10')).toBe('identity.mrz.not_belgian_id');
    expect(kindOf(`ID${'x'.repeat(10)}\nfoo`)).toBe('identity.mrz.format');
  });

  it('treats AIM GS1 prefixes, a leading GS and 01 + 14 digits as GS1, or refuses them', () => {
    expect(kindOf(`]d2garbage`)).toBe('identity.gs1.format');
    expect(kindOf(`]C1${'01'}${GTIN}17270630`)).toBe('identity.gs1.missing_ai');
    expect(kindOf(`${GS}10ABC`)).toBe('identity.gs1.missing_ai');
    expect(kindOf(`01${GTIN}`)).toBe('identity.gs1.missing_ai');
    expect(kindOf(`01${GTIN}1727063010ABC12321SN0001`)).toBe('identity.gs1.ambiguous');
    expect(kindOf(`0109506000134353`)).toBe('identity.gs1.gtin_check');
  });

  it('drops other AIM identifiers (]Q1 QR, ]C0 Code 128) before deciding', () => {
    expect(classifyScan(']Q1https://example.be/r/AbC', TODAY)).toEqual({ ok: true, value: { kind: 'invitation', code: 'https://example.be/r/AbC' } });
    expect(classifyScan(']C085073003328', TODAY)).toMatchObject({ ok: true, value: { kind: 'ssin' } });
    expect(classifyScan(']Q1DD1.abc', TODAY)).toMatchObject({ ok: true, value: { kind: 'card', token: 'DD1.abc' } });
    expect(kindOf(']Q1   ')).toBe('identity.empty');
  });

  it('refuses empty and oversized input', () => {
    expect(classifyScan(' \n\t ', TODAY)).toEqual({ ok: false, code: 'identity.empty', params: {} });
    expect(classifyScan('x'.repeat(MAX_SCAN_LENGTH + 1), TODAY)).toEqual({ ok: false, code: 'identity.too_long', params: { max: MAX_SCAN_LENGTH } });
    expect(kindOf('x'.repeat(INVITATION_MAX_LENGTH + 1))).toBe('identity.invitation.too_long');
  });

  it('refuses what starts with neither a letter nor a digit as an invitation code', () => {
    expect(kindOf('--help')).toBe('identity.invitation.format');
    expect(kindOf('  ?K7Q2M9X4')).toBe('identity.invitation.format');
    expect(classifyScan('É7Q2M9X4', TODAY).ok).toBe(true);
  });

  it('refuses multi-line or control characters in what would be an invitation', () => {
    expect(kindOf('ABC\nDEF')).toBe('identity.invitation.control_chars');
    expect(kindOf('ABC\u200bDEF')).toBe('identity.invitation.control_chars');
    expect(kindOf('ABC\u0007')).toBe('identity.invitation.control_chars');
    expect(kindOf('ABC\u202eDEF')).toBe('identity.invitation.control_chars');
  });
});

describe('invitation and appointment card', () => {
  it('keeps the invitation code exactly, only trimmed', () => {
    expect(parseInvitation(' a B-c/é?x=1 ')).toEqual({ ok: true, value: { code: 'a B-c/é?x=1' } });
    expect(parseInvitation('')).toEqual({ ok: false, code: 'identity.empty', params: {} });
    expect(parseInvitation('x'.repeat(INVITATION_MAX_LENGTH)).ok).toBe(true);
  });

  it('reserves DD1. and DD2. for appointment cards and keeps the token raw', () => {
    expect(parseCardQr('DD1.eyJ9.sig-_')).toEqual({ ok: true, value: { token: 'DD1.eyJ9.sig-_' } });
    expect(parseCardQr('DD1.')).toMatchObject({ ok: false, code: 'identity.card.format' });
    expect(parseCardQr('DD1.a b')).toMatchObject({ ok: false, code: 'identity.card.format' });
    expect(parseCardQr('DD2.ZGVtbw.c2VhbGVk')).toEqual({ ok: true, value: { token: 'DD2.ZGVtbw.c2VhbGVk' } });
    expect(parseCardQr('DD3.abc')).toMatchObject({ ok: false, code: 'identity.card.format' });
    expect(parseCardQr(`DD1.${'a'.repeat(3000)}`)).toMatchObject({ ok: false, code: 'identity.card.too_long' });
    expect(kindOf('DD1.a b')).toBe('identity.card.format');
  });
});
