import type { CliCommand } from '../command';
import { UsageError } from '../command';

/** One `centre <sub>` command; its module is loaded only when it runs. */
export interface CentreSubcommand {
  readonly summary: string;
  readonly usage: string;
  load(): Promise<{ run(argv: string[]): Promise<number> }>;
}

/** Each centre set-up step registers here (one module per step under ./centre/). */
export const CENTRE_SUBCOMMANDS: Readonly<Record<string, CentreSubcommand>> = {
  'import-calendar': {
    summary: 'Import the centre calendar (sessions) from a CSV file',
    usage: 'import-calendar --data DIR FILE [--dry-run]   columns date,start,end,product,slot_minutes,capacity',
    load: () => import('./centre/import-calendar'),
  },
  'import-products': {
    summary: 'Import the vaccine products from a CSV file',
    usage: 'import-products --data DIR FILE [--dry-run]   columns code,name,gtin,cnk,atc,doses_in_course,min_days,target_days,max_days,doses_per_vial,hours_after_puncture',
    load: () => import('./centre/import-products'),
  },
  'import-invitations': {
    summary: 'Import the invitations from a CSV file',
    usage: 'import-invitations --data DIR FILE [--dry-run]   columns code,ssin,surname,given_names,language,product[,start,email,phone]',
    load: () => import('./centre/import-invitations'),
  },
};

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
