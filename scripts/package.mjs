// `npm run package`: Linux AppImage + deb and Windows NSIS installers with electron-builder.
// Needs the network to fetch Electron and its headers, so it is not part of CI here.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { buildAll } from './build.mjs';
import { ensureLtsNode } from './runtime.mjs';

ensureLtsNode();

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await buildAll();
const rebuilt = spawnSync(process.execPath, [join(root, 'scripts/rebuild-electron.mjs')], { stdio: 'inherit' });
if (rebuilt.status !== 0) process.exit(rebuilt.status ?? 1);
const targets = process.argv.slice(2).length ? process.argv.slice(2) : ['--linux', '--win'];
const result = spawnSync(join(root, 'node_modules/.bin/electron-builder'), ['--config', 'electron-builder.yml', ...targets], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
