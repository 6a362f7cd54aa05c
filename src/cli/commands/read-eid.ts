import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { intOption, parseOptions } from '../args';
import { Language, languageFromLocale } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import { CardReaderService, type CardOutcome } from '../../main/adapters/cardreader/card-reader-service';

export const readEidCommand: CliCommand = {
  name: 'read-eid',
  summary: 'Wait for a Belgian eID in a card reader and print what the chip says, as JSON',
  usage: [
    'Usage: npm run -s cli -- read-eid [--timeout S] [--reader NAME] [--lang nl|fr|de|en]',
    '  --timeout S    seconds to wait for a card (default 30); a card already inserted is read at once',
    '  --reader NAME  only this reader (default: the first card in any reader)',
    '  --lang L       language of error messages (default: from LANG)',
    'Needs pcscd running and npm `pcsclite`. Exit code 0 with the reading on stdout, 1 with the reason on stderr.',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, {
      timeout: { type: 'string' },
      reader: { type: 'string' },
      lang: { type: 'string' },
    });
    const seconds = intOption(values.timeout, 'timeout', 30);
    const parsedLang = Language.safeParse(values.lang ?? languageFromLocale(process.env.LANG));
    if (!parsedLang.success) throw new UsageError(`--lang takes nl, fr, de or en, not "${values.lang}"`);
    const lang = parsedLang.data;
    const fail = (code: string, params: Record<string, string | number | boolean | null> = {}) => {
      process.stderr.write(`${translate(lang, `error.${code}`, params)} [${code}]\n`);
      return 1;
    };

    const service = new CardReaderService({ log: (line) => process.stderr.write(`[cardreader] ${line}\n`) });
    let settle: (outcome: CardOutcome | undefined) => void = () => {};
    const outcome = new Promise<CardOutcome | undefined>((resolve) => (settle = resolve));
    service.onCard((o) => {
      const reader = o.ok ? o.reading.readerName : o.readerName;
      if (!values.reader || values.reader === reader) settle(o);
    });
    service.onEvent((event) => {
      if (event.type === 'reader-attached') process.stderr.write(`Reader: ${event.readerName}\n`);
      if (event.type === 'card-inserted') process.stderr.write(`Card in ${event.readerName} (ATR ${event.atr}), reading...\n`);
    });
    await service.start();
    try {
      const status = service.status();
      if (!status.available) {
        if (status.detail) process.stderr.write(`${status.detail}\n`);
        return fail(`cardreader.unavailable.${status.reason ?? 'stopped'}`);
      }
      process.stderr.write(`Waiting up to ${seconds} s for a card...\n`);
      const timer = setTimeout(() => settle(undefined), seconds * 1000);
      const result = await outcome;
      clearTimeout(timer);
      if (!result) return fail('cardreader.no_card', { seconds });
      if (!result.ok) return fail(result.error.code, result.error.params);
      process.stdout.write(`${JSON.stringify(result.reading, null, 2)}\n`);
      return 0;
    } finally {
      await service.stop();
    }
  },
};
