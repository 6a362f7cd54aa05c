// postinstall: where `npm ci` ran on an older Node than the registry's LTS that the scripts use,
// builds the native modules again against that LTS's own headers (no download: the package ships
// include/node). Does nothing where they already load under it (the machine's node is that LTS).
// Usage: node scripts/native-for-lts.mjs
import { spawnSync } from 'node:child_process';
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

function rebuild(lts, modules) {
  const args = ['rebuild', ...modules, `--nodedir=${lts.dir}`, '--build-from-source', '--foreground-scripts'];
  const env = envWithNodeFirst(lts.binDir);
  const npmCli = process.env.npm_execpath;
  const run = npmCli && npmCli.endsWith('.js') ? spawnSync(lts.bin, [npmCli, ...args], { cwd: root, stdio: 'inherit', env }) : spawnSync('npm', args, { cwd: root, stdio: 'inherit', env });
  return run.status === 0;
}

function main() {
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
  console.log(`native modules: building ${modules.join(', ')} for Node ${lts.version} (headers from ${lts.name})…`);
  if (!rebuild(lts, modules) || !loadsUnder(lts.bin, modules)) {
    console.error(`native modules: the build for Node ${lts.version} failed; see the compiler output above.`);
    return 1;
  }
  for (const optional of OPTIONAL_NATIVE_MODULES.filter(installed)) {
    if (!rebuild(lts, [optional])) console.warn(`native modules: optional ${optional} did not build for Node ${lts.version}; the station runs without it.`);
  }
  console.log(`native modules: built for Node ${lts.version}.`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(main());
