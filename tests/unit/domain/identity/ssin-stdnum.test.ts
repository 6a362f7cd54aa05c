import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSsin, ssinCentury } from '../../../../src/domain/identity/ssin';
import { ssinWithCheck } from './builders';

/**
 * Cross-check of the national-number parser with python-stdnum, an independent implementation.
 * python-stdnum >= 1.19 has the same validity policy as ours (stdnum.be.nn + stdnum.be.bis), so
 * validity is compared number for number. Debian's 1.18 only checks the check digits (and has no
 * bis module): then the check-digit verdict and the birth dates are compared.
 */
const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import stdnum.be.nn'], { encoding: 'utf8' });
const available = probe.status === 0;
const SKIP = 'SKIPPED: python-stdnum is not installed at /usr/bin/python3 — run `apt-get install python3-stdnum` to cross-check the national number (own vectors in ssin.test.ts still run)';
if (!available) console.warn(`\n*** ${SKIP} ***\n`);

const SCRIPT = `
import sys, json, datetime
import stdnum
from stdnum.be import nn
try:
    from stdnum.be import bis
except ImportError:
    bis = None
out = {'version': stdnum.__version__, 'hasBis': bis is not None, 'today': datetime.date.today().isoformat(), 'results': []}
for line in sys.stdin.read().split():
    r = {'nn': nn.is_valid(line), 'bis': bis.is_valid(line) if bis else None, 'birth': None, 'sex': None}
    if r['nn']:
        try:
            d = nn.get_birth_date(line)
            r['birth'] = d.isoformat() if d else None
        except Exception:
            r['birth'] = None
        r['sex'] = nn.get_gender(line) if hasattr(nn, 'get_gender') else None
    out['results'].append(r)
print(json.dumps(out))
`;

const two = (n: number) => String(n).padStart(2, '0');
const constructed = fc
  .record({
    yy: fc.integer({ min: 0, max: 99 }),
    mm: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 20, max: 32 }), fc.integer({ min: 40, max: 52 }), fc.integer({ min: 0, max: 99 })),
    dd: fc.oneof(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 99 })),
    serial: fc.integer({ min: 0, max: 999 }),
    from2000: fc.boolean(),
    unknown: fc.constantFrom(null, '000001', '002001', '004001'),
  })
  .map(({ yy, mm, dd, serial, from2000, unknown }) => ssinWithCheck(`${unknown ?? two(yy) + two(mm) + two(dd)}${String(serial).padStart(3, '0')}`, from2000));
const mutated = fc.tuple(constructed, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 9 })).map(([n, at, d]) => n.slice(0, at) + d + n.slice(at + 1));
const random = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 11 }).map((a) => a.join(''));
const NUMBERS = fc.sample(fc.oneof({ arbitrary: constructed, weight: 3 }, { arbitrary: mutated, weight: 2 }, { arbitrary: random, weight: 1 }), { numRuns: 400, seed: 20211 });

interface StdnumAnswer {
  version: string;
  hasBis: boolean;
  today: string;
  results: Array<{ nn: boolean; bis: boolean | null; birth: string | null; sex: 'M' | 'F' | null }>;
}

describe.skipIf(!available)(available ? 'national number vs python-stdnum' : SKIP, () => {
  it('agrees on 400 generated numbers, in one python run', () => {
    const run = spawnSync(PYTHON, ['-c', SCRIPT], { input: NUMBERS.join('\n'), encoding: 'utf8', timeout: 20_000 });
    expect(run.status, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout) as StdnumAnswer;
    expect(answer.results).toHaveLength(NUMBERS.length);
    const todayYear = Number(answer.today.slice(0, 4));
    let validSeen = 0;
    NUMBERS.forEach((number, i) => {
      const theirs = answer.results[i]!;
      const mine = parseSsin(number, answer.today);
      const context = `${number} (stdnum ${answer.version}: ${JSON.stringify(theirs)}, ours: ${mine.ok ? 'valid' : mine.code})`;
      if (answer.hasBis) {
        expect(mine.ok, context).toBe(theirs.nn || theirs.bis === true);
        if (mine.ok) expect(mine.value.bis, context).toBe(!theirs.nn);
      } else {
        // 1.18 checks the check digits only; everything we accept it must accept too.
        expect(ssinCentury(number, todayYear) !== null, context).toBe(theirs.nn);
        if (mine.ok) expect(theirs.nn, context).toBe(true);
      }
      if (mine.ok) validSeen++;
      if (mine.ok && !mine.value.bis) {
        if (mine.value.birthDate !== null) expect(theirs.birth, context).toBe(mine.value.birthDate);
        if (theirs.sex !== null) expect(theirs.sex, context).toBe(mine.value.sex);
      }
      if (mine.ok && theirs.birth !== null && !mine.value.bis) expect(mine.value.birthDate, context).toBe(theirs.birth);
    });
    // The sample must exercise both sides.
    expect(validSeen).toBeGreaterThan(100);
    expect(validSeen).toBeLessThan(NUMBERS.length);
    if (!answer.hasBis) console.warn(`python-stdnum ${answer.version} has no stdnum.be.bis: compared check digits and birth dates only (>= 1.19 compares full validity).`);
  });
});
