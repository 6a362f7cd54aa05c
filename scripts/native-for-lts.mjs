// postinstall: where `npm ci` ran on an older Node than the registry's LTS that the scripts use,
// builds the native modules again against that LTS's own headers (no download: the package ships
// include/node). Does nothing where they already load under it (the machine's node is that LTS).
// Usage: node scripts/native-for-lts.mjs
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATIVE_MODULES, OPTIONAL_NATIVE_MODULES, envWithNodeFirst, registryNode } from './runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const installed = (name) => existsSync(join(root, 'node_modules', name, 'package.json'));

/** Opens an in-memory database with each driver under `node`: that loads its compiled binding. */
export function loadsUnder(node, modules) {
  const probe = modules.map((m) => `new (require(${JSON.stringify(m)}))(':memory:').close();`).join('');
  const run = spawnSync(node, ['-e', probe], { cwd: root, encoding: 'utf8' });
  return run.status === 0;
}

/** `npm rebuild` of one module against the LTS headers, with that LTS first on PATH; resolves to success. */
function rebuild(lts, name) {
  const args = ['rebuild', name, `--nodedir=${lts.dir}`];
  // prebuild-install would look for a download first; build from source straight away.
  const env = { ...envWithNodeFirst(lts.binDir), npm_config_build_from_source: 'true' };
  const npmCli = process.env.npm_execpath;
  const child = npmCli && npmCli.endsWith('.js') ? spawn(lts.bin, [npmCli, ...args], { cwd: root, stdio: 'inherit', env }) : spawn('npm', args, { cwd: root, stdio: 'inherit', env });
  return new Promise((resolve) => {
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

export async function main() {
  const lts = registryNode();
  if (!lts) {
    console.log('native modules: no registry Node for this platform; they stay built for this machine\'s node.');
    return 0;
  }
  const modules = NATIVE_MODULES.filter(installed);
  if (loadsUnder(lts.bin, modules)) {
    console.log(`native modules: already built for Node ${lts.version}.`);
    return 0;
  }
  if (!lts.headers) {
    console.error(`native modules: ${lts.name} ${lts.version} has no include/node headers; cannot build for it.`);
    return 1;
  }
  const optional = OPTIONAL_NATIVE_MODULES.filter(installed);
  console.log(`native modules: building ${[...modules, ...optional].join(', ')} for Node ${lts.version} (headers from ${lts.name})…`);
  // Side by side: each is one large C file, and the machine has more than one core.
  const [required, optionalBuilt] = await Promise.all([Promise.all(modules.map((m) => rebuild(lts, m))), Promise.all(optional.map((m) => rebuild(lts, m)))]);
  if (!required.every(Boolean) || !loadsUnder(lts.bin, modules)) {
    console.error(`native modules: the build for Node ${lts.version} failed; see the compiler output above.`);
    return 1;
  }
  optional.forEach((m, i) => {
    if (!optionalBuilt[i]) console.warn(`native modules: optional ${m} did not build for Node ${lts.version}; the station runs without it.`);
  });
  console.log(`native modules: built for Node ${lts.version}.`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(await main());
