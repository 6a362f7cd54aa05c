// Builds better-sqlite3-multiple-ciphers (the station database driver) for Electron's ABI into dist/electron-native/, leaving node_modules' Node
// build untouched so that tests and the Node host keep working. Needs Electron's headers (network).
// Runs on the registry's Node LTS (scripts/runtime.mjs): @electron/rebuild needs Node 22.12 or newer.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLtsNode } from './runtime.mjs';

ensureLtsNode();

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const out = join(root, 'dist', 'electron-native');
const target = join(out, 'better_sqlite3.node');
const stamp = join(out, `electron-${electronVersion}`);

if (existsSync(target) && existsSync(stamp)) {
  console.log(`native modules already built for Electron ${electronVersion}`);
  process.exit(0);
}

const work = join(root, 'dist', 'electron-native-build');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const moduleDir = join(work, 'node_modules', 'better-sqlite3-multiple-ciphers');
const sourceDir = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
cpSync(sourceDir, moduleDir, { recursive: true, filter: (src) => !src.startsWith(join(sourceDir, 'build')) });
writePackage(work);

const { rebuild } = await import('@electron/rebuild');
try {
  await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3-multiple-ciphers'], force: true });
} catch (error) {
  console.error(`rebuilding better-sqlite3-multiple-ciphers for Electron ${electronVersion} failed (its headers come from Electron's download site): ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
cpSync(join(moduleDir, 'build', 'Release', 'better_sqlite3.node'), target);
cpSync(target, stamp);
console.log(`better-sqlite3-multiple-ciphers built for Electron ${electronVersion} in dist/electron-native`);

function writePackage(dir) {
  const pkg = { name: 'electron-native-build', version: '0.0.0', private: true, dependencies: { 'better-sqlite3-multiple-ciphers': '*' } };
  require('node:fs').writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
}
