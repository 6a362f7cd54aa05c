// Builds the four parts: renderer (Vite), Electron main (ESM), preload (CJS, sandboxed) and the
// operator command line (ESM, dist/cli) with esbuild.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ensureLtsNode } from './runtime.mjs';
import { ensureCliBuilt } from './cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildAll({ renderer = true } = {}) {
  if (renderer) await vite({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  await esbuild({
    entryPoints: [join(root, 'src/main/electron/main.ts')],
    outfile: join(root, 'dist/main/electron.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22', // Electron 45's embedded Node is newer; the main bundle stays loadable by Node 22 too
    packages: 'external', // dependencies load from node_modules (native ones from their unpacked folder)
    sourcemap: true,
    logLevel: 'warning',
  });
  await esbuild({
    entryPoints: [join(root, 'src/preload/preload.ts')],
    outfile: join(root, 'dist/preload/preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome120',
    external: ['electron'], // a sandboxed preload may require only electron; the rest is bundled
    sourcemap: true,
    logLevel: 'warning',
  });
  await ensureCliBuilt({ force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureLtsNode();
  await buildAll();
  console.log('built dist/renderer, dist/main/electron.mjs, dist/preload/preload.cjs, dist/cli');
}
