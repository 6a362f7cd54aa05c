import { resolve } from 'node:path';
import type { CliCommand } from '../command';
import { intOption, parseOptions } from '../args';
import { startStationHost } from '../../main/host/start-host';

export const hostCommand: CliCommand = {
  name: 'host',
  summary: 'Run a station in the Node host and print the URL to open in a browser',
  usage: [
    'Usage: npm run -s cli -- host [--demo] [--port P] [--data DIR] [--station ID]',
    '  --demo        seed the demo centre (products, calendar, citizens) into the station database',
    '  --port P      port on 127.0.0.1 (default 0: any free port)',
    '  --data DIR    station folder (database, settings); default: the user data folder per station',
    '  --station ID  station id for a new folder (default station-1)',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, {
      demo: { type: 'boolean', default: false },
      port: { type: 'string' },
      data: { type: 'string' },
      station: { type: 'string' },
    });
    const host = await startStationHost({
      demo: values.demo,
      port: intOption(values.port, 'port', 0),
      ...(values.data ? { dataDir: resolve(values.data) } : {}),
      ...(values.station ? { stationId: values.station } : {}),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`DoseDesk station ready: open ${host.url}\n`);
    await new Promise<void>((resolveStop) => {
      const stop = () => resolveStop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    return 0;
  },
};
