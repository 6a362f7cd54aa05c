import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DoseDeskError, isDoseDeskError } from '../shared/errors';
import { Language } from '../shared/i18n/languages';
import { translate } from '../shared/i18n/translate';
import { isDiskFull } from '../main/adapters/sqlite/database';

/**
 * A station that refuses to start (or a command that refuses a station folder) says why in one
 * translated line with its code, exits non-zero, and prints no stack trace: the line is what staff
 * read out to technical support.
 */

/** The station's language from its settings.json when readable, else English. */
export function stationLanguage(dataDir: string | undefined): Language {
  if (!dataDir) return 'en';
  try {
    const raw = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { language?: unknown };
    const parsed = Language.safeParse(raw.language);
    return parsed.success ? parsed.data : 'en';
  } catch {
    return 'en';
  }
}

/** The refusal behind an error, or null for a fault in the program itself. */
export function refusalOf(error: unknown): DoseDeskError | null {
  if (isDoseDeskError(error)) return error;
  if (isDiskFull(error)) return new DoseDeskError('db.full');
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_NOTADB') return new DoseDeskError('db.damaged', { file: '' });
  if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) return new DoseDeskError('db.integrity', { detail: (error as Error).message });
  return null;
}

export function refusalLine(refusal: DoseDeskError, language: Language): string {
  // One line, whatever a detail carries (SQLite's integrity report spans lines).
  const message = translate(language, `error.${refusal.code}`, refusal.params).replace(/\s*[\r\n]+\s*/g, ' ');
  return translate(language, 'startup.refused', { code: refusal.code, message });
}

/** One line for an error no refusal explains; its stack only when DOSEDESK_DEBUG is set. */
export function faultLine(error: unknown, language: Language): string {
  if (process.env.DOSEDESK_DEBUG) return (error as Error).stack ?? String(error);
  const message = translate(language, 'error.internal');
  return `${translate(language, 'startup.refused', { code: 'internal', message })} (${String((error as Error).message ?? error).split('\n')[0]})`;
}

/**
 * Runs a command body on a station folder: a refusal becomes its line on stderr and exit code 1;
 * other errors still propagate (the command line's last resort prints them in one line too).
 */
export async function reportRefusals(dataDir: string | undefined, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    process.stderr.write(`${refusalLine(refusal, stationLanguage(dataDir))}\n`);
    return 1;
  }
}
