import { resolve } from 'node:path';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { intOption, parseOptions } from '../args';
import { startFederalSim } from '../../federal-sim';
import { invitationsFromFile } from './federal-sim-invitations';

function rate(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || n < 0 || n > 1) throw new UsageError(`--${name} takes a number from 0 to 1, not "${value}"`);
  return n;
}

export const federalSimCommand: CliCommand = {
  name: 'federal-sim',
  summary: 'Run the stand-in federal backend (FHIR R4) with faults on demand',
  usage: [
    'npm run -s cli -- federal-sim --port P --data DIR [fault options]',
    '',
    '  --port P                      TCP port on 127.0.0.1 (0 picks a free one)',
    '  --data DIR                    folder for the stand-in\'s SQLite file',
    '  --down                        destroy every /fhir connection without answering',
    '  --latency-ms N                wait N ms before handling each request',
    '  --error-rate R                answer 503 to a share R (0..1) of requests',
    '  --timeout-rate R              never answer a share R of requests',
    '  --drop-after-commit-rate R    commit a share R of writes, then drop the connection',
    '  --hold-response-ms N          wait N ms between committing a write and answering',
    '  --seed S                      seed of the fault generator (default 1)',
    '  --max-bundle-entries N        refuse (400 too-costly) a transaction of more than N entries',
    '  --tls-cert F --tls-key F      serve HTTPS with this PEM certificate and key',
    '  --tls-ca F                    with HTTPS: require client certificates signed by this CA',
    '  --invitations FILE --centre-id ID',
    '                                serve the invitation letters of FILE (the format of',
    '                                `centre import-invitations`) to centre ID, for the station\'s pull',
    '',
    'Admin: GET/POST /admin/faults (JSON), GET /admin/stats. Stops on Ctrl+C.',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, {
      port: { type: 'string' },
      data: { type: 'string' },
      down: { type: 'boolean' },
      'latency-ms': { type: 'string' },
      'error-rate': { type: 'string' },
      'timeout-rate': { type: 'string' },
      'drop-after-commit-rate': { type: 'string' },
      'hold-response-ms': { type: 'string' },
      seed: { type: 'string' },
      'max-bundle-entries': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-ca': { type: 'string' },
      invitations: { type: 'string' },
      'centre-id': { type: 'string' },
    });
    if (!values.data) throw new UsageError('--data is required');
    const port = intOption(values.port, 'port');
    if (port > 65535) throw new UsageError('--port must be at most 65535');
    if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new UsageError('--tls-cert and --tls-key go together');
    const maxBundleEntries = values['max-bundle-entries'] === undefined ? undefined : intOption(values['max-bundle-entries'], 'max-bundle-entries');
    if (maxBundleEntries === 0) throw new UsageError('--max-bundle-entries must be at least 1');
    if (values['tls-ca'] && !values['tls-cert']) throw new UsageError('--tls-ca needs --tls-cert and --tls-key');
    if (Boolean(values.invitations) !== Boolean(values['centre-id'])) throw new UsageError('--invitations and --centre-id go together');
    const invitations = values.invitations && values['centre-id'] ? { centreId: values['centre-id'], invitations: invitationsFromFile(resolve(values.invitations)) } : undefined;
    const sim = await startFederalSim({
      port,
      dataDir: resolve(values.data),
      faults: {
        down: values.down ?? false,
        latencyMs: intOption(values['latency-ms'], 'latency-ms', 0),
        errorRate: rate(values['error-rate'], 'error-rate'),
        timeoutRate: rate(values['timeout-rate'], 'timeout-rate'),
        dropAfterCommitRate: rate(values['drop-after-commit-rate'], 'drop-after-commit-rate'),
        holdResponseMs: intOption(values['hold-response-ms'], 'hold-response-ms', 0),
        seed: intOption(values.seed, 'seed', 1),
      },
      ...(maxBundleEntries !== undefined ? { maxBundleEntries } : {}),
      ...(invitations ? { invitations } : {}),
      ...(values['tls-cert'] && values['tls-key']
        ? { tls: { certFile: resolve(values['tls-cert']), keyFile: resolve(values['tls-key']), ...(values['tls-ca'] ? { caFile: resolve(values['tls-ca']) } : {}) } }
        : {}),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`federal-sim listening on ${sim.url}\n`);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void sim.close().then(done);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
