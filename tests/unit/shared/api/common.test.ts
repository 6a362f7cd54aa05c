import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Id, Instant, IsoDay, LocalTime, ProductCode, Ssin, StationId } from '../../../../src/shared/api/common';
import { PROJECT_ROOT } from '../../../support/paths';

const ROOT = PROJECT_ROOT;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('common value shapes of the contract (src/shared/api/common.ts)', () => {
  it('checks days, times, instants, SSINs and ids the way every method used to', () => {
    expect(IsoDay.safeParse('2026-03-01').success).toBe(true);
    expect(IsoDay.safeParse('2026-3-1').success).toBe(false);
    expect(LocalTime.safeParse('23:59').success).toBe(true);
    expect(LocalTime.safeParse('24:00').success).toBe(false);
    expect(Instant.safeParse('2026-03-01T08:00:00.000Z').success).toBe(true);
    expect(Instant.safeParse('2026-03-01T08:00:00.000+01:00').success).toBe(true);
    expect(Instant.safeParse('2026-03-01 08:00').success).toBe(false);
    expect(Ssin.safeParse('85073003328').success).toBe(true);
    expect(Ssin.safeParse('8507300332').error?.issues[0]?.message).toBe('11 digits');
    expect(Id.safeParse('').success).toBe(false);
    expect(Id.safeParse('x'.repeat(81)).success).toBe(false);
    expect(StationId.safeParse('x'.repeat(65)).success).toBe(false);
    expect(ProductCode.safeParse('x'.repeat(41)).success).toBe(false);
  });

  it('are declared once: no other contract module redefines them', () => {
    const others = sourceFiles('src/shared/api').filter((f) => !f.endsWith('common.ts'));
    expect(others.length).toBeGreaterThan(5);
    const redefined = others.flatMap((file) => {
      const text = read(file);
      const hits = [
        ...text.matchAll(/\bconst (IsoDay|LocalTime|Instant|Ssin|Id|StationId|ProductCode)\s*=/g),
        ...text.matchAll(/z\.iso\.datetime\(|\\d\{4\}-\\d\{2\}-\\d\{2\}|regex\(\/\^\\d\{11\}\$\/\)|regex\(\/\^\\d\{11\}\$\/, '11 digits'\)/g),
      ];
      return hits.map((m) => `${relative(ROOT, join(ROOT, file))}: ${m[0]}`);
    });
    expect(redefined).toEqual([]);
  });
});
