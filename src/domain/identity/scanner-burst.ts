/**
 * Tells a keyboard-wedge scanner from a person at the keyboard. Scanners type their data 0-12 ms
 * per key and end with Enter (or Tab); people type 100-230 ms per key. A burst that averages at
 * most `maxAverageMsPerKey`, is at least `minLength` characters long and ends with a terminator is
 * a scan, wherever the focus is. Pure: feed it key strokes with their time stamps.
 *
 * GS (0x1D, the GS1 separator) reaches a browser in several ways; each is configurable: the raw
 * character, Ctrl+] (the ASCII control key for GS), a printable substitute the scanner was
 * programmed to send, or a Windows Alt+0029 numpad sequence. AIM prefixes (`]d2`...) are kept.
 * An MRZ reader sends three lines of 30 each ended by Enter: those are joined with `\n`.
 */
export interface KeyStroke {
  /** KeyboardEvent.key: one character, or a key name such as `Enter`. */
  readonly key: string;
  /** Milliseconds, from any monotonic clock (KeyboardEvent.timeStamp). */
  readonly time: number;
  readonly altKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
}

export type Terminator = 'Enter' | 'Tab';

export interface BurstConfig {
  /** Average time per key, terminator included, at or under which a burst is a scan. */
  readonly maxAverageMsPerKey: number;
  /** A longer pause between two keys starts a new burst. */
  readonly maxGapMs: number;
  readonly minLength: number;
  readonly terminators: readonly Terminator[];
  /** A printable character the scanner sends in place of GS (e.g. `|`), or null. */
  readonly gsSubstitute: string | null;
  /** Ctrl+] is ASCII GS. */
  readonly ctrlBracketIsGs: boolean;
  /** Alt + numpad digits form one character (Windows); Alt+0029 is GS. */
  readonly altCodes: boolean;
  /** Join three MRZ lines (30 characters, the first starting with I, A or C) into one scan. */
  readonly joinMrzLines: boolean;
  /** How long an MRZ reader may pause between two lines. */
  readonly mrzLineGapMs: number;
}

export const DEFAULT_BURST_CONFIG: BurstConfig = {
  maxAverageMsPerKey: 30,
  maxGapMs: 50,
  minLength: 6,
  terminators: ['Enter', 'Tab'],
  gsSubstitute: null,
  ctrlBracketIsGs: true,
  altCodes: true,
  joinMrzLines: true,
  mrzLineGapMs: 400,
};

export type BurstVerdict =
  /**
   * A scan: hand `text` to classifyScan. Swallow the key that produced it unless `cutShort` (an
   * MRZ whose next line never came, reported when a later key or `flush` gave up on it).
   */
  | { readonly type: 'scan'; readonly text: string; readonly aim: string | null; readonly averageMsPerKey: number; readonly cutShort: boolean }
  /** One MRZ line of a scan in progress: swallow the terminator, wait for the rest. */
  | { readonly type: 'line'; readonly lines: number }
  /** A terminator after ordinary typing: leave the key alone. */
  | { readonly type: 'typing'; readonly text: string };

const GS = '\x1d';
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'OS', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'FnLock', 'Hyper', 'Super', 'Symbol', 'SymbolLock', 'Dead', 'Unidentified', 'Process']);
const MRZ_LINE = /^[A-Z0-9<]{30}$/;
const AIM = /^\][A-Za-z][0-9A-Za-z]/;

export class ScannerBurstDetector {
  readonly config: BurstConfig;
  private chars = '';
  private firstTime = 0;
  private lastTime = 0;
  private altDigits = '';
  private mrzLines: string[] = [];

  constructor(config: Partial<BurstConfig> = {}) {
    this.config = { ...DEFAULT_BURST_CONFIG, ...config };
  }

  /** True while an MRZ scan waits for its next line (call `flush` after `mrzLineGapMs`). */
  get waitingForLine(): boolean {
    return this.mrzLines.length > 0;
  }

  reset(): void {
    this.chars = '';
    this.altDigits = '';
    this.mrzLines = [];
  }

  feed(stroke: KeyStroke): BurstVerdict | null {
    if (typeof stroke.key !== 'string' || !Number.isFinite(stroke.time)) return null;
    const c = this.config;
    if (MODIFIERS.has(stroke.key)) return null;

    // A pause ends whatever was under way; an MRZ waiting for its next line is given longer.
    let abandoned: BurstVerdict | null = null;
    const busy = this.chars.length > 0 || this.altDigits.length > 0 || this.mrzLines.length > 0;
    if (busy) {
      const between = this.chars.length === 0 && this.altDigits.length === 0 && this.mrzLines.length > 0;
      const gap = stroke.time - this.lastTime;
      if (gap < 0 || gap > (between ? c.mrzLineGapMs : c.maxGapMs)) abandoned = this.abandon();
    }

    const isChar = [...stroke.key].length === 1;
    if (isChar && c.altCodes && stroke.altKey && !stroke.ctrlKey && /^[0-9]$/.test(stroke.key)) {
      this.touch(stroke.time);
      this.altDigits += stroke.key;
      if (this.altDigits.length >= 4) this.endAltCode();
      return abandoned;
    }
    this.endAltCode();

    if (isChar) {
      // Ctrl together with Alt is AltGr on European layouts: an ordinary character.
      const shortcut = (stroke.ctrlKey && !stroke.altKey) || stroke.metaKey;
      if (shortcut && !(c.ctrlBracketIsGs && stroke.key === ']' && stroke.ctrlKey)) {
        this.reset();
        return abandoned;
      }
      let ch = stroke.key;
      if (stroke.ctrlKey && !stroke.altKey && ch === ']') ch = GS;
      else if (c.gsSubstitute !== null && ch === c.gsSubstitute) ch = GS;
      this.touch(stroke.time);
      this.chars += ch;
      return abandoned;
    }

    if ((c.terminators as readonly string[]).includes(stroke.key)) return abandoned ?? this.terminate(stroke.time);
    // Any other named key (Backspace, arrows, Escape...) is a person editing.
    this.reset();
    return abandoned;
  }

  /** Call when time passes without keys: gives up an MRZ whose next line never came. */
  flush(now: number): BurstVerdict | null {
    if (this.mrzLines.length > 0 && now - this.lastTime > this.config.mrzLineGapMs) return this.abandon();
    if (this.chars.length > 0 && now - this.lastTime > this.config.maxGapMs) this.reset();
    return null;
  }

  private touch(time: number): void {
    if (this.chars.length === 0 && this.altDigits.length === 0) this.firstTime = time;
    this.lastTime = time;
  }

  private endAltCode(): void {
    if (this.altDigits.length === 0) return;
    const code = Number(this.altDigits);
    this.altDigits = '';
    if (code === 29) this.chars += GS;
    else if (code >= 32 && code < 127) this.chars += String.fromCharCode(code);
  }

  /** An MRZ cut short is still reported as a scan, so the desk sees why it was refused. */
  private abandon(): BurstVerdict | null {
    const lines = this.mrzLines;
    this.reset();
    if (lines.length === 0) return null;
    return { type: 'scan', text: lines.join('\n'), aim: null, averageMsPerKey: 0, cutShort: true };
  }

  private terminate(time: number): BurstVerdict | null {
    this.endAltCode();
    const text = this.chars;
    const n = text.length;
    if (n === 0) return this.mrzLines.length > 0 ? { type: 'line', lines: this.mrzLines.length } : { type: 'typing', text: '' };
    const average = (time - this.firstTime) / n;
    const c = this.config;
    const fast = n >= c.minLength && average <= c.maxAverageMsPerKey;
    this.chars = '';
    this.lastTime = time;
    if (!fast) {
      const pending = this.abandon();
      return pending ?? { type: 'typing', text };
    }
    if (c.joinMrzLines && MRZ_LINE.test(text) && (this.mrzLines.length > 0 || /^[IAC]/.test(text))) {
      this.mrzLines.push(text);
      if (this.mrzLines.length < 3) return { type: 'line', lines: this.mrzLines.length };
    } else if (this.mrzLines.length > 0) this.mrzLines.push(text);
    const full = this.mrzLines.length > 0 ? this.mrzLines.join('\n') : text;
    this.reset();
    return { type: 'scan', text: full, aim: AIM.test(full) ? full.slice(0, 3) : null, averageMsPerKey: average, cutShort: false };
  }
}
