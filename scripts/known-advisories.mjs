// Offline stand-in for `npm audit --omit=dev`: the lockfile against a short list of high and
// critical advisories (fixed versions per major line) and of releases known to be compromised.
// The registry's audit endpoint is the real check where it answers: `npm audit --omit=dev
// --audit-level=high`; add what it reports here so that the suite keeps checking it offline.
// Usage: node scripts/known-advisories.mjs   (exit 1 when the lockfile has a listed version)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runtime (non-dev) packages: first fixed version for each affected major line. */
export const ADVISORIES = [
  { name: 'ws', fixed: { 5: '5.2.4', 6: '6.2.3', 7: '7.5.10', 8: '8.17.1' }, id: 'GHSA-3h5v-q93c-6h6q', severity: 'high' },
  { name: 'tar-fs', fixed: { 1: '2.1.4', 2: '2.1.4', 3: '3.1.1' }, id: 'GHSA-vj76-c3g6-qr5v', severity: 'high' },
  { name: 'tar', fixed: { 4: '4.4.18', 5: '5.0.10', 6: '6.1.9' }, id: 'GHSA-qq89-hq3f-393p', severity: 'high' },
  { name: 'minimist', fixed: { 0: '0.2.4', 1: '1.2.6' }, id: 'GHSA-xvch-5gv4-984h', severity: 'critical' },
  { name: 'luxon', fixed: { 1: '1.28.1', 2: '2.5.2', 3: '3.2.1' }, id: 'GHSA-3xq5-wjfh-ppjc', severity: 'high' },
  { name: 'form-data', fixed: { 2: '2.5.4', 3: '3.0.4', 4: '4.0.4' }, id: 'GHSA-fjxv-7rqg-78g4', severity: 'critical' },
  { name: 'axios', fixed: { 0: '0.30.2', 1: '1.12.0' }, id: 'GHSA-4hjh-wcwx-xvwj', severity: 'high' },
  { name: 'cross-spawn', fixed: { 6: '6.0.6', 7: '7.0.5' }, id: 'GHSA-3xgq-45jj-v275', severity: 'high' },
  { name: 'braces', fixed: { 1: '3.0.3', 2: '3.0.3', 3: '3.0.3' }, id: 'GHSA-grv7-fg5c-xmjg', severity: 'high' },
  { name: 'node-fetch', fixed: { 2: '2.6.7', 3: '3.1.1' }, id: 'GHSA-r683-j2x4-v87g', severity: 'high' },
  { name: 'sha.js', fixed: { 2: '2.4.12' }, id: 'GHSA-95m3-7q98-8xr5', severity: 'critical' },
  { name: 'pbkdf2', fixed: { 3: '3.1.3' }, id: 'GHSA-h7cp-r72f-jxh6', severity: 'critical' },
  { name: 'cipher-base', fixed: { 1: '1.0.5' }, id: 'GHSA-cpq7-6gpm-g9rc', severity: 'critical' },
];

/** Releases published by a hijacked maintainer account (September 2025): refused anywhere in the tree, dev tools included. */
export const COMPROMISED = {
  debug: ['4.4.2'],
  chalk: ['5.6.1'],
  'ansi-styles': ['6.2.2'],
  'supports-color': ['10.2.1'],
  'strip-ansi': ['7.1.1'],
  'ansi-regex': ['6.2.1'],
  'wrap-ansi': ['9.0.1'],
  'color-convert': ['3.1.1'],
  'color-name': ['2.0.1'],
  'is-arrayish': ['0.3.3'],
  'slice-ansi': ['7.1.1'],
  'error-ex': ['1.3.3'],
  'simple-swizzle': ['0.2.3'],
  'has-ansi': ['6.0.1'],
  'chalk-template': ['1.1.1'],
  'supports-hyperlinks': ['4.1.1'],
  backslash: ['0.2.1'],
};

const parts = (v) => v.split(/[.+-]/).slice(0, 3).map(Number);
/** a < b for plain x.y.z versions. */
export function below(a, b) {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
}

/** Findings for a package-lock.json (lockfileVersion 2 or 3) object. */
export function findAdvisories(lock) {
  const findings = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path || !entry.version) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (COMPROMISED[name]?.includes(entry.version)) findings.push({ path, name, version: entry.version, id: 'compromised release', severity: 'critical' });
    if (entry.dev || entry.devOptional) continue; // `npm audit --omit=dev` leaves these out too
    for (const a of ADVISORIES.filter((x) => x.name === name)) {
      const fixed = a.fixed[parts(entry.version)[0]];
      if (fixed && below(entry.version, fixed)) findings.push({ path, name, version: entry.version, id: a.id, severity: a.severity, fixed });
    }
  }
  return findings;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const findings = findAdvisories(JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')));
  for (const f of findings) console.log(`${f.severity.toUpperCase()} ${f.name}@${f.version} (${f.path}): ${f.id}${f.fixed ? `, fixed in ${f.fixed}` : ''}`);
  console.log(`${findings.length} known high/critical advisories in the lockfile (offline list); the registry's own check: npm audit --omit=dev --audit-level=high`);
  process.exit(findings.length ? 1 : 0);
}
