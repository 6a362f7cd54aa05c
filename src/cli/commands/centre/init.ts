import * as z from 'zod';
import { UsageError } from '../../command';
import { DoseDeskError } from '../../../shared/errors';
import { Language } from '../../../shared/i18n/languages';
import { Weekday } from '../../../shared/api/centre';
import type { CentreProfile } from '../../../main/station/centre/centre-profile';
import { parseOptions } from '../../args';
import { initCentre } from '../../../main/station/centre/init-centre';
import { cardKeyFingerprint } from '../card-key';
import { cliActor, dataDirOf } from '../audit';
import { answerJson, clockOption } from './json-output';

/** A comma-separated list, each item checked by `schema`; refused whole with `code` when one is not. */
function listOption<T>(text: string, schema: z.ZodType<T>, code: string): T[] {
  const items = text.split(',').map((item) => item.trim().toLowerCase()).filter(Boolean);
  const parsed = z.array(schema).min(1).safeParse(items);
  if (!parsed.success) throw new DoseDeskError(code, { value: text });
  return parsed.data;
}

/**
 * `--languages nl,fr` and `--open-days mon,tue,...`: given together or not at all (a centre made
 * without them has no profile, as before they existed).
 */
function centreProfileOptions(languages: string | undefined, openDays: string | undefined): CentreProfile | null {
  if (languages === undefined && openDays === undefined) return null;
  return {
    languages: listOption(languages ?? 'nl,fr,de,en', Language, 'centre.languages_invalid'),
    openDays: listOption(openDays ?? 'mon,tue,wed,thu,fri', Weekday, 'centre.open_days_invalid'),
  };
}

/** `centre init`: the first station of a new centre, blank, with its own card key. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    data: { type: 'string' },
    'centre-id': { type: 'string' },
    name: { type: 'string' },
    'station-id': { type: 'string' },
    address: { type: 'string', multiple: true },
    place: { type: 'string' },
    phone: { type: 'string' },
    languages: { type: 'string' },
    'open-days': { type: 'string' },
    clock: { type: 'string' },
  });
  if (!values.data || !values['centre-id'] || !values.name || !values['station-id']) throw new UsageError('--data, --centre-id, --name and --station-id are required');
  const dataDir = dataDirOf(values);
  const clock = clockOption(values.clock);
  return answerJson(dataDir, () => {
    const profile = centreProfileOptions(values.languages, values['open-days']);
    const { cardKey } = initCentre(
      dataDir,
      {
        centreId: values['centre-id']!,
        centreName: values.name!.trim(),
        stationId: values['station-id']!,
        ...(values.address ? { address: values.address.map((line) => line.trim()).filter(Boolean) } : {}),
        ...(values.place ? { place: values.place.trim() } : {}),
        ...(values.phone ? { reschedulePhone: values.phone.trim() } : {}),
        ...(profile ? { profile } : {}),
      },
      clock,
      cliActor(),
    );
    return { centreId: values['centre-id'], stationId: values['station-id'], data: dataDir, cardKeyFingerprint: cardKeyFingerprint(cardKey) };
  });
}
