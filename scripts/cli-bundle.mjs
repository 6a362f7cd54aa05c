// The operator command line as one built bundle (dist/cli): Node starts it in a fraction of the
// time tsx needs to transpile the sources. Rebuilt by esbuild (well under a second) whenever a file
// it was built from changed since; the renderer is never rebuilt for a command-line call.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the bundle lives; `main.mjs` is the command line, `station-process.mjs` the simulator's station. */
export const CLI_DIR = join(root, 'dist', 'cli');
export const CLI_ENTRY = join(CLI_DIR, 'main.mjs');
const STAMP = 'stamp.json';

/** Node flags of a built command's process: stack traces that point to the TypeScript. */
export const CLI_NODE_FLAGS = ['--enable-source-maps'];

/**
 * A station's process (the host, the simulator's stations) also starts with a young generation of
 * 32 MB: loading and opening a station allocates fast enough that the default (starting at 1 MB)
 * spent 0.1-0.18 s of its start in garbage collection here, against under 5 ms so, for about 11 MB
 * more memory. Not for other commands: setting it up costs a short command 30-40 ms.
 */
export const STATION_NODE_FLAGS = [...CLI_NODE_FLAGS, '--min-semi-space-size=32', '--max-semi-space-size=32'];

/** Node arguments that run a command of the built CLI (see CLI_NODE_FLAGS and STATION_NODE_FLAGS). */
export function cliNodeArgs(...args) {
  return [...(args[0] === 'host' ? STATION_NODE_FLAGS : CLI_NODE_FLAGS), CLI_ENTRY, ...args];
}

/**
 * Why the bundle in `dir` must be (re)built, or null when it is current: missing, or a file it was
 * built from (esbuild's metafile inputs, kept in stamp.json) is gone or changed after the build began.
 */
export function cliStaleReason(dir = CLI_DIR, base = root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(dir, STAMP), 'utf8'));
  } catch {
    return 'not built yet';
  }
  for (const output of stamp.outputs ?? []) if (!existsSync(join(dir, output))) return `${output} is missing`;
  for (const input of stamp.inputs ?? []) {
    let mtimeMs;
    try {
      ({ mtimeMs } = statSync(join(base, input)));
    } catch {
      return `${input} is gone`;
    }
    if (mtimeMs >= stamp.builtFromMs) return `${input} changed`;
  }
  return null;
}

/**
 * `import { createServer } from 'node:http'` in an ES module makes Node build the module's ES
 * facade, which reads every export, lazy ones included: node:http's WebSocket and friends load
 * undici (30-60 ms of a start, here). Taken through `require` instead, only what is used is read.
 */
const httpThroughRequire = {
  name: 'http-through-require',
  setup(build) {
    build.onResolve({ filter: /^(node:)?http$/ }, () => ({ path: 'node:http', namespace: 'required-builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'required-builtin' }, (args) => {
      // Its plain exports by name (the lazy ones are getters: left out, never read).
      const descriptors = Object.getOwnPropertyDescriptors(createRequire(import.meta.url)(args.path));
      const names = Object.keys(descriptors).filter((name) => 'value' in descriptors[name] && /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
      const lines = [`import { createRequire } from 'node:module';`, `const m = createRequire(import.meta.url)(${JSON.stringify(args.path)});`, 'export default m;'];
      for (const name of names) lines.push(`export const ${name} = m.${name};`);
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

/**
 * The packages built into the bundle; every other one loads from node_modules as it is. zod is
 * about a hundred small ES modules: Node resolved, read, compiled and linked each at every station
 * start (90-100 ms of the main thread here, against 40-50 ms for the same code in one chunk).
 */
export const BUNDLED_PACKAGES = ['zod'];

/** The package a bare specifier names ('zod/v4/core' → 'zod', '@scope/x/y' → '@scope/x'). */
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Bare specifiers stay imports (as `packages: 'external'` would), except the bundled packages'. */
const externalPackagesBut = {
  name: 'external-packages-but',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.includes(packageOf(args.path)) ? undefined : { path: args.path, external: true }));
  },
};

/** esbuild options of the CLI bundle (shared by the one-off build and the watch mode). */
export function cliBuildOptions(outdir = CLI_DIR) {
  return {
    entryPoints: {
      main: join(root, 'src/cli/main.ts'),
      'station-process': join(root, 'src/simulator/station-process.ts'),
      // The host's integrity check on another thread (src/main/adapters/sqlite/background-integrity.ts).
      'integrity-worker': join(root, 'src/main/adapters/sqlite/integrity-worker.ts'),
      // A new demo folder's checkpoint after its seed (src/main/adapters/sqlite/background-checkpoint.ts).
      'checkpoint-worker': join(root, 'src/main/adapters/sqlite/checkpoint-worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    // Chunks beside the entries: each command's modules (and the packages they import) load only when it runs.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [httpThroughRequire, externalPackagesBut],
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  };
}

/**
 * Writes the stamp that cliStaleReason reads: inputs outside node_modules, the package.json of each
 * bundled package (a new install of one rewrites it), outputs, build start time.
 */
export function writeCliStamp(dir, metafile, builtFromMs, base = root) {
  const inputs = Object.keys(metafile.inputs)
    .filter((p) => !p.includes('node_modules/') && !p.startsWith('required-builtin:'))
    .map((p) => relative(base, resolve(process.cwd(), p)));
  // By the checkout's own node_modules path: esbuild names a symlinked node_modules by its target.
  const packages = new Set(Object.keys(metafile.inputs).flatMap((p) => /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1] ?? []));
  for (const name of packages) inputs.push(`node_modules/${name}/package.json`);
  const outputs = Object.keys(metafile.outputs).map((p) => relative(dir, resolve(process.cwd(), p)));
  writeFileSync(join(dir, STAMP), `${JSON.stringify({ builtFromMs, inputs, outputs })}\n`);
}

/**
 * Builds the bundle into a fresh folder and swaps it in, so that a process starting meanwhile
 * never sees half of one build and half of another.
 */
export async function buildCli() {
  const { build } = await import('esbuild');
  const builtFromMs = Date.now();
  const fresh = `${CLI_DIR}.new-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  const result = await build(cliBuildOptions(fresh));
  writeCliStamp(fresh, result.metafile, builtFromMs);
  const old = `${CLI_DIR}.old-${process.pid}`;
  if (existsSync(CLI_DIR)) renameSync(CLI_DIR, old);
  renameSync(fresh, CLI_DIR);
  rmSync(old, { recursive: true, force: true });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Rebuilds the CLI bundle when it is stale (or always, with `force`). Several processes may ask at once (test workers, the
 * simulator's stations): one builds under a lock folder, the others wait and find it current.
 */
export async function ensureCliBuilt({ force = false, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  if (!force && !cliStaleReason()) return false;
  const lock = `${CLI_DIR}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 50) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A builder killed mid-way leaves its lock: after 60 s it is taken over.
      if (waited > 60_000 || Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
      await sleep(50);
    }
  }
  try {
    const reason = cliStaleReason();
    if (!force && !reason) return false;
    if (!force) log(`DoseDesk: building the command line (${reason})…`);
    await buildCli();
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
