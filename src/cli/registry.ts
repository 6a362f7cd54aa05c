import type { CliCommand } from './command';
import { hostCommand } from './commands/host';
import { printSampleCommand } from './commands/print-sample';
import { virtualPrinterCommand } from './commands/virtual-printer';
import { parseCommand } from './commands/parse';
import { readEidCommand } from './commands/read-eid';
import { virtualEidCommand } from './commands/virtual-eid';
import { federalSimCommand } from './commands/federal-sim';
import { syncStatusCommand } from './commands/sync-status';
import { auditCommand, backupCommand, retentionCommand } from './commands/audit';
import { staffCommand } from './commands/staff';
import { simulateCommand } from './commands/simulate';
import { cardKeyCommand } from './commands/card-key';
import { centreCommand } from './commands/centre';


/** Every operator command. Capabilities add theirs here. */
export const COMMANDS: readonly CliCommand[] = [hostCommand, readEidCommand, virtualEidCommand, parseCommand, printSampleCommand, virtualPrinterCommand, federalSimCommand, syncStatusCommand, auditCommand, backupCommand, retentionCommand, staffCommand, simulateCommand, cardKeyCommand, centreCommand];
