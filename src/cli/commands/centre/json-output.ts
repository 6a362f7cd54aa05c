import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../command';
import { refusalOf, stationLanguage } from '../../refusal';
import { ManualClock, systemClock, type Clock } from '../../../main/adapters/clock';
import { languageFromLocale, type Language } from '../../../shared/i18n/languages';
import { translate } from '../../../shared/i18n/translate';

/**
 * The centre steps answer other tools: one JSON line on stdout, the result (exit 0) or
 * `{"error":{"code","message","params"}}` (exit 1) in the staff's language: the station's
 * language when the folder holds one, else DOSEDESK_LANG or LANG.
 */
export function staffLanguage(dataDir: string): Language {
  if (existsSync(join(dataDir, 'settings.json'))) return stationLanguage(dataDir);
  return languageFromLocale(process.env.DOSEDESK_LANG || process.env.LANG);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export async function answerJson(dataDir: string, body: () => Promise<unknown> | unknown): Promise<number> {
  try {
    printJson(await body());
    return 0;
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const message = translate(staffLanguage(dataDir), `error.${refusal.code}`, refusal.params);
    printJson({ error: { code: refusal.code, message, params: refusal.params } });
    return 1;
  }
}

/** `--clock ISO` fixes the moment the step runs at (tests, rehearsals); default: now. */
export function clockOption(iso: string | undefined): Clock {
  if (iso === undefined) return systemClock;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(Date.parse(iso))) throw new UsageError(`--clock takes an ISO date and time such as 2026-05-04T09:30:00+02:00, not "${iso}"`);
  return new ManualClock(iso);
}
