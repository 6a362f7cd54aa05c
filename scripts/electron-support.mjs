// Is the pinned Electron major inside Electron's support window (its latest three stable majors)?
// The window comes from scripts/electron-releases.json, a table kept in the repository, so that the
// answer for a given date never depends on the network. Run as a script it uses today's date and
// only warns: when the pin has left the window, or when the table is older than one release cadence
// (a newer major is probably out and the table needs refreshing from the registry).
// Usage: node scripts/electron-support.mjs [--today YYYY-MM-DD]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DAY = 24 * 60 * 60 * 1000;

export function loadReleases(file = join(root, 'scripts', 'electron-releases.json')) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Major of a semver range or version as package.json writes it: "^45.6.1", "~45.0.0", "45.6.1". */
export function majorOfRange(range) {
  const m = /(\d+)\./.exec(String(range));
  if (!m) throw new Error(`cannot read an Electron major from "${range}"`);
  return Number(m[1]);
}

/** The majors Electron supports on `date`: the newest `supportedMajors` released by then. */
export function supportWindow(releases, date) {
  const released = releases.majors.filter((r) => Date.parse(r.released) <= date.getTime()).map((r) => r.major);
  return released.sort((a, b) => b - a).slice(0, releases.supportedMajors);
}

/** Whether `major` is supported on `date`, with a sentence that says why or why not. */
export function checkPinnedMajor(releases, major, date) {
  const window = supportWindow(releases, date);
  const day = date.toISOString().slice(0, 10);
  if (window.includes(major)) return { ok: true, window, message: `Electron ${major} is supported on ${day} (supported majors: ${window.join(', ')}).` };
  const newest = window[0];
  const why = newest !== undefined && major > newest ? 'is not released yet by the table' : 'has left the support window';
  return { ok: false, window, message: `Electron ${major} ${why} on ${day} (supported majors: ${window.join(', ')}): move package.json's electron to ${newest}.` };
}

/** Warnings for `date`: the pin is unsupported, or the table is a full cadence behind. */
export function supportWarnings(releases, major, date) {
  const warnings = [];
  const check = checkPinnedMajor(releases, major, date);
  if (!check.ok) warnings.push(check.message);
  const latest = releases.majors.reduce((a, b) => (Date.parse(a.released) > Date.parse(b.released) ? a : b));
  const age = Math.floor((date.getTime() - Date.parse(latest.released)) / DAY);
  if (age > releases.cadenceDays) {
    warnings.push(
      `scripts/electron-releases.json ends at Electron ${latest.major} (${latest.released}), ${age} days before ${date.toISOString().slice(0, 10)}: ` +
        'a newer major is probably out; add it from `npm view electron time --json` and `npm view electron dist-tags`.',
    );
  }
  return warnings;
}

function pinnedMajor() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return majorOfRange(pkg.devDependencies?.electron ?? pkg.dependencies?.electron);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--today');
  const date = at > 0 ? new Date(`${process.argv[at + 1]}T12:00:00Z`) : new Date();
  if (Number.isNaN(date.getTime())) {
    console.error('usage: node scripts/electron-support.mjs [--today YYYY-MM-DD]');
    process.exit(2);
  }
  const releases = loadReleases();
  const major = pinnedMajor();
  console.log(checkPinnedMajor(releases, major, date).message);
  for (const warning of supportWarnings(releases, major, date)) console.warn(`WARNING: ${warning}`);
}
