import { existsSync, readdirSync } from 'node:fs';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { intOption, parseOptions } from '../args';
import { KILL_MODES, type KillMode } from '../../simulator/plan';
import { DEFAULT_DATE, defaultDaySeconds, runSimulation, type SimulationSummary } from '../../simulator/run';

function human(s: SimulationSummary): string {
  const zeros = Object.entries(s.zeroFigures).map(([k, v]) => `  ${v === 0 ? 'ok ' : 'BAD'} ${k}: ${v}`);
  return [
    `Simulated ${s.date}: ${s.citizens} citizens at ${s.stations} stations, backend down ${s.outageMinutes} min (seed ${s.seed}, plan ${s.planDigest})`,
    `  doses recorded ${s.dosesRecorded}, dose-2 appointments ${s.appointmentsBooked}, to be booked ${s.toBeBooked}, slips printed ${s.slipsPrinted}`,
    `  at the backend: ${s.backend.immunizations} Immunization, ${s.backend.appointments} Appointment`,
    `  citizen e-mails through the centre's mail server (down with the backend): ${s.messagesSent} sent, ${s.messagesDuplicated} duplicated, ${s.messagesUncertain} left for staff to check`,
    s.kill
      ? `  ${s.kill.stationId} killed (${s.kill.mode}) while recording ${s.kill.ssin}: ${s.kill.recordedBeforeKill ? 'dose had been recorded' : 'dose not yet recorded'}, restart ${s.kill.restartSeconds} s, served again ${s.kill.alreadyRecordedOnRetry ? 'without a second record' : 'and recorded once'}`
      : '  no station was killed',
    `  drain ${s.drainSeconds} s, whole run ${s.totalSeconds} s`,
    ...zeros,
    s.ok ? 'All zero-figures are zero.' : 'Some figures that must be zero are not.',
    `Backend data: ${s.backendDataDir}${s.kept ? '' : ' (removed; use --keep DIR to keep it)'}`,
  ].join('\n');
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'Simulate a centre day with a backend outage and a station killed mid-day; counts from the stores',
  usage: [
    'npm run -s cli -- simulate --stations N --citizens M --outage-minutes X --seed S [--keep DIR] [--json]',
    '',
    '  --stations N              station processes (default 4)',
    '  --citizens M              people vaccinated during the day (default 400)',
    '  --outage-minutes X        the federal backend is down X minutes around 13:00 (default 180; at most 420)',
    '  --seed S                  seed of the day: citizens, arrivals, the station killed, fault draws (default 1)',
    '  --keep DIR                keep the stores in DIR (new or empty): DIR/federal is the backend\'s data,',
    '                            served again with `federal-sim --port P --data DIR/federal`',
    `  --date YYYY-MM-DD         the simulated day (default ${DEFAULT_DATE}; not a Sunday)`,
    '  --day-seconds S           real seconds the opening hours 09:00-17:00 take (default from M)',
    '  --kill-mode M             mid-call (pull the plug as the station starts recording) or answer-lost',
    '                            (after the dose committed, before staff saw the answer); default: drawn from S',
    '  --drain-timeout-seconds S how long to wait for every outbox to sync after the last person (default 120)',
    '  --verbose                 pass the stations\' own log lines through to stderr',
    '  --json                    last line of stdout: the summary as one JSON object',
    '',
    'Progress goes to stderr. Exit 0 when every figure that must be zero is zero, 1 otherwise.',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, {
      stations: { type: 'string' },
      citizens: { type: 'string' },
      'outage-minutes': { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'string' },
      date: { type: 'string' },
      'day-seconds': { type: 'string' },
      'drain-timeout-seconds': { type: 'string' },
      'kill-mode': { type: 'string' },
      verbose: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const stations = intOption(values.stations, 'stations', 4);
    const citizens = intOption(values.citizens, 'citizens', 400);
    const outageMinutes = intOption(values['outage-minutes'], 'outage-minutes', 180);
    const seed = intOption(values.seed, 'seed', 1);
    if (stations < 1 || stations > 20) throw new UsageError('--stations must be from 1 to 20');
    if (citizens < 1 || citizens > 20_000) throw new UsageError('--citizens must be from 1 to 20000');
    if (outageMinutes > 420) throw new UsageError('--outage-minutes must be at most 420 (the day is 09:00-17:00)');
    if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('--date takes YYYY-MM-DD');
    if (values.keep && existsSync(values.keep) && readdirSync(values.keep).length > 0) throw new UsageError(`--keep ${values.keep}: give a new or empty folder`);
    const killMode = values['kill-mode'];
    if (killMode !== undefined && !KILL_MODES.includes(killMode as KillMode)) throw new UsageError(`--kill-mode takes ${KILL_MODES.join(' or ')}`);
    const daySeconds = intOption(values['day-seconds'], 'day-seconds', defaultDaySeconds(citizens));
    if (daySeconds < 1) throw new UsageError('--day-seconds must be at least 1');
    const summary = await runSimulation({
      stations,
      citizens,
      outageMinutes,
      seed,
      daySeconds,
      drainTimeoutSeconds: intOption(values['drain-timeout-seconds'], 'drain-timeout-seconds', 120),
      keepDir: values.keep ?? null,
      verbose: values.verbose ?? false,
      ...(values.date ? { date: values.date } : {}),
      ...(killMode ? { killMode: killMode as KillMode } : {}),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(values.json ? `${JSON.stringify(summary)}\n` : `${human(summary)}\n`);
    return summary.ok ? 0 : 1;
  },
};
