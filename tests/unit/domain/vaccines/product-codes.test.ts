import { describe, expect, it } from 'vitest';
import { atcOf, cnkOf, gtin14Of } from '../../../../src/domain/vaccines/product-codes';

describe('product codes', () => {
  it('stores GTIN-8, -12, -13 and -14 as 14 digits, only with a valid check digit', () => {
    expect(gtin14Of('4006381333931')).toBe('04006381333931');
    expect(gtin14Of(' 08714729812340 ')).toBe('08714729812340');
    expect(gtin14Of('4006381333932')).toBeNull();
    expect(gtin14Of('400638133393')).toBeNull();
    expect(gtin14Of('ABCDEFGHIJKLM')).toBeNull();
  });

  it('takes a CNK of exactly 7 digits', () => {
    expect(cnkOf('4321098')).toBe('4321098');
    expect(cnkOf('432109')).toBeNull();
    expect(cnkOf('43210989')).toBeNull();
    expect(cnkOf('432109a')).toBeNull();
  });

  it('takes an ATC code of subgroup or substance level, in upper case', () => {
    expect(atcOf('j07bn01')).toBe('J07BN01');
    expect(atcOf('J07BN')).toBe('J07BN');
    expect(atcOf('J07')).toBeNull();
    expect(atcOf('J07BN1')).toBeNull();
  });
});
