import { describe, expect, it } from 'vitest';
import { printing } from '../../../../../src/shared/i18n/catalogs/printing';
import { catalogs } from '../../../../../src/shared/i18n/catalogs';
import { LANGUAGES } from '../../../../../src/shared/i18n/languages';
import { PrinterState } from '../../../../../src/shared/api/station';
import { BringItem, NotifyChannel } from '../../../../../src/domain/card/card-model';
import { translate } from '../../../../../src/shared/i18n/translate';

describe('printing catalog', () => {
  it('has the same keys in every language, none empty', () => {
    const keys = Object.keys(printing.en).sort();
    for (const lang of LANGUAGES) {
      expect(Object.keys(printing[lang]).sort(), lang).toEqual(keys);
      for (const [key, value] of Object.entries(printing[lang])) expect(value.trim(), `${lang} ${key}`).not.toBe('');
    }
    expect(catalogs).toContain(printing);
  });

  it('has a message for every error code, printer state, problem and card option', () => {
    const needed = [
      ...['job_not_found', 'not_uncertain', 'not_reprintable', 'raster_only', 'unsupported_uri', 'unreachable', 'paper_out', 'cover_open', 'printer_error', 'send_failed'].map((c) => `error.printing.${c}`),
      ...PrinterState.options.flatMap((s) => [`printing.state.${s}`, `printing.help.${s}`]),
      ...['interrupted', 'write_failed', 'after_paper_out', 'after_cover_open', 'after_error', 'after_offline', 'unsupported'].map((p) => `printing.problem.${p}`),
      ...BringItem.options.map((b) => `printing.card.bring.${b}`),
      ...NotifyChannel.options.map((n) => `printing.card.notify.${n}`),
      'printing.help.uncertain',
    ];
    for (const key of needed) expect(printing.en, key).toHaveProperty([key]);
  });

  it('renders parameters in each language', () => {
    expect(translate('nl', 'error.printing.paper_out', { printer: 'tcp://10.0.0.5:9100' })).toContain('tcp://10.0.0.5:9100');
    expect(translate('de', 'printing.card.copy')).toBe('KOPIE');
    expect(translate('fr', 'printing.card.copy')).toBe('DUPLICATA');
  });
});
