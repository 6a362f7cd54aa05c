import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

/** Strict option parsing: an unknown flag is a usage error, never ignored. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function intOption(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, not "${value}"`);
  return Number(value);
}

/** The arguments before a lone `--`: everything after it is data, never an option (not even --help). */
export function optionPart(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf('--');
  return end < 0 ? argv : argv.slice(0, end);
}

/** True when the operator asked for help as an option, not as text after `--`. */
export function wantsHelp(argv: readonly string[]): boolean {
  const options = optionPart(argv);
  return options.includes('--help') || options.includes('-h');
}
