import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { intOption, parseOptions } from '../args';
import { VirtualPrinter, renderSlipPng, type Slip } from '../../devices/virtual-printer';

const COMMANDS_HELP = 'Type: paper-out | paper-in | cover-open | cover-close | error | ok | offline | silent | online | quit';

export const virtualPrinterCommand: CliCommand = {
  name: 'virtual-printer',
  summary: 'Run a virtual receipt printer on 127.0.0.1 that prints received cards to stdout',
  usage: [
    'Usage: npm run -s cli -- virtual-printer [--port P] [--type epson|star] [--width 80|58] [--png DIR]',
    '  --port P     TCP port on 127.0.0.1 (default 9100; 0 picks a free one)',
    '  --type T     epson (default, ESC/POS) or star (Star line mode)',
    '  --width W    paper width in mm: 80 (default, 48 characters) or 58 (32)',
    '  --png DIR    also draw each slip as a PNG in DIR',
    `While it runs: ${COMMANDS_HELP}`,
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, {
      port: { type: 'string' },
      type: { type: 'string' },
      width: { type: 'string' },
      png: { type: 'string' },
    });
    const type = values.type ?? 'epson';
    if (type !== 'epson' && type !== 'star') throw new UsageError(`--type takes epson or star, not "${type}"`);
    const width = values.width ?? '80';
    if (width !== '80' && width !== '58') throw new UsageError(`--width takes 80 or 58, not "${width}"`);
    const columns = width === '58' ? 32 : 48;
    const pngDir = values.png ? resolve(values.png) : null;
    if (pngDir) mkdirSync(pngDir, { recursive: true });

    const printer = await VirtualPrinter.start({ type, columns, port: intOption(values.port, 'port', 9100) });
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`Virtual ${type} printer (${width} mm) listening on ${printer.uri}`);
    out(COMMANDS_HELP);
    let count = 0;
    printer.on('slip', (slip: Slip) => {
      count++;
      const rule = '='.repeat(columns);
      out(`${rule}\nslip ${count}${slip.cut ? '' : ' (no cut)'}${slip.unknown.length ? `, unknown commands: ${slip.unknown.join(' | ')}` : ''}`);
      for (const line of slip.lines) out(line);
      out(rule);
      if (pngDir) {
        const file = join(pngDir, `slip-${String(count).padStart(3, '0')}.png`);
        writeFileSync(file, renderSlipPng(slip, columns));
        out(`drawn: ${file}`);
      }
    });

    await new Promise<void>((done) => {
      const stop = () => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (!process.stdin.readable) return;
      const rl = createInterface({ input: process.stdin });
      rl.on('line', (raw) => {
        const cmd = raw.trim();
        const actions: Record<string, () => unknown> = {
          'paper-out': () => printer.setCondition('paper_out'),
          'paper-in': () => printer.setCondition('ready'),
          'cover-open': () => printer.setCondition('cover_open'),
          'cover-close': () => printer.setCondition('ready'),
          error: () => printer.setCondition('error'),
          ok: () => printer.setCondition('ready'),
          offline: () => printer.setOffline('refuse'),
          silent: () => printer.setOffline('silent'),
          online: () => printer.setOffline(false),
          quit: () => done(),
        };
        const action = actions[cmd];
        if (!action) {
          if (cmd) out(`? ${COMMANDS_HELP}`);
          return;
        }
        void Promise.resolve(action()).then(() => out(`printer: ${cmd}${printer.held.length ? ` (${printer.held.length} slip(s) held)` : ''}`));
      });
      rl.on('close', () => undefined);
    });
    await printer.close();
    process.stdin.destroy();
    return 0;
  },
};
