// `npm run dev`: rebuilds the command line (esbuild) and the station screens (Vite) on every save.
import { context } from 'esbuild';
import { build as vite } from 'vite';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CLI_DIR, cliBuildOptions, writeCliStamp } from './cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let builtFromMs = Date.now();
const cli = await context({
  ...cliBuildOptions(CLI_DIR),
  plugins: [
    {
      name: 'stamp',
      setup(build) {
        build.onStart(() => {
          builtFromMs = Date.now();
        });
        build.onEnd((result) => {
          if (result.metafile) writeCliStamp(CLI_DIR, result.metafile, builtFromMs);
          console.log(`dev: command line ${result.errors.length ? 'has errors' : 'rebuilt'}`);
        });
      },
    },
  ],
});
await cli.watch();
await vite({ configFile: join(root, 'vite.config.ts'), logLevel: 'info', build: { watch: {} } });
console.log('dev: watching src/ (Ctrl+C to stop)');
