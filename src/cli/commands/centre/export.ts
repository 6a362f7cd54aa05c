import { UsageError } from '../../command';
import { parseOptions } from '../../args';
import { checkPassphrase } from '../../../main/station/centre/centre-file-crypto';
import { exportCentre } from '../../../main/station/centre/export-centre';
import { cliActor, dataDirOf, readStdinLine } from '../audit';
import { answerJson, clockOption } from './json-output';

/** `centre export`: the sealed centre file other stations join from (passphrase on stdin). */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, { data: { type: 'string' }, out: { type: 'string' }, clock: { type: 'string' } });
  if (!values.data || !values.out) throw new UsageError('--data and --out are required');
  const dataDir = dataDirOf(values);
  const clock = clockOption(values.clock);
  return answerJson(dataDir, () => {
    const passphrase = checkPassphrase(readStdinLine());
    return exportCentre(dataDir, values.out!, passphrase, clock, cliActor());
  });
}
