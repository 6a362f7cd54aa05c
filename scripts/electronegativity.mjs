// Electronegativity (Doyensec's Electron security scanner) over src/ and the built dist/, offline.
// Fails on any HIGH or MEDIUM finding that is not a justified false positive below; each exclusion
// is narrow (one check, one file, one code sample) and explained in docs/SECURITY.md.
// Usage: node scripts/electronegativity.mjs   (builds dist/main and dist/preload first if missing)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLtsNode } from './runtime.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const scanner = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const outDir = join(root, 'test-results', 'electronegativity');

/**
 * Justified false positives (docs/SECURITY.md, "Electronegativity"). The window's web preferences
 * are built by stationWindowOptions() in src/main/electron/window-options.ts, which the scanner
 * cannot follow across modules; their values are asserted by tests/unit/main/electron/electron-window.test.ts.
 */
export const EXCLUSIONS = [
  { check: 'CONTEXT_ISOLATION_JS_CHECK', file: /\/(src\/main\/electron\/main\.ts|dist-scan\/main\/electron\.js)$/, sample: 'new BrowserWindow(stationWindowOptions(' },
  { check: 'SANDBOX_JS_CHECK', file: /\/(src\/main\/electron\/main\.ts|dist-scan\/main\/electron\.js)$/, sample: 'new BrowserWindow(stationWindowOptions(' },
  { check: 'AUXCLICK_JS_CHECK', file: /\/(src\/main\/electron\/main\.ts|dist-scan\/main\/electron\.js)$/, sample: 'new BrowserWindow(stationWindowOptions(' },
];

/** Splits one CSV line of Electronegativity's report (quoted fields may hold commas). */
export function parseCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

export function parseReport(text) {
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim());
  const names = parseCsvLine(header ?? '').map((h) => h.toLowerCase());
  return lines.map((line) => {
    const cells = parseCsvLine(line);
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}

export function isExcluded(finding) {
  return EXCLUSIONS.some((e) => e.check === finding.issue && e.file.test(finding.filename) && finding.sample.includes(e.sample));
}

function scan(input, name) {
  const output = join(outDir, `${name}.csv`);
  rmSync(output, { force: true });
  const run = spawnSync(process.execPath, ['--require', join(root, 'scripts', 'electronegativity-offline.cjs'), scanner, '-i', input, '-x', 'AvailableSecurityFixesGlobalCheck', '-e', electronVersion, '-o', output, '-v', 'false'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (!existsSync(output) || !readFileSync(output, 'utf8').trim()) {
    process.stderr.write(`electronegativity wrote no (or an empty) report for ${input}:\n${run.stdout}\n${run.stderr}\n`);
    process.exit(1);
  }
  return parseReport(readFileSync(output, 'utf8')).map((f) => ({ ...f, scanned: name }));
}

/**
 * Electronegativity reads only .js/.jsx/.ts/.tsx/.html/.json files, so the built main process
 * (.mjs) and preload (.cjs) would be skipped silently: scan a copy of dist/ with them renamed .js.
 */
function distScanCopy() {
  const copy = join(outDir, 'dist-scan');
  rmSync(copy, { recursive: true, force: true });
  const walk = (from, to) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.name.endsWith('.map') || entry.name.endsWith('.node')) continue;
      if (entry.isDirectory()) walk(join(from, entry.name), join(to, entry.name));
      else cpSync(join(from, entry.name), join(to, entry.name.replace(/\.(mjs|cjs)$/, '.js')));
    }
  };
  for (const part of ['main', 'preload', 'renderer']) walk(join(root, 'dist', part), join(copy, part));
  return copy;
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(join(root, 'dist', 'main', 'electron.mjs')) || !existsSync(join(root, 'dist', 'preload', 'preload.cjs'))) {
    const { buildAll } = await import('./build.mjs');
    await buildAll({ renderer: !existsSync(join(root, 'dist', 'renderer', 'index.html')) });
  }
  const findings = [...scan(join(root, 'src'), 'src'), ...scan(distScanCopy(), 'dist')];
  const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
  const excluded = serious.filter(isExcluded);
  const failing = serious.filter((f) => !isExcluded(f));
  const others = findings.length - serious.length;
  for (const f of excluded) console.log(`  justified (docs/SECURITY.md): ${f.issue} ${f.severity} in ${f.scanned}/${basename(f.filename)} ${f.location}`);
  for (const f of failing) console.log(`  FINDING ${f.issue} ${f.severity}/${f.confidence} ${f.filename}:${f.location}\n    ${f.sample}\n    ${f.description} (${f.url})`);
  console.log(`electronegativity (Electron ${electronVersion}): ${failing.length} high/medium findings, ${excluded.length} justified false positives, ${others} low/informational; reports in test-results/electronegativity/`);
  process.exit(failing.length ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureLtsNode();
  await main();
}
