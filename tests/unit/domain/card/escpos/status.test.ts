import { describe, expect, it } from 'vitest';
import {
  epsonStatusAnswer,
  isEpsonStatusByte,
  isStarStatusHeader,
  parseEpsonStatus,
  parseStarStatus,
  starStatusAnswer,
  starStatusLength,
  type PrinterCondition,
} from '../../../../../src/domain/card/escpos/status';

const CONDITIONS: PrinterCondition[] = ['ready', 'paper_out', 'cover_open', 'error'];

describe('printer status', () => {
  it('reads the Epson DLE EOT answers of the reference (0x12 base pattern)', () => {
    expect(parseEpsonStatus(0x16, 0x12, 0x12)).toEqual({ condition: 'ready', paperNearEnd: false });
    expect(parseEpsonStatus(0x1e, 0x32, 0x72).condition).toBe('paper_out');
    expect(parseEpsonStatus(0x1e, 0x16, 0x12).condition).toBe('cover_open');
    expect(parseEpsonStatus(0x1e, 0x52, 0x12).condition).toBe('error');
    expect(parseEpsonStatus(0x12, 0x12, 0x1e)).toEqual({ condition: 'ready', paperNearEnd: true });
    expect(isEpsonStatusByte(0x12)).toBe(true);
    expect(isEpsonStatusByte(0x72)).toBe(true);
    expect(isEpsonStatusByte(0x3f)).toBe(false);
  });

  it.each(CONDITIONS)('Epson answers for %s parse back to it', (condition) => {
    const a = [1, 2, 4].map((n) => epsonStatusAnswer(n, condition, condition === 'ready'));
    expect(a.every(isEpsonStatusByte)).toBe(true);
    expect(parseEpsonStatus(a[0]!, a[1]!, a[2]!).condition).toBe(condition);
  });

  it.each(CONDITIONS)('Star ASB for %s parses back to it', (condition) => {
    const block = starStatusAnswer(condition, true);
    expect(isStarStatusHeader(block[0]!)).toBe(true);
    expect(starStatusLength(block[0]!)).toBe(block.length);
    expect(parseStarStatus(block)).toEqual({ condition, paperNearEnd: true });
  });
});
