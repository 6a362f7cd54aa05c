import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { intOption, parseOptions } from '../args';
import { VIRTUAL_PEOPLE, VirtualEidCard, VpcdLink, VPCD_DEFAULT_PORT } from '../../devices/virtual-eid';

export const virtualEidCommand: CliCommand = {
  name: 'virtual-eid',
  summary: 'Put a fictitious Belgian eID in the virtual reader (vsmartcard vpcd) for demos',
  usage: [
    'Usage: npm run -s cli -- virtual-eid [--person N] [--port P] [--unknown] [--get-response] [--select MODE] [--list]',
    `  --person N      which fictitious person (0..${VIRTUAL_PEOPLE.length - 1}, default 0)`,
    `  --port P        vpcd port on 127.0.0.1 (default ${VPCD_DEFAULT_PORT} = "Virtual PCD 00 00"; 35964 = "00 01")`,
    '  --unknown       a card that is not an eID (another ATR, no eID files)',
    '  --get-response  answer through 61xx + GET RESPONSE, as T=0 cards do',
    '  --select MODE   SELECT forms the card accepts: all (default), path, component',
    '  --list          print the fictitious people and exit',
    'Needs pcscd running with vsmartcard-vpcd. The card stays in until Ctrl+C (and reconnects if pcscd restarts).',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, {
      person: { type: 'string' },
      port: { type: 'string' },
      unknown: { type: 'boolean', default: false },
      'get-response': { type: 'boolean', default: false },
      select: { type: 'string' },
      list: { type: 'boolean', default: false },
    });
    if (values.list) {
      VIRTUAL_PEOPLE.forEach((p, i) => process.stdout.write(`${i}  ${p.givenNames} ${p.surname}  ${p.nationalNumber}  (${p.label})\n`));
      return 0;
    }
    const index = intOption(values.person, 'person', 0);
    if (index >= VIRTUAL_PEOPLE.length) throw new UsageError(`--person takes 0..${VIRTUAL_PEOPLE.length - 1}`);
    const select = values.select ?? 'all';
    if (!['all', 'path', 'component'].includes(select)) throw new UsageError(`--select takes all, path or component, not "${select}"`);
    const card = new VirtualEidCard({
      person: index,
      kind: values.unknown ? 'unknown' : 'eid',
      getResponse: values['get-response'],
      select: { absoluteWithMf: select !== 'component', absoluteWithoutMf: select !== 'component', componentWise: select !== 'path' },
    });
    const link = new VpcdLink({ port: intOption(values.port, 'port', VPCD_DEFAULT_PORT), log: (line) => process.stderr.write(`${line}\n`) });
    link.insert(card);
    const who = values.unknown ? 'a card that is not an eID' : `${card.person.givenNames} ${card.person.surname}`;
    process.stdout.write(`Virtual card of ${who} inserted at 127.0.0.1:${link.port}. Ctrl+C takes it out.\n`);
    await link.waitConnected(60_000).catch(() => process.stderr.write('vpcd is not listening yet (is pcscd running?); still trying...\n'));
    const keepAlive = setInterval(() => {}, 60_000); // the link's retry timer alone does not hold the process
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    clearInterval(keepAlive);
    await link.remove();
    process.stdout.write('Card removed.\n');
    return 0;
  },
};
