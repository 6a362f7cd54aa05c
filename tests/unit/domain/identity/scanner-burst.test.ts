import { describe, expect, it } from 'vitest';
import { ScannerBurstDetector, type BurstVerdict, type KeyStroke } from '../../../../src/domain/identity/scanner-burst';
import { buildMrz } from './builders';

type Key = string | Omit<KeyStroke, 'time'>;

/** Feeds keys `ms` apart from `start`; returns every verdict and the time after the last key. */
function type(detector: ScannerBurstDetector, keys: Key[], start: number, ms: number): { verdicts: BurstVerdict[]; end: number } {
  const verdicts: BurstVerdict[] = [];
  let time = start;
  for (const k of keys) {
    const stroke = typeof k === 'string' ? { key: k, time } : { ...k, time };
    const v = detector.feed(stroke);
    if (v) verdicts.push(v);
    time += ms;
  }
  return { verdicts, end: time };
}
const chars = (text: string): Key[] => [...text];
const scan = (detector: ScannerBurstDetector, text: string, start = 1000, ms = 5) => type(detector, [...chars(text), 'Enter'], start, ms).verdicts;

describe('keyboard-wedge burst detector', () => {
  it('reports a fast burst ending in Enter as a scan', () => {
    expect(scan(new ScannerBurstDetector(), '85073003328')).toEqual([{ type: 'scan', text: '85073003328', aim: null, averageMsPerKey: 5, cutShort: false }]);
  });

  it('reports people typing as typing, even fast typists', () => {
    // Each pause starts a new burst, so the Enter ends an empty one.
    expect(scan(new ScannerBurstDetector(), '85073003328', 0, 150)).toEqual([{ type: 'typing', text: '' }]);
    // 45 ms a key stays inside one burst (gaps <= 50 ms) but averages over 30 ms.
    expect(scan(new ScannerBurstDetector(), '85073003328', 0, 45)).toEqual([{ type: 'typing', text: '85073003328' }]);
  });

  it('draws the line at the configured average and minimum length', () => {
    expect(scan(new ScannerBurstDetector(), 'ABCDEFGH', 0, 30)[0]!.type).toBe('scan');
    expect(scan(new ScannerBurstDetector(), 'ABCDEFGH', 0, 31)[0]!.type).toBe('typing');
    expect(scan(new ScannerBurstDetector({ maxAverageMsPerKey: 40 }), 'ABCDEFGH', 0, 35)[0]!.type).toBe('scan');
    expect(scan(new ScannerBurstDetector(), 'ABCDE', 0, 1)[0]!.type).toBe('typing');
    expect(scan(new ScannerBurstDetector({ minLength: 3 }), 'ABC', 0, 1)[0]!.type).toBe('scan');
  });

  it('ends on the configured terminators only', () => {
    const tab = new ScannerBurstDetector({ terminators: ['Tab'] });
    expect(type(tab, [...chars('ABCDEFGH'), 'Tab'], 0, 2).verdicts[0]).toMatchObject({ type: 'scan', text: 'ABCDEFGH' });
    expect(type(tab, [...chars('ABCDEFGH'), 'Enter', 'Tab'], 0, 2).verdicts).toEqual([{ type: 'typing', text: '' }]);
    expect(type(new ScannerBurstDetector(), [...chars('ABCDEFGH'), 'Tab'], 0, 2).verdicts[0]).toMatchObject({ type: 'scan' });
  });

  it('keeps the AIM prefix and reports it', () => {
    expect(scan(new ScannerBurstDetector(), ']Q1https://example.be/x')[0]).toMatchObject({ text: ']Q1https://example.be/x', aim: ']Q1' });
  });

  it('starts a new burst after a pause, so typed keys before a scan are left out', () => {
    const d = new ScannerBurstDetector();
    const typed = type(d, chars('ab'), 0, 150);
    expect(scan(d, '85073003328', typed.end + 200)).toEqual([expect.objectContaining({ type: 'scan', text: '85073003328' })]);
  });

  it('ignores modifier keys and treats Ctrl+Alt (AltGr) characters as characters', () => {
    const d = new ScannerBurstDetector();
    const keys: Key[] = ['Shift', 'A', 'Shift', 'B', { key: '@', ctrlKey: true, altKey: true }, 'c', 'd', 'e', 'Enter'];
    expect(type(d, keys, 0, 3).verdicts[0]).toMatchObject({ type: 'scan', text: 'AB@cde' });
  });

  it('drops the burst on editing keys and shortcuts', () => {
    const none = [{ type: 'typing', text: '' }];
    expect(type(new ScannerBurstDetector(), [...chars('ABCDEFG'), 'Backspace', 'Enter'], 0, 2).verdicts).toEqual(none);
    expect(type(new ScannerBurstDetector(), [...chars('ABCDEFG'), { key: 'c', ctrlKey: true }, 'Enter'], 0, 2).verdicts).toEqual(none);
    expect(type(new ScannerBurstDetector(), [...chars('ABCDEFG'), { key: 'v', metaKey: true }, 'Enter'], 0, 2).verdicts).toEqual(none);
  });

  it('maps each configured form of GS to \\x1d', () => {
    const gs1 = (keys: Key[], config = {}) => type(new ScannerBurstDetector(config), [...chars('0109506000134352'), ...keys, ...chars('21SN1'), 'Enter'], 0, 3).verdicts[0];
    const want = '010950600013435210AB\x1d21SN1';
    expect(gs1([...chars('10AB'), '\x1d'])).toMatchObject({ text: want });
    expect(gs1([...chars('10AB'), { key: ']', ctrlKey: true }])).toMatchObject({ text: want });
    expect(gs1([...chars('10AB'), '|'], { gsSubstitute: '|' })).toMatchObject({ text: want });
    expect(gs1([...chars('10AB'), '|'])).toMatchObject({ text: '010950600013435210AB|21SN1' });
    const alt = (d: string) => ({ key: d, altKey: true });
    expect(gs1([...chars('10AB'), alt('0'), alt('0'), alt('2'), alt('9')])).toMatchObject({ text: want });
    expect(gs1([...chars('10AB'), alt('2'), alt('9')])).toMatchObject({ text: want });
    // Alt+65 is an ordinary "A"; with alt codes off, Alt+digits are just digits.
    expect(gs1([...chars('10AB'), alt('6'), alt('5')])).toMatchObject({ text: '010950600013435210ABA21SN1' });
    expect(gs1([...chars('10AB'), alt('2'), alt('9')], { altCodes: false })).toMatchObject({ text: '010950600013435210AB2921SN1' });
    // Ctrl+] as a shortcut drops the burst: what follows is too short to be a scan.
    expect(gs1([...chars('10AB'), { key: ']', ctrlKey: true }], { ctrlBracketIsGs: false })).toEqual({ type: 'typing', text: '21SN1' });
  });

  it('joins the three lines of an MRZ reader into one scan', () => {
    const d = new ScannerBurstDetector();
    const [l1, l2, l3] = buildMrz();
    const a = type(d, [...chars(l1), 'Enter'], 0, 4);
    const b = type(d, [...chars(l2), 'Enter'], a.end + 150, 4);
    const c = type(d, [...chars(l3), 'Enter'], b.end + 150, 4);
    expect(a.verdicts).toEqual([{ type: 'line', lines: 1 }]);
    expect(b.verdicts).toEqual([{ type: 'line', lines: 2 }]);
    expect(c.verdicts).toEqual([expect.objectContaining({ type: 'scan', text: `${l1}\n${l2}\n${l3}` })]);
    expect(d.waitingForLine).toBe(false);
  });

  it('reports an MRZ cut short when its next line never comes', () => {
    const d = new ScannerBurstDetector();
    const [l1, l2] = buildMrz();
    const a = type(d, [...chars(l1), 'Enter'], 0, 4);
    const b = type(d, [...chars(l2), 'Enter'], a.end + 100, 4);
    expect(d.waitingForLine).toBe(true);
    expect(d.flush(b.end + 100)).toBeNull();
    expect(d.flush(b.end + 500)).toEqual({ type: 'scan', text: `${l1}\n${l2}`, aim: null, averageMsPerKey: 0, cutShort: true });
    expect(d.waitingForLine).toBe(false);
    // The same when a person types later: the partial scan comes out first.
    const e = new ScannerBurstDetector();
    const f = type(e, [...chars(l1), 'Enter'], 0, 4);
    expect(e.feed({ key: 'x', time: f.end + 2000 })).toMatchObject({ type: 'scan', text: l1, cutShort: true });
  });

  it('does not join lines when told not to', () => {
    const [l1] = buildMrz();
    expect(scan(new ScannerBurstDetector({ joinMrzLines: false }), l1, 0, 4)).toEqual([expect.objectContaining({ type: 'scan', text: l1 })]);
  });

  it('survives clocks that jump backwards and junk strokes', () => {
    const d = new ScannerBurstDetector();
    type(d, chars('ABCD'), 1000, 2);
    expect(d.feed({ key: 'E', time: 10 })).toBeNull();
    expect(d.feed({ key: 'Enter', time: 12 })).toEqual({ type: 'typing', text: 'E' });
    expect(d.feed({ key: 'A', time: Number.NaN })).toBeNull();
    expect(d.feed({ key: 'Unidentified', time: 20 })).toBeNull();
  });
});
