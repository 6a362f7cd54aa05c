import type { CliCommand } from './command';

/**
 * One operator command as `--help` lists it: its module is imported only when the command runs
 * (or shows its own usage), so that a call pays only for the code it uses.
 */
export interface CommandEntry {
  readonly name: string;
  /** One line for --help; the same as the loaded command's summary (a unit test keeps them equal). */
  readonly summary: string;
  load(): Promise<CliCommand>;
}

/** Every operator command. Capabilities add theirs here. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'host', summary: 'Run a station in the Node host and print the URL to open in a browser', load: async () => (await import('./commands/host')).hostCommand },
  { name: 'read-eid', summary: 'Wait for a Belgian eID in a card reader and print what the chip says, as JSON', load: async () => (await import('./commands/read-eid')).readEidCommand },
  { name: 'virtual-eid', summary: 'Put a fictitious Belgian eID in the virtual reader (vsmartcard vpcd) for demos', load: async () => (await import('./commands/virtual-eid')).virtualEidCommand },
  { name: 'parse', summary: 'Parse a national number, eID MRZ, vial GS1 code, invitation or appointment card as the desk does', load: async () => (await import('./commands/parse')).parseCommand },
  { name: 'print-sample', summary: 'Print a sample appointment card for a fictitious citizen (receipt printer or PDF)', load: async () => (await import('./commands/print-sample')).printSampleCommand },
  { name: 'virtual-printer', summary: 'Run a virtual receipt printer on 127.0.0.1 that prints received cards to stdout', load: async () => (await import('./commands/virtual-printer')).virtualPrinterCommand },
  { name: 'federal-sim', summary: 'Run the stand-in federal backend (FHIR R4) with faults on demand', load: async () => (await import('./commands/federal-sim')).federalSimCommand },
  { name: 'sync-status', summary: 'Show what waits to be sent to the federal backend and what needs review', load: async () => (await import('./commands/sync-status')).syncStatusCommand },
  { name: 'audit', summary: 'Verify or list the tamper-evident audit trail of personal data', load: async () => (await import('./commands/audit')).auditCommand },
  { name: 'backup', summary: 'Write an encrypted, consistent copy of a station database', load: async () => (await import('./commands/audit')).backupCommand },
  { name: 'retention', summary: 'Pseudonymise personal data of records synced and older than the retention period', load: async () => (await import('./commands/audit')).retentionCommand },
  { name: 'staff', summary: 'List and manage the staff who sign in at a station (first supervisor, PIN reset)', load: async () => (await import('./commands/staff')).staffCommand },
  { name: 'simulate', summary: 'Simulate a centre day with a backend outage and a station killed mid-day; counts from the stores', load: async () => (await import('./commands/simulate')).simulateCommand },
  { name: 'card-key', summary: 'Provision the centre-wide key that signs appointment cards on a station', load: async () => (await import('./commands/card-key')).cardKeyCommand },
  { name: 'centre', summary: 'Set up a centre: create it, enrol stations, import its calendar, vaccines and invitations', load: async () => (await import('./commands/centre')).centreCommand },
];
