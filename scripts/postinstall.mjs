// postinstall: the native modules for the scripts' Node (native-for-lts.mjs), then the first
// build (screens, Electron main and preload, command line), so that the first `npm start` after
// `npm ci` prints its address at once instead of building for a few seconds first. A build that
// cannot run here (an install without dev dependencies) is left to the first start, which builds
// whatever is missing; only a native module that does not build fails the install.
// Usage: node scripts/postinstall.mjs
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main as nativeForLts } from './native-for-lts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs `node scripts/build.mjs` in a child rather than importing its buildAll: the child moves
 * itself onto the LTS Node, and a missing dev dependency fails only it. Resolves to its exit code.
 */
function buildInChild() {
  const child = spawn(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** The install's exit code: the native modules' own, whatever the build did. */
export async function postinstall({ native = nativeForLts, build = buildInChild, log = (line) => console.log(line) } = {}) {
  const code = await native();
  if (code !== 0) return code;
  const built = await build();
  log(built === 0 ? 'DoseDesk: built (dist/); `npm start` starts from it.' : 'DoseDesk: the first build did not run here; `npm start` builds what is missing.');
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(await postinstall());
