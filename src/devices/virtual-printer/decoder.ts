import { decodeByte, type CodePageName } from '../../domain/card/escpos/codepages';
import { EPSON_PAGES, STAR_PAGES, type PrinterType } from '../../domain/card/escpos/profiles';

/** What came off the virtual paper, item by item. */
export type SlipItem =
  | { kind: 'text'; text: string; bold: boolean; double: boolean; centre: boolean; pages: CodePageName[] }
  | { kind: 'qr'; data: string; model: number; cellSize: number; ecc: 'L' | 'M' | 'Q' | 'H' }
  | { kind: 'image'; width: number; height: number; pixels: Uint8Array };

export interface Slip {
  items: SlipItem[];
  /** Text lines as a person reads them (images as `[image WxH]`, QR codes as `[QR data]`). */
  lines: string[];
  qr: string[];
  cut: boolean;
  raw: Uint8Array;
  /** Commands the decoder did not know, as hex, so a test can insist there are none. */
  unknown: string[];
  /** Code page numbers selected that the printer's table does not have. */
  badPages: number[];
}

export type StatusRequest = { kind: 'epson'; n: number } | { kind: 'star' } | { kind: 'epson-paper' };

export interface DecoderEvents {
  onStatusRequest(request: StatusRequest): void;
  onSlip(slip: Slip): void;
}

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const ECC = ['L', 'M', 'Q', 'H'] as const;

/**
 * A streaming ESC/POS (Epson) or Star line mode decoder: feed it bytes as they arrive over TCP,
 * in any chunking; it answers status requests through `onStatusRequest` and hands over a slip at
 * every cut. Written from the command references, not from the encoder, so a test compares two
 * readings of the same bytes.
 */
export class EscPosDecoder {
  private buffer: number[] = [];
  private items: SlipItem[] = [];
  private line: number[] = [];
  private linePages: CodePageName[] = [];
  private lineText = '';
  private raw: number[] = [];
  private unknown: string[] = [];
  private badPages: number[] = [];
  private bold = false;
  private double = false;
  private centre = false;
  private page: CodePageName = 'PC437';
  private qrData = '';
  private qrModel = 2;
  private qrCell = 3;
  private qrEcc: (typeof ECC)[number] = 'L';

  constructor(
    readonly type: PrinterType,
    private readonly events: DecoderEvents,
  ) {}

  feed(chunk: Uint8Array): void {
    for (const b of chunk) this.buffer.push(b);
    for (;;) {
      const used = this.step();
      if (used === 0) break;
      this.buffer.splice(0, used);
    }
  }

  /** Ends the current slip without a cut (connection closed): what was printed stays printed. */
  flush(): void {
    this.endLineIfAny();
    if (this.items.length > 0) this.emitSlip(false);
    this.raw = [];
  }

  /** Bytes consumed by the next command, or 0 if it is not complete yet. */
  private step(): number {
    const b = this.buffer;
    if (b.length === 0) return 0;
    const c = b[0]!;
    const need = (n: number) => (b.length >= n ? n : 0);

    if (c === DLE && this.type === 'epson') {
      if (b.length < 3) return 0;
      if (b[1] === 0x04) {
        this.events.onStatusRequest({ kind: 'epson', n: b[2]! });
        return 3; // real-time: not part of the printed slip
      }
      return this.skipUnknown(1);
    }
    if (c === ESC && this.type === 'star' && b.length >= 3 && b[1] === 0x06 && b[2] === 0x01) {
      this.events.onStatusRequest({ kind: 'star' });
      return 3;
    }
    if (c === ESC && this.type === 'star' && b.length < 3 && (b.length < 2 || b[1] === 0x06)) return 0;

    const used = this.type === 'epson' ? this.epson(b, need) : this.star(b, need);
    if (used > 0) this.raw.push(...b.slice(0, used));
    if (this.cutSeen) {
      this.cutSeen = false;
      this.emitSlip(true);
    }
    return used;
  }

  private epson(b: number[], need: (n: number) => number): number {
    const c = b[0]!;
    if (c === 0x0a) return this.newline(), 1;
    if (c === 0x0d) return 1;
    if (c >= 0x20) return this.char(c), 1;
    if (c === ESC) {
      if (b.length < 2) return 0;
      switch (b[1]) {
        case 0x40:
          this.reset();
          return 2;
        case 0x45:
          if (!need(3)) return 0;
          this.bold = (b[2]! & 1) === 1;
          return 3;
        case 0x21:
          if (!need(3)) return 0;
          this.bold = (b[2]! & 0x08) !== 0;
          this.double = (b[2]! & 0x30) !== 0;
          return 3;
        case 0x61:
          if (!need(3)) return 0;
          this.centre = b[2] === 1 || b[2] === 0x31;
          return 3;
        case 0x74:
          if (!need(3)) return 0;
          this.selectPage(b[2]!, EPSON_PAGES);
          return 3;
        case 0x64:
          if (!need(3)) return 0;
          this.newline();
          return 3;
        case 0x2d:
        case 0x4d:
        case 0x33:
        case 0x47:
          return need(3);
        case 0x32:
          return 2;
        default:
          return this.skipUnknown(2);
      }
    }
    if (c === GS) {
      if (b.length < 2) return 0;
      switch (b[1]) {
        case 0x21:
          if (!need(3)) return 0;
          this.double = b[2] !== 0;
          return 3;
        case 0x56: {
          if (b.length < 3) return 0;
          const m = b[2]!;
          const len = m === 65 || m === 66 || m === 97 || m === 98 || m === 103 || m === 104 ? 4 : 3;
          if (!need(len)) return 0;
          this.cut();
          return len;
        }
        case 0x28:
          return this.epsonFunction(b);
        case 0x76:
          return this.epsonRaster(b);
        case 0x72:
          if (!need(3)) return 0;
          this.events.onStatusRequest({ kind: 'epson-paper' });
          return 3;
        case 0x42:
        case 0x48:
        case 0x66:
        case 0x68:
        case 0x77:
          return need(3);
        default:
          return this.skipUnknown(2);
      }
    }
    return this.skipUnknown(1);
  }

  /** GS ( k: the 2D code functions (QR is cn = 0x31). */
  private epsonFunction(b: number[]): number {
    if (b.length < 5) return 0;
    const len = b[3]! + b[4]! * 256;
    if (b.length < 5 + len) return 0;
    if (b[2] !== 0x6b) return this.skipUnknown(5 + len);
    const cn = b[5];
    const fn = b[6];
    const args = b.slice(7, 5 + len);
    if (cn !== 0x31) return this.skipUnknown(5 + len);
    if (fn === 0x41) this.qrModel = args[0]! - 0x30;
    else if (fn === 0x43) this.qrCell = args[0]!;
    else if (fn === 0x45) this.qrEcc = ECC[args[0]! - 0x30] ?? 'L';
    else if (fn === 0x50) this.qrData = new TextDecoder().decode(Uint8Array.from(args.slice(1)));
    else if (fn === 0x51) this.emitQr();
    else return this.skipUnknown(5 + len);
    return 5 + len;
  }

  private epsonRaster(b: number[]): number {
    if (b.length < 8) return 0;
    const rowBytes = b[4]! + b[5]! * 256;
    const height = b[6]! + b[7]! * 256;
    const total = 8 + rowBytes * height;
    if (b.length < total) return 0;
    this.endLineIfAny();
    const width = rowBytes * 8;
    const pixels = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (b[8 + y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7))) pixels[y * width + x] = 1;
      }
    }
    this.items.push({ kind: 'image', width, height, pixels });
    return total;
  }

  private star(b: number[], need: (n: number) => number): number {
    const c = b[0]!;
    if (c === 0x0a) return this.newline(), 1;
    if (c === 0x0d) return 1;
    if (c >= 0x20) return this.char(c), 1;
    if (c !== ESC) return this.skipUnknown(1);
    if (b.length < 2) return 0;
    switch (b[1]) {
      case 0x40:
        this.reset();
        return 2;
      case 0x45:
        this.bold = true;
        return 2;
      case 0x46:
        this.bold = false;
        return 2;
      case 0x69:
        if (!need(4)) return 0;
        this.double = b[2] !== 0 || b[3] !== 0;
        return 4;
      case 0x64:
        if (!need(3)) return 0;
        this.cut();
        return 3;
      case 0x61:
        if (!need(3)) return 0;
        this.newline();
        return 3;
      case 0x2d:
      case 0x57:
      case 0x68:
        return need(3);
      case GS:
        return this.starGs(b, need);
      default:
        return this.skipUnknown(2);
    }
  }

  private starGs(b: number[], need: (n: number) => number): number {
    if (b.length < 3) return 0;
    switch (b[2]) {
      case 0x61:
        if (!need(4)) return 0;
        this.centre = b[3] === 1 || b[3] === 0x31;
        return 4;
      case 0x74:
        if (!need(4)) return 0;
        this.selectPage(b[3]!, STAR_PAGES);
        return 4;
      case 0x79: {
        if (b.length < 4) return 0;
        const fn = b[3];
        if (fn === 0x53) {
          if (!need(6)) return 0;
          if (b[4] === 0x30) this.qrModel = b[5]!;
          else if (b[4] === 0x31) this.qrEcc = ECC[b[5]!] ?? 'L';
          else if (b[4] === 0x32) this.qrCell = b[5]!;
          return 6;
        }
        if (fn === 0x44) {
          if (b.length < 8) return 0;
          const len = b[6]! + b[7]! * 256;
          if (b.length < 8 + len) return 0;
          this.qrData = new TextDecoder().decode(Uint8Array.from(b.slice(8, 8 + len)));
          return 8 + len;
        }
        if (fn === 0x50) {
          this.emitQr();
          return 4;
        }
        return this.skipUnknown(4);
      }
      default:
        return this.skipUnknown(3);
    }
  }

  private skipUnknown(n: number): number {
    const len = Math.min(n, this.buffer.length);
    this.unknown.push(
      this.buffer
        .slice(0, len)
        .map((x) => x.toString(16).padStart(2, '0'))
        .join(' '),
    );
    return len;
  }

  private selectPage(n: number, table: readonly { name: CodePageName; n: number }[]): void {
    const found = table.find((p) => p.n === n);
    if (found) this.page = found.name;
    else this.badPages.push(n);
  }

  private reset(): void {
    this.bold = false;
    this.double = false;
    this.centre = false;
    this.page = 'PC437';
  }

  private char(byte: number): void {
    if (this.line.length === 0) this.lineStyle = { bold: this.bold, double: this.double, centre: this.centre };
    this.line.push(byte);
    this.lineText += decodeByte(this.page, byte);
    if (byte >= 0x80 && !this.linePages.includes(this.page)) this.linePages.push(this.page);
  }

  private lineStyle = { bold: false, double: false, centre: false };

  private newline(): void {
    const style = this.line.length > 0 ? this.lineStyle : { bold: this.bold, double: this.double, centre: this.centre };
    this.items.push({ kind: 'text', text: this.lineText, ...style, pages: this.linePages });
    this.line = [];
    this.lineText = '';
    this.linePages = [];
  }

  private endLineIfAny(): void {
    if (this.line.length > 0) this.newline();
  }

  private emitQr(): void {
    this.endLineIfAny();
    this.items.push({ kind: 'qr', data: this.qrData, model: this.qrModel, cellSize: this.qrCell, ecc: this.qrEcc });
  }

  private cutSeen = false;

  /** The slip is handed over once the cut command's own bytes are in its raw copy. */
  private cut(): void {
    this.endLineIfAny();
    this.cutSeen = true;
  }

  private emitSlip(cut: boolean): void {
    const items = this.items;
    // Trailing blank lines are paper fed before the cut, not content.
    while (items.length > 0) {
      const last = items[items.length - 1]!;
      if (last.kind === 'text' && last.text === '') items.pop();
      else break;
    }
    const slip: Slip = {
      items,
      lines: items.map((i) => (i.kind === 'text' ? i.text : i.kind === 'qr' ? `[QR ${i.data}]` : `[image ${i.width}x${i.height}]`)),
      qr: items.flatMap((i) => (i.kind === 'qr' ? [i.data] : [])),
      cut,
      raw: Uint8Array.from(this.raw),
      unknown: this.unknown,
      badPages: this.badPages,
    };
    this.items = [];
    this.raw = [];
    this.unknown = [];
    this.badPages = [];
    this.events.onSlip(slip);
  }
}
