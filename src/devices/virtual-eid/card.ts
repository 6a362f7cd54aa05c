import { addressFile, identityFile, photoFile, signatureFile, virtualPerson, type VirtualPerson } from './people';

/** ATR of a Belgian eID (applet 1.1), as vpcd hands it to pcscd. */
export const BELGIAN_EID_ATR = Uint8Array.from([0x3b, 0x98, 0x13, 0x40, 0x0a, 0xa5, 0x03, 0x01, 0x01, 0x01, 0xad, 0x13, 0x11]);
/** ATR of some other card (a payment card's T=1 ATR): the station must say it is not an eID. */
export const UNKNOWN_CARD_ATR = Uint8Array.from([
  0x3b, 0x6e, 0x00, 0x00, 0x80, 0x31, 0x80, 0x66, 0xb0, 0x84, 0x0c, 0x01, 0x6e, 0x01, 0x83, 0x00, 0x90, 0x00,
]);

export type EidFileName = 'identity' | 'identitySignature' | 'address' | 'addressSignature' | 'photo';

/** File ids under 3F00 DF01. */
export const EID_FILE_IDS: Record<EidFileName, number> = {
  identity: 0x4031,
  identitySignature: 0x4032,
  address: 0x4033,
  addressSignature: 0x4034,
  photo: 0x4035,
};

export interface VirtualEidOptions {
  /** Index into VIRTUAL_PEOPLE, or a person of the test's own. */
  person?: number | VirtualPerson;
  /** 'unknown' has another ATR and no eID file system. */
  kind?: 'eid' | 'unknown';
  /** Replace a file's bytes (e.g. to test a file whose size is a multiple of the read block). */
  files?: Partial<Record<EidFileName, Uint8Array>>;
  /** Which SELECT forms this card accepts (real readers and cards differ). Default: all. */
  select?: { absoluteWithMf?: boolean; absoluteWithoutMf?: boolean; componentWise?: boolean };
  /** Answer data through `61xx` + GET RESPONSE, as T=0 cards do. */
  getResponse?: boolean;
  /** When Le asks past the end of the file: `6Cxx` (default) or a short answer with 9000. */
  wrongLength?: '6C' | 'short';
}

/** Thrown by the in-process handler when the card is pulled mid-read: nothing answers. */
export class CardPulledError extends Error {
  constructor() {
    super('virtual eID: the card was pulled out of the reader');
    this.name = 'CardPulledError';
  }
}

interface FileNode {
  readonly fid: number;
  readonly children?: Map<number, FileNode>;
  readonly data?: Uint8Array;
}

const MF = 0x3f00;
const DF_ID = 0xdf01;

const SW = {
  ok: [0x90, 0x00],
  wrongLength: [0x67, 0x00],
  noCurrentEf: [0x69, 0x86],
  noPendingData: [0x69, 0x85],
  notFound: [0x6a, 0x82],
  wrongP1P2: [0x6a, 0x86],
  offsetPastEnd: [0x6b, 0x00],
  insNotSupported: [0x6d, 0x00],
  claNotSupported: [0x6e, 0x00],
} as const;

/**
 * A Belgian eID chip as seen through ISO 7816-4: a tiny file system (3F00 / DF01 / 4031..4035),
 * SELECT in the three forms readers use, READ BINARY with 6B00/6Cxx, optional 61xx responses.
 * It knows nothing about TCP: `VpcdLink` carries its answers to vpcd, tests may call it directly.
 */
export class VirtualEidCard {
  readonly person: VirtualPerson;
  readonly atr: Uint8Array;
  private readonly root: FileNode;
  private readonly options: VirtualEidOptions;
  private current: FileNode;
  private parentOfCurrent: FileNode | undefined;
  private pending: Uint8Array | undefined;
  private powered = false;
  private pullAfter: number | undefined;
  private pulled = false;
  /** Every command APDU received, as hex: tests assert which SELECT forms were used. */
  readonly log: string[] = [];
  /** Called once when the card is pulled (the vpcd link then drops its connection). */
  onPulled: (() => void) | undefined;

  constructor(options: VirtualEidOptions = {}) {
    this.options = options;
    const person = options.person ?? 0;
    this.person = typeof person === 'number' ? virtualPerson(person) : person;
    const unknown = options.kind === 'unknown';
    this.atr = unknown ? UNKNOWN_CARD_ATR : BELGIAN_EID_ATR;
    this.root = unknown ? { fid: MF, children: new Map() } : buildFileSystem(this.person, options.files ?? {});
    this.current = this.root;
  }

  /** The bytes the card holds for one file (what a reader should end up with). */
  file(name: EidFileName): Uint8Array {
    const data = this.root.children?.get(DF_ID)?.children?.get(EID_FILE_IDS[name])?.data;
    if (!data) throw new Error(`virtual eID: this card has no ${name} file`);
    return data;
  }

  /** Pull the card out when the (n+1)-th READ BINARY from now arrives: that one gets no answer. */
  pullAfterReads(n: number): void {
    this.pullAfter = n;
  }

  get isPulled(): boolean {
    return this.pulled;
  }

  /** Back in the reader after a pull (a fresh insertion). */
  reinsert(): void {
    this.pulled = false;
    this.pullAfter = undefined;
    this.powerOff();
  }

  powerOn(): void {
    this.powered = true;
    this.resetState();
  }

  powerOff(): void {
    this.powered = false;
    this.resetState();
  }

  reset(): void {
    this.resetState();
  }

  get isPowered(): boolean {
    return this.powered;
  }

  private resetState(): void {
    this.current = this.root;
    this.parentOfCurrent = undefined;
    this.pending = undefined;
  }

  /** One command APDU in, one response APDU (data + SW1 SW2) out. */
  transmit(apdu: Uint8Array): Uint8Array {
    if (this.pulled) throw new CardPulledError();
    this.log.push(Buffer.from(apdu).toString('hex'));
    if (apdu.length < 4) return sw(SW.wrongLength);
    const [cla, ins] = [apdu[0]!, apdu[1]!];
    if (ins === 0xc0 && cla === 0x00) return this.getResponse(apdu);
    this.pending = undefined;
    if (cla !== 0x00) return sw(SW.claNotSupported);
    switch (ins) {
      case 0xa4:
        return this.select(apdu);
      case 0xb0:
        return this.readBinary(apdu);
      default:
        return sw(SW.insNotSupported);
    }
  }

  private select(apdu: Uint8Array): Uint8Array {
    const [p1, p2] = [apdu[2]!, apdu[3]!];
    if (apdu.length < 5) return sw(SW.wrongLength);
    const lc = apdu[4]!;
    if (apdu.length < 5 + lc || lc === 0 || lc % 2 !== 0) return sw(SW.wrongLength);
    if (p2 !== 0x0c && p2 !== 0x00) return sw(SW.wrongP1P2);
    const fids: number[] = [];
    for (let i = 0; i < lc; i += 2) fids.push((apdu[5 + i]! << 8) | apdu[6 + i]!);
    const accepts = { absoluteWithMf: true, absoluteWithoutMf: true, componentWise: true, ...this.options.select };

    if (p1 === 0x08) {
      const withMf = fids[0] === MF;
      if (withMf ? !accepts.absoluteWithMf : !accepts.absoluteWithoutMf) return sw(SW.wrongP1P2);
      const path = withMf ? fids.slice(1) : fids;
      let node: FileNode = this.root;
      let parent: FileNode | undefined;
      for (const fid of path) {
        const next = node.children?.get(fid);
        if (!next) return sw(SW.notFound);
        parent = node;
        node = next;
      }
      return this.selected(node, parent);
    }
    if (p1 === 0x00 || p1 === 0x01 || p1 === 0x02) {
      if (!accepts.componentWise || fids.length !== 1) return sw(SW.wrongP1P2);
      const fid = fids[0]!;
      if (fid === MF) return this.selected(this.root, undefined);
      const directory = this.current.children ? this.current : this.parentOfCurrent ?? this.root;
      const next = directory.children?.get(fid);
      if (!next) return sw(SW.notFound);
      return this.selected(next, directory);
    }
    return sw(SW.wrongP1P2);
  }

  private selected(node: FileNode, parent: FileNode | undefined): Uint8Array {
    this.current = node;
    this.parentOfCurrent = parent;
    return sw(SW.ok);
  }

  private readBinary(apdu: Uint8Array): Uint8Array {
    if (this.pullAfter !== undefined) {
      if (this.pullAfter === 0) {
        this.pulled = true;
        this.onPulled?.();
        throw new CardPulledError();
      }
      this.pullAfter -= 1;
    }
    const data = this.current.data;
    if (!data) return sw(SW.noCurrentEf);
    const offset = ((apdu[2]! & 0x7f) << 8) | apdu[3]!;
    const le = apdu.length >= 5 ? apdu[4]! || 256 : 256;
    if (offset >= data.length) return sw(SW.offsetPastEnd);
    const remaining = data.length - offset;
    if (le > remaining && this.options.wrongLength !== 'short') return sw([0x6c, remaining & 0xff]);
    return this.answer(data.subarray(offset, offset + Math.min(le, remaining)));
  }

  private answer(data: Uint8Array): Uint8Array {
    if (!this.options.getResponse || data.length === 0) return withSw(data, SW.ok);
    this.pending = data;
    return sw([0x61, data.length & 0xff]);
  }

  private getResponse(apdu: Uint8Array): Uint8Array {
    const pending = this.pending;
    if (!pending) return sw(SW.noPendingData);
    const le = apdu.length >= 5 ? apdu[4]! || 256 : 256;
    if (le > pending.length) return sw([0x6c, pending.length & 0xff]);
    const chunk = pending.subarray(0, le);
    const rest = pending.subarray(le);
    this.pending = rest.length ? rest : undefined;
    return withSw(chunk, rest.length ? [0x61, rest.length & 0xff] : SW.ok);
  }
}

function buildFileSystem(person: VirtualPerson, overrides: Partial<Record<EidFileName, Uint8Array>>): FileNode {
  const contents: Record<EidFileName, Uint8Array> = {
    identity: identityFile(person),
    identitySignature: signatureFile(`id:${person.nationalNumber}`),
    address: addressFile(person),
    addressSignature: signatureFile(`address:${person.nationalNumber}`),
    photo: photoFile(person),
    ...overrides,
  };
  const files = new Map<number, FileNode>();
  for (const [name, fid] of Object.entries(EID_FILE_IDS) as Array<[EidFileName, number]>) {
    files.set(fid, { fid, data: contents[name] });
  }
  return { fid: MF, children: new Map([[DF_ID, { fid: DF_ID, children: files }]]) };
}

function sw(word: readonly number[]): Uint8Array {
  return Uint8Array.from(word);
}

function withSw(data: Uint8Array, word: readonly number[]): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out.set(word, data.length);
  return out;
}
