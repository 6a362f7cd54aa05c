import { readFileSync } from 'node:fs';
import { UsageError } from '../../command';
import { parseOptions } from '../../args';
import { DoseDeskError } from '../../../shared/errors';
import { checkPassphrase } from '../../../main/station/centre/centre-file-crypto';
import { joinCentre } from '../../../main/station/centre/join-centre';
import { cardKeyFingerprint } from '../card-key';
import { cliActor, dataDirOf, readStdinLine } from '../audit';
import { answerJson, clockOption } from './json-output';

function readCentreFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new DoseDeskError('centre.file_unreadable', { file, detail: (error as NodeJS.ErrnoException).code ?? 'error' });
  }
}

/** `centre join`: enrol this station in the centre of a centre file (passphrase on stdin). */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, { data: { type: 'string' }, 'station-id': { type: 'string' }, clock: { type: 'string' } }, true);
  if (!values.data || !values['station-id']) throw new UsageError('--data and --station-id are required');
  if (positionals.length !== 1) throw new UsageError('give the centre file to join from');
  const dataDir = dataDirOf(values);
  const clock = clockOption(values.clock);
  return answerJson(dataDir, () => {
    const passphrase = checkPassphrase(readStdinLine());
    const joined = joinCentre(dataDir, values['station-id']!, readCentreFile(positionals[0]!), passphrase, clock, cliActor());
    const { cardKey, ...summary } = joined;
    return { ...summary, cardKeyFingerprint: cardKeyFingerprint(cardKey) };
  });
}
