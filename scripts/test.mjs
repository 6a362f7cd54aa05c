// `npm test`: system packages, supported runtimes (warnings only), lint, typecheck, unit + integration (vitest), build, electronegativity, end-to-end
// (Playwright), each step in order; stops at the first failing step and ends with one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ensureLtsNode } from './runtime.mjs';

ensureLtsNode(); // under an older node, the registry's LTS runs this again (native modules are built for it)

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
mkdirSync(join(root, 'test-results'), { recursive: true });

const steps = [
  ['system packages', 'bash', [join(root, 'scripts/system-deps.sh')]],
  ['supported runtimes', process.execPath, [join(root, 'scripts/electron-support.mjs')]],
  ['lint', bin('eslint'), ['.', '--max-warnings=0']],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest-results.json']],
  ['build', process.execPath, [join(root, 'scripts/build.mjs')]],
  ['electronegativity', process.execPath, [join(root, 'scripts/electronegativity.mjs')]],
  ['end-to-end tests', bin('playwright'), ['test']],
];

const only = process.argv.slice(2);
let failedStep = null;
for (const [name, command, args] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR } });
  console.log(`=== ${name}: ${run.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  if (run.status !== 0) {
    failedStep = name;
    break;
  }
}

// One closing line over both runners, counted from their own JSON reports.
let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = join(root, 'test-results/vitest-results.json');
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
const e2e = join(root, 'test-results/e2e-results.json');
if (existsSync(e2e)) {
  const s = JSON.parse(readFileSync(e2e, 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
}
if (failedStep) failed = Math.max(failed, 1);
console.log(`\n${failedStep ? `npm test stopped at: ${failedStep}\n` : ''}tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedStep ? 1 : 0);
