import type { CliCommand } from './command';
import { hostCommand } from './commands/host';


/** Every operator command. Capabilities add theirs here. */
export const COMMANDS: readonly CliCommand[] = [hostCommand];
