import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

describe('the appointment card token format (src/domain/booking/card-token.ts)', () => {
  it('is spelled out only in the token module: classification, check-in, verification and the UI ask it', () => {
    const spelled = sourceFiles('src')
      .filter((f) => !f.endsWith(join('domain', 'booking', 'card-token.ts')))
      .filter((f) => /DD[12]/.test(read(f)));
    expect(spelled).toEqual([]);
  });
});
