import { COMMANDS } from './registry';
import { UsageError } from './command';
import { wantsHelp } from './args';
import { faultLine, refusalLine, refusalOf } from './refusal';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'DoseDesk operator command line',
    '',
    'Usage: npm run -s cli -- <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `npm run -s cli -- <command> --help` for the options of one command.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help() + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${help()}\n`);
    return 2;
  }
  if (wantsHelp(rest)) {
    process.stdout.write(`${command.summary}\n\n${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Last resort: still one line, never a stack trace for staff (DOSEDESK_DEBUG=1 shows it).
    const refusal = refusalOf(error);
    process.stderr.write(`${refusal ? refusalLine(refusal, 'en') : faultLine(error, 'en')}\n`);
    process.exitCode = 1;
  },
);
