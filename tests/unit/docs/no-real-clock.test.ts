import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../support/paths';

/**
 * Green on any day (issue 12): no test reads the machine's date. A test that needs "now" runs on a
 * fixed clock (`ManualClock`, `host --clock`). Reading the real clock is allowed only to measure
 * (a deadline or an elapsed time) and in the short list below, each entry with its reason.
 */
const REAL_CLOCK = [/\bnew\s+Date\(\s*\)/, /\bDate\.now\(\s*\)/, /\bsystemClock\b/];

/** Measuring: the start of a wait, or the real clock compared with or subtracted from one. */
const MEASURING = [
  /\b(?:const|let)\s+(?:started|start|startedAt|end|until|deadline)\s*=\s*Date\.now\(\)/,
  /Date\.now\(\)\s*-\s*(?:started|start|startedAt)\b/,
  /Date\.now\(\)\s*[<>]=?\s*(?:end|until|deadline)\b/,
];

const ALLOWED: readonly { file: string; contains: string; why: string }[] = [
  { file: 'tests/support/pcscd.ts', contains: '${Date.now()}.log', why: 'a unique name for the log file of a daemon' },
  { file: 'tests/e2e/date-field.spec.ts', contains: ': new Date()', why: 'the Electron app has no station clock option; the Node host runs on --clock' },
  { file: 'tests/integration/security/cli.test.ts', contains: 'const at = new Date()', why: 'the retention command runs on the machine clock: the citizen is recent by that clock, any day' },
  { file: 'tests/integration/printing/fixtures/worker-process.ts', contains: 'systemClock', why: 'a print worker killed mid-card: its clock only stamps the jobs' },
  { file: 'tests/integration/printing/restart.test.ts', contains: 'systemClock', why: 'the workers after that kill, on the same job timestamps' },
  { file: 'tests/support/federal/worker-child.ts', contains: 'systemClock', why: 'a sync child killed mid-send: its clock only stamps the attempts' },
];

const SCANNED = /\.(?:ts|tsx|mjs|cjs|js)$/;
/** This file names what it looks for. */
const SELF = 'tests/unit/docs/no-real-clock.test.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return SCANNED.test(name) ? [relative(PROJECT_ROOT, path)] : [];
  });
}

/** The lines of `text` (in `file`) that read the real clock other than to measure or as allowed. */
export function realClockLines(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    if (!REAL_CLOCK.some((re) => re.test(line))) return [];
    if (MEASURING.some((re) => re.test(line))) return [];
    if (ALLOWED.some((a) => a.file === file && line.includes(a.contains))) return [];
    return [`${file}:${i + 1}: ${line.trim()}`];
  });
}

describe('no test reads the real date', () => {
  const all = files(join(PROJECT_ROOT, 'tests')).filter((file) => file !== SELF);

  it('finds the test tree', () => {
    expect(all.length).toBeGreaterThan(150);
  });

  it('reads the real clock only to measure, or where the allow-list says why', () => {
    const offenders = all.flatMap((file) => realClockLines(file, readFileSync(join(PROJECT_ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps no stale entry in the allow-list', () => {
    const stale = ALLOWED.filter((a) => !all.includes(a.file) || !readFileSync(join(PROJECT_ROOT, a.file), 'utf8').includes(a.contains));
    expect(stale).toEqual([]);
  });

  it('flags a day taken from the machine, and lets a fixed instant or a deadline through', () => {
    const file = 'tests/integration/example.test.ts';
    const call = (s: string) => `${s}()`; // built here so that this file itself holds none of them
    expect(realClockLines(file, `const today = new ${call('Date')};`)).toHaveLength(1);
    expect(realClockLines(file, `const day = localDateOf(new ${call('Date')});`)).toHaveLength(1);
    expect(realClockLines(file, `const now = ${call('Date.now')};`)).toHaveLength(1);
    expect(realClockLines(file, `openTestStation({ clock: system${'Clock'} });`)).toHaveLength(1);
    // The allow-list is per file: the same line elsewhere is refused.
    expect(realClockLines(file, `const shown = station.host ? station.host.now() : new ${call('Date')};`)).toHaveLength(1);
    expect(realClockLines(file, "const clock = new ManualClock('2026-03-02T08:00:00Z');")).toEqual([]);
    expect(realClockLines(file, "const at = new Date('2026-03-02T08:00:00Z');")).toEqual([]);
    expect(realClockLines(file, `const deadline = ${call('Date.now')} + 5000;`)).toEqual([]);
    expect(realClockLines(file, `if (${call('Date.now')} > deadline) throw new Error('timed out');`)).toEqual([]);
  });
});
