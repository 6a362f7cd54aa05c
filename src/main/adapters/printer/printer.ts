import type { PrinterSettings } from '../../../shared/settings';
import { DoseDeskError } from '../../../shared/errors';
import type { CardModel } from '../../../domain/card/card-model';
import { columnsFor, layoutCard } from '../../../domain/card/layout';
import { encodeLayout, type EncodeResult } from '../../../domain/card/escpos/encoder';
import { assertLineModeSupported, printerProfile } from '../../../domain/card/escpos/profiles';
import { DeviceTransport } from './device-transport';
import { OsTransport } from './os-transport';
import { createLineRasterizer } from './line-raster';
import { TcpTransport, type TcpOptions } from './tcp-transport';
import type { PrinterTransport } from './transport';

export interface PrinterConfig extends PrinterSettings {
  /** Model name when known (e.g. "TSP143IIIU"), to refuse raster-only Star models early. */
  model?: string | null;
  tcp?: TcpOptions;
}

export type PrinterAddress =
  | { kind: 'none' }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'device'; path: string }
  | { kind: 'os'; name: string };

/**
 * Printer addresses: `tcp://host:port` (port 9100 if left out), a device or file path, `os:NAME`
 * (or node-thermal-printer's `printer:NAME`), or `none`.
 */
export function parsePrinterUri(uri: string): PrinterAddress {
  const text = uri.trim();
  if (text === '' || text === 'none') return { kind: 'none' };
  const tcp = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/.exec(text);
  if (tcp) {
    const port = tcp[2] ? Number(tcp[2]) : 9100;
    if (port > 0 && port < 65536) return { kind: 'tcp', host: tcp[1]!.replace(/^\[|\]$/g, ''), port };
  }
  const os = /^(?:os|printer):(.+)$/.exec(text);
  if (os) return { kind: 'os', name: os[1]! };
  if (text.startsWith('/')) return { kind: 'device', path: text };
  throw new DoseDeskError('printing.unsupported_uri', { uri: text.slice(0, 100) });
}

export interface Printer {
  readonly label: string;
  readonly transport: PrinterTransport;
  /** Receipt printers speak ESC/POS and report their status; office printers get a PDF. */
  readonly receipt: boolean;
  render(card: CardModel): Promise<RenderedJob>;
}

export interface RenderedJob {
  bytes: Uint8Array;
  report: Omit<EncodeResult, 'bytes'> | null;
}

let rasterizer: ReturnType<typeof createLineRasterizer> | undefined;

/** Renders one card for a receipt printer: layout for the paper width, then ESC/POS bytes. */
export function renderReceipt(card: CardModel, config: Pick<PrinterConfig, 'type' | 'width'>): RenderedJob {
  rasterizer ??= createLineRasterizer();
  const profile = printerProfile(config.type, config.width);
  const { bytes, ...report } = encodeLayout(layoutCard(card, columnsFor(config.width)), profile, { rasterize: rasterizer });
  return { bytes, report };
}

/** The printer a station is set up with, or null when it has none. */
export function createPrinter(config: PrinterConfig): Printer | null {
  const address = parsePrinterUri(config.uri);
  if (address.kind === 'none') return null;
  assertLineModeSupported(config.type, config.model);
  const receipt = config.paper === 'receipt';
  const transport: PrinterTransport =
    address.kind === 'tcp'
      ? new TcpTransport(address.host, address.port, config.type, config.tcp)
      : address.kind === 'device'
        ? new DeviceTransport(address.path, config.type)
        : new OsTransport(address.name, receipt);
  return {
    label: transport.label,
    transport: receipt ? transport : withoutStatus(transport),
    receipt,
    async render(card) {
      if (receipt) return renderReceipt(card, config);
      // pdf-lib and qrcode load with the first PDF card, not with the station.
      const { renderCardPdf } = await import('./pdf');
      return { bytes: await renderCardPdf(card, config.paper === 'a4' ? 'a4' : 'card'), report: null };
    },
  };
}

/** Office printers must not receive ESC/POS status requests: they would print them as text. */
function withoutStatus(transport: PrinterTransport): PrinterTransport {
  return {
    label: transport.label,
    async open() {
      const session = await transport.open();
      return { status: async () => null, write: (b) => session.write(b), close: () => session.close() };
    },
  };
}
