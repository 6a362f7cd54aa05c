import type { StationContext } from '../base/context';
import { createPrinter, type Printer, type PrinterConfig } from '../../adapters/printer/printer';
import { PrintWorker } from './worker';

export interface PrintingService {
  readonly worker: PrintWorker;
  /** The printer from the current settings (rebuilt when they change), or null for none. */
  printer(): Printer | null;
}

export interface PrintingServiceOptions {
  retryMs?: number;
  idleCheckMs?: number;
  /** Extra printer settings not in the station settings (model, timeouts). */
  printerExtras?: Partial<Pick<PrinterConfig, 'model' | 'tcp'>>;
  log?: (line: string) => void;
}

/**
 * Wires the print worker to a station: its database and clock, the printer from its settings,
 * and the `printing.state` event every window listens to.
 */
export function startPrintingService(ctx: StationContext, options: PrintingServiceOptions = {}): PrintingService {
  let cachedKey = '';
  let cached: Printer | null = null;
  const printer = () => {
    const settings = ctx.settings.get().printer;
    const key = JSON.stringify(settings);
    if (key !== cachedKey) {
      cached = createPrinter({ ...settings, ...options.printerExtras });
      cachedKey = key;
    }
    return cached;
  };
  const worker = new PrintWorker({
    db: ctx.db,
    clock: ctx.clock,
    printer,
    ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
    ...(options.idleCheckMs !== undefined ? { idleCheckMs: options.idleCheckMs } : {}),
    onState: (info) => {
      try {
        ctx.events.publish('printing.state', info);
      } catch (error) {
        options.log?.(`printing.state not published: ${(error as Error).message}`);
      }
    },
    log: options.log ?? ((line) => process.stderr.write(`[printing] ${line}\n`)),
  });
  worker.start();
  ctx.settings.onChange(() => worker.wake());
  return { worker, printer };
}
