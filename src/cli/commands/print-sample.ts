import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { parseOptions } from '../args';
import { DoseDeskError, isDoseDeskError } from '../../shared/errors';
import { Language, languageFromLocale } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import { sampleCard } from '../../domain/card/sample';
import { createPrinter, renderReceipt } from '../../main/adapters/printer/printer';
import { renderCardPdf } from '../../main/adapters/printer/pdf';
import { TransportError } from '../../main/adapters/printer/transport';
import { SAMPLE_NAME } from '../../main/station/printing/handlers';

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[], name: string, fallback: T): T => {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} takes ${allowed.join(' | ')}, not "${value}"`);
  return value as T;
};

/** Exit codes: 0 printed, 2 usage, 3 unreachable, 4 printer not ready (paper, cover, error), 5 sending failed. */
export const printSampleCommand: CliCommand = {
  name: 'print-sample',
  summary: 'Print a sample appointment card for a fictitious citizen (receipt printer or PDF)',
  usage: [
    'Usage: npm run -s cli -- print-sample --printer <uri> [options]',
    '  --printer URI   tcp://host:port, a device path such as /dev/usb/lp0, or os:NAME',
    '  --type T        epson (default) or star (Star line mode)',
    '  --width W       paper width in mm: 80 (default) or 58',
    '  --lang L        card language: nl, fr, de or en (default en)',
    '  --second L      optional second language for the summary at the bottom',
    '  --name "NAME"   the citizen\'s full name (default "Zoë Françoise Müller-Weiß")',
    '  --copy          print it marked as a copy',
    '  --model NAME    printer model, e.g. TSP143IIIU (Star raster-only models are refused)',
    '  --pdf FILE      also (or only, without --printer) write the card as a PDF: --paper a4 or card',
    '  --paper P       a4 (default for --pdf) or card (A6)',
    'Exit codes: 0 printed, 3 printer unreachable, 4 out of paper / cover open / error, 5 sending failed.',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, {
      printer: { type: 'string' },
      type: { type: 'string' },
      width: { type: 'string' },
      lang: { type: 'string' },
      second: { type: 'string' },
      name: { type: 'string' },
      copy: { type: 'boolean', default: false },
      model: { type: 'string' },
      pdf: { type: 'string' },
      paper: { type: 'string' },
    });
    if (!values.printer && !values.pdf) throw new UsageError('--printer (or --pdf) is required');
    const ui = languageFromLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
    const language = oneOf(values.lang, Language.options, 'lang', 'en');
    const second = values.second === undefined ? null : oneOf(values.second, Language.options, 'second', 'en');
    const type = oneOf(values.type, ['epson', 'star'] as const, 'type', 'epson');
    const width = oneOf(values.width, ['58', '80'] as const, 'width', '80');
    const paper = oneOf(values.paper, ['a4', 'card'] as const, 'paper', 'a4');
    const name = values.name ?? SAMPLE_NAME;
    if (name.trim() === '') throw new UsageError('--name must not be empty');
    const card = sampleCard({ language, fullName: name, now: new Date(), secondLanguage: second, isCopy: values.copy });
    const fail = (code: number, key: string, params: Record<string, string>) => {
      process.stderr.write(`${translate(ui, `error.${key}`, params)}\n`);
      return code;
    };

    if (values.pdf) {
      const file = resolve(values.pdf);
      writeFileSync(file, await renderCardPdf(card, paper));
      process.stdout.write(`Wrote the sample card for ${name} (${language}, ${paper}) to ${file}\n`);
      if (!values.printer) return 0;
    }

    let printer;
    try {
      printer = createPrinter({ uri: values.printer!, type, width, paper: 'receipt', model: values.model ?? null });
    } catch (error) {
      if (isDoseDeskError(error)) return fail(2, error.code, stringParams(error));
      throw error;
    }
    if (!printer) throw new UsageError('--printer none prints nothing');
    const label = printer.label;
    const job = renderReceipt(card, { type, width });

    let session;
    try {
      session = await printer.transport.open();
    } catch (error) {
      if (error instanceof TransportError) return fail(3, 'printing.unreachable', { printer: `${label} (${error.message})` });
      throw error;
    }
    try {
      const before = await session.status();
      if (before?.condition === 'offline') return fail(3, 'printing.unreachable', { printer: label });
      if (before && before.condition !== 'ready') return fail(4, conditionKey(before.condition), { printer: label });
      try {
        await session.write(job.bytes);
      } catch (error) {
        return fail(5, 'printing.send_failed', { printer: label, detail: (error as Error).message });
      }
      const after = await session.status();
      if (after && after.condition !== 'ready') {
        return fail(5, 'printing.send_failed', { printer: label, detail: translate(ui, `printing.state.${after.condition}`) });
      }
      const report = job.report!;
      const extras = [
        report.pagesUsed.length ? `code pages ${report.pagesUsed.join(', ')}` : 'ASCII only',
        report.rasterLines.length ? `${report.rasterLines.length} line(s) as image` : '',
        report.transliterated.length ? `transliterated ${report.transliterated.join('')}` : '',
        after === null ? 'printer status not available on this link' : '',
      ].filter(Boolean);
      process.stdout.write(`Printed a sample card for ${name} (${language}, ${type}, ${width} mm) on ${label}: ${extras.join('; ')}\n`);
      return 0;
    } finally {
      session.close();
    }
  },
};

function conditionKey(condition: string): string {
  if (condition === 'paper_out') return 'printing.paper_out';
  if (condition === 'cover_open') return 'printing.cover_open';
  return 'printing.printer_error';
}

function stringParams(error: DoseDeskError): Record<string, string> {
  return Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, String(v)]));
}
