import { UsageError } from './command';
import { wantsHelp } from './args';
import type { CommandEntry } from './registry';

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The command list from the registry alone: no command module is loaded for it. */
export function helpText(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'DoseDesk operator command line',
    '',
    'Usage: npm run -s cli -- <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `npm run -s cli -- <command> --help` for the options of one command.',
  ].join('\n');
}

/** Runs one operator command line; returns the exit code. Only the named command's module is loaded. */
export async function runCli(argv: readonly string[], commands: readonly CommandEntry[], out: CliOutput): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out.stdout(helpText(commands) + '\n');
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    out.stderr(`Unknown command "${name}".\n\n${helpText(commands)}\n`);
    return 2;
  }
  const command = await entry.load();
  if (wantsHelp(rest)) {
    out.stdout(`${command.summary}\n\n${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      out.stderr(`${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}
