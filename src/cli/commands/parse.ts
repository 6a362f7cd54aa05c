import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { optionPart, parseOptions } from '../args';
import { classifyScan } from '../../domain/identity/classify';
import { languageFromLocale, TIME_ZONE } from '../../shared/i18n/languages';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Today's calendar day in Brussels as YYYY-MM-DD (en-CA formats dates that way). */
function todayInBrussels(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** True for a YYYY-MM-DD that names a real day (no 2026-02-30). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/**
 * Parses one scan or typed entry exactly as the desk does and prints one JSON object on one line:
 * the parsed value (exit 0) or `{"error":{"code","message"}}` (exit 1). Messages follow
 * DOSEDESK_LANG, else LANG.
 */
export const parseCommand: CliCommand = {
  name: 'parse',
  summary: 'Parse a national number, eID MRZ, vial GS1 code, invitation or appointment card as the desk does',
  usage: [
    'Usage: npm run -s cli -- parse [--today YYYY-MM-DD] [--] <text>',
    '       npm run -s cli -- parse [--today YYYY-MM-DD] -        (read the text from stdin)',
    '  <text>        what the scanner sent or the person typed; an MRZ is three lines separated by newlines',
    '  --today D     the calendar day to judge dates against (default: today in Brussels)',
    'A GS1 code needs the real GS byte (0x1D) between fields; in bash write it as',
    "  npm run -s cli -- parse $'01095060001343521726063010ABC123\\x1d21SN0001'",
    'The two characters \\x1d typed literally are NOT a separator.',
    'Prints one JSON object on one line; exit 0 when parsed, 1 when refused (with code and message).',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { today: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('give exactly one text to parse (quote it)');
    const today = values.today ?? todayInBrussels();
    if (!isCalendarDay(today)) throw new UsageError(`--today takes YYYY-MM-DD, not "${today}"`);
    // `-` reads stdin only as an option; after `--` it is the text "-" like anything else there.
    const fromStdin = positionals[0] === '-' && optionPart(argv).includes('-');
    const text = fromStdin ? await readStdin() : positionals[0]!;
    const parsed = classifyScan(text, today);
    if (parsed.ok) {
      process.stdout.write(`${JSON.stringify(parsed.value)}\n`);
      return 0;
    }
    const language = languageFromLocale(process.env.DOSEDESK_LANG || process.env.LANG);
    // The catalogs (and i18next) load only for a refusal: a parsed value needs no words.
    const { translate } = await import('../../shared/i18n/translate');
    const message = translate(language, `error.${parsed.code}`, parsed.params);
    process.stdout.write(`${JSON.stringify({ error: { code: parsed.code, message, params: parsed.params } })}\n`);
    return 1;
  },
};
