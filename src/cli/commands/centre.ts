import type { CliCommand } from '../command';
import { UsageError } from '../command';

/** One `centre <sub>` command; its module is loaded only when it runs. */
export interface CentreSubcommand {
  readonly summary: string;
  readonly usage: string;
  load(): Promise<{ run(argv: string[]): Promise<number> }>;
}

/** Each centre set-up step registers here (one module per step under ./centre/). */
export const CENTRE_SUBCOMMANDS: Readonly<Record<string, CentreSubcommand>> = {};

/** Setting up a real centre from its own files: create, enrol stations, import calendar, products, invitations. */
export const centreCommand: CliCommand = {
  name: 'centre',
  summary: 'Set up a centre: create it, enrol stations, import its calendar, vaccines and invitations',
  get usage() {
    const names = Object.keys(CENTRE_SUBCOMMANDS);
    return ['Usage: npm run -s cli -- centre <step> [options]', ...names.map((n) => `  ${CENTRE_SUBCOMMANDS[n]!.usage}`)].join('\n');
  },
  async run(argv) {
    const [sub, ...rest] = argv;
    const step = sub ? CENTRE_SUBCOMMANDS[sub] : undefined;
    if (!step) throw new UsageError(`say one of: ${Object.keys(CENTRE_SUBCOMMANDS).join(', ')}`);
    return (await step.load()).run(rest);
  },
};
