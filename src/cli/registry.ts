import type { CliCommand } from './command';


/** Every operator command. Capabilities add theirs here. */
export const COMMANDS: readonly CliCommand[] = [];
