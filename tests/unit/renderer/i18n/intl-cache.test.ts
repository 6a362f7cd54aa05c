import { describe, expect, it } from 'vitest';
import { dateTimeFormat } from '../../../../src/renderer/i18n/intl-cache';
import { formatDateTime } from '../../../../src/renderer/i18n/setup';

describe('the Intl formatters built once', () => {
  it('gives the same formatter for the same locale and options, another for others', () => {
    const a = dateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit' });
    expect(dateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit' })).toBe(a);
    expect(dateTimeFormat('fr-BE', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit' })).not.toBe(a);
    expect(dateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', hour: 'numeric' })).not.toBe(a);
  });

  it('still formats in Brussels time in each language', () => {
    // 29 March 2026, 01:30 UTC: the clocks go forward in Brussels at 02:00 local, so it is 03:30 there.
    expect(formatDateTime('2026-03-29T01:30:00Z', 'nl', 'time')).toBe('03:30');
    expect(formatDateTime('2026-03-28T23:30:00Z', 'fr', 'time')).toBe('00:30');
  });
});
