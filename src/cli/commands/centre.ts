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
  init: {
    summary: 'create the first station of a new centre: blank, encrypted, default vaccines, its own card key',
    usage: 'init --data DIR --centre-id ID --name NAME --station-id ID [--address LINE]... [--place TEXT] [--phone TEXT] [--languages nl,fr,de,en] [--open-days mon,tue,...] [--clock ISO]',
    load: () => import('./centre/init'),
  },
  export: {
    summary: 'write the sealed centre file other stations join from (passphrase of 12+ characters on stdin)',
    usage: 'export --data DIR --out FILE [--clock ISO]   (passphrase on stdin; calendar from the day of --clock, default today)',
    load: () => import('./centre/export'),
  },
  join: {
    summary: 'enrol a station in the centre of a centre file; never touches its own doses, bookings or outbox',
    usage: 'join --data DIR --station-id ID [--clock ISO] FILE   (passphrase on stdin)',
    load: () => import('./centre/join'),
  },
  'import-calendar': {
    summary: 'Import the centre calendar (sessions) from a CSV file',
    usage: 'import-calendar --data DIR FILE [--stations ID,ID,...] [--dry-run]   columns date,start,end,product,slot_minutes,capacity; places shared between --stations (default: this station)',
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
