// `npm start`: the station in Electron with the demo centre; where the Electron binary cannot be
// had (its download blocked), says so and runs the Node host instead, printing the URL to open.
// `npm start -- --no-demo [--data DIR]`: a real centre's station: on a folder without a centre it
// opens on the set-up screen (create or join a centre, then the first supervisor).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { electronBinary, lastFailedDownload, tryDownloadElectron } from './electron-binary.mjs';
import { ensureLtsNode } from './runtime.mjs';
import { cliNodeArgs, ensureCliBuilt } from './cli-bundle.mjs';

ensureLtsNode();

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const forceHost = process.argv.includes('--host') || process.env.DOSEDESK_HOST === '1';
const demo = !process.argv.includes('--no-demo');
const dataIndex = process.argv.indexOf('--data');
const dataDir = dataIndex > 0 ? process.argv[dataIndex + 1] : undefined;
if (dataIndex > 0 && !dataDir) {
  console.error('DoseDesk: --data needs a folder.');
  process.exit(2);
}

let binary = forceHost ? null : electronBinary();
if (!binary && !forceHost) {
  const retry = process.argv.includes('--retry-electron');
  const failedAt = lastFailedDownload();
  if (!retry && failedAt !== null && Date.now() - failedAt < 24 * 3_600_000) {
    console.log(`DoseDesk: the Electron download failed at ${new Date(failedAt).toISOString()}; not trying again today (npm start -- --retry-electron to try now).`);
  } else {
    console.log('DoseDesk: the Electron binary is not installed; trying to download it once…');
    binary = tryDownloadElectron({ force: retry }) ? electronBinary() : null;
  }
}

if (binary) {
  const { buildAll } = await import('./build.mjs');
  await buildAll();
  const rebuilt = spawn(process.execPath, [join(root, 'scripts/rebuild-electron.mjs')], { stdio: 'inherit' });
  const code = await new Promise((r) => rebuilt.on('exit', r));
  if (code !== 0) {
    console.error('DoseDesk: rebuilding the native modules for Electron failed; starting the Node host instead.');
    binary = null;
  } else {
    const env = { ...process.env, ...(demo ? { DOSEDESK_DEMO: '1' } : {}), ...(dataDir ? { DOSEDESK_DATA_DIR: dataDir } : {}) };
    if (!demo) delete env.DOSEDESK_DEMO;
    const child = spawn(binary, [root], { stdio: 'inherit', env });
    child.on('exit', (c) => process.exit(c ?? 0));
  }
}

if (!binary) {
  if (!forceHost) {
    console.log('DoseDesk: Electron is not available on this machine (its binary download is blocked or failed).');
    console.log('DoseDesk: starting the station in the Node host instead. Open the address below in a browser.');
  }
  const port = process.env.PORT ?? '4173';
  // The built command line (rebuilt only if a source changed); the host builds the screens if missing.
  await ensureCliBuilt();
  const hostArgs = ['host', ...(demo ? ['--demo'] : []), '--port', port, ...(dataDir ? ['--data', dataDir] : [])];
  const child = spawn(process.execPath, cliNodeArgs(...hostArgs), {
    stdio: 'inherit',
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (c) => process.exit(c ?? 0));
}
