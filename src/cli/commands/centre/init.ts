import { UsageError } from '../../command';
import { parseOptions } from '../../args';
import { initCentre } from '../../../main/station/centre/init-centre';
import { cardKeyFingerprint } from '../card-key';
import { cliActor, dataDirOf } from '../audit';
import { answerJson, clockOption } from './json-output';

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
    clock: { type: 'string' },
  });
  if (!values.data || !values['centre-id'] || !values.name || !values['station-id']) throw new UsageError('--data, --centre-id, --name and --station-id are required');
  const dataDir = dataDirOf(values);
  const clock = clockOption(values.clock);
  return answerJson(dataDir, () => {
    const { cardKey } = initCentre(
      dataDir,
      {
        centreId: values['centre-id']!,
        centreName: values.name!.trim(),
        stationId: values['station-id']!,
        ...(values.address ? { address: values.address.map((line) => line.trim()).filter(Boolean) } : {}),
        ...(values.place ? { place: values.place.trim() } : {}),
        ...(values.phone ? { reschedulePhone: values.phone.trim() } : {}),
      },
      clock,
      cliActor(),
    );
    return { centreId: values['centre-id'], stationId: values['station-id'], data: dataDir, cardKeyFingerprint: cardKeyFingerprint(cardKey) };
  });
}
