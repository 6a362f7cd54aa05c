import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { BUNDLED_PACKAGES, CLI_NODE_FLAGS, STATION_NODE_FLAGS, cliBuildOptions, cliNodeArgs, cliStaleReason, writeCliStamp } from '../../../scripts/cli-bundle.mjs';
import { makeTempDir } from '../../support/temp-dir';

// Fixed instants, not the real clock: the build began at BUILT; files are dated before or after it.
const BUILT = Date.parse('2026-05-06T09:00:00Z');
const BEFORE = new Date(BUILT - 60_000);
const AFTER = new Date(BUILT + 60_000);

const temps: { cleanup: () => void }[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

/** A project copy in a temp folder: two sources, a bundle folder with one output and its stamp. */
function project() {
  const temp = makeTempDir('dosedesk-cli-stamp-');
  temps.push(temp);
  const base = temp.dir;
  const out = join(base, 'dist', 'cli');
  mkdirSync(join(base, 'src'), { recursive: true });
  mkdirSync(out, { recursive: true });
  for (const f of ['src/a.ts', 'src/b.ts']) {
    writeFileSync(join(base, f), 'export {};\n');
    utimesSync(join(base, f), BEFORE, BEFORE);
  }
  writeFileSync(join(out, 'main.mjs'), '');
  writeFileSync(join(out, 'stamp.json'), JSON.stringify({ builtFromMs: BUILT, inputs: ['src/a.ts', 'src/b.ts'], outputs: ['main.mjs'] }));
  return { base, out };
}

describe('the built command line is rebuilt when stale', () => {
  it('is current when no source it was built from changed since the build began', () => {
    const { base, out } = project();
    expect(cliStaleReason(out, base)).toBeNull();
  });

  it('is stale when a source was touched after the build began', () => {
    const { base, out } = project();
    utimesSync(join(base, 'src/b.ts'), AFTER, AFTER);
    expect(cliStaleReason(out, base)).toBe('src/b.ts changed');
  });

  it('is stale when a source is gone, an output is missing, or it was never built', () => {
    const a = project();
    rmSync(join(a.base, 'src/a.ts'));
    expect(cliStaleReason(a.out, a.base)).toBe('src/a.ts is gone');
    const b = project();
    rmSync(join(b.out, 'main.mjs'));
    expect(cliStaleReason(b.out, b.base)).toBe('main.mjs is missing');
    const c = project();
    rmSync(join(c.out, 'stamp.json'));
    expect(cliStaleReason(c.out, c.base)).toBe('not built yet');
  });

  it('stamps a real esbuild build with the project sources it read, and of the packages only the package.json of those built in', async () => {
    const temp = makeTempDir('dosedesk-cli-build-');
    temps.push(temp);
    const result = await build({ ...cliBuildOptions(temp.dir), logLevel: 'silent' });
    // Build start times at both ends of time, so that the checkout's own file dates do not matter.
    writeCliStamp(temp.dir, result.metafile!, 0);
    expect(cliStaleReason(temp.dir)).toMatch(/ changed$/);
    writeCliStamp(temp.dir, result.metafile!, Number.MAX_SAFE_INTEGER);
    expect(cliStaleReason(temp.dir)).toBeNull();
    const stamp = JSON.parse(readFileSync(join(temp.dir, 'stamp.json'), 'utf8')) as { inputs: string[]; outputs: string[] };
    expect(stamp.inputs).toContain('src/cli/main.ts');
    expect(stamp.inputs).toContain('src/cli/commands/centre.ts');
    // Of the packages, only those built in, by their package.json: a new install rebuilds.
    expect(stamp.inputs.filter((p) => p.includes('node_modules'))).toEqual(BUNDLED_PACKAGES.map((name) => `node_modules/${name}/package.json`));
    expect(stamp.outputs).toEqual(expect.arrayContaining(['main.mjs', 'station-process.mjs', 'integrity-worker.mjs']));
    // What loads before the page is served (the host command and its page server) and the threads
    // the host starts beside the station load only what they use: never zod and the contract.
    const outputs = result.metafile!.outputs;
    const staticallyReached = (output: string): Set<string> => {
      const seen = new Set<string>();
      const visit = (file: string) => {
        for (const imported of outputs[file]?.imports ?? []) {
          if (imported.kind !== 'import-statement' || seen.has(imported.path)) continue;
          seen.add(imported.path);
          visit(imported.path);
        }
      };
      visit(output);
      return seen;
    };
    const hostCommand = Object.keys(outputs).find((o) => Object.keys(outputs[o]!.inputs).some((i) => i.endsWith('src/cli/commands/host.ts')))!;
    const workers = Object.keys(outputs).filter((o) => ['/integrity-worker.mjs', '/checkpoint-worker.mjs'].some((w) => o.endsWith(w)));
    expect(workers).toHaveLength(2);
    const holdsZod = (file: string) => file === 'zod' || file.startsWith('zod/') || Object.keys(outputs[file]?.inputs ?? {}).some((i) => i.includes('node_modules/zod/'));
    expect(Object.keys(outputs).some(holdsZod)).toBe(true); // built in, so the check below can see it
    // Imported as a namespace (`import * as z`), zod is built in with what the code uses: not its
    // error messages in forty languages, nor its reader of JSON Schema (738 KB of chunk, against about 200 KB).
    const zodInputs = Object.values(outputs).flatMap((o) => Object.entries(o.inputs).filter(([i, used]) => i.includes('node_modules/zod/') && used.bytesInOutput > 0).map(([i]) => i));
    expect(zodInputs.filter((i) => /\/locales\/(?!en\.)|from-json-schema/.test(i))).toEqual([]);
    for (const output of [hostCommand, ...workers]) {
      expect([output, ...staticallyReached(output)].filter(holdsZod)).toEqual([]);
    }
    // node:http is taken through require: no output makes Node build its ES facade (which loads undici).
    const esmHttp = stamp.outputs.filter((o) => o.endsWith('.mjs') && /from\s*"node:http"/.test(readFileSync(join(temp.dir, o), 'utf8')));
    expect(esmHttp).toEqual([]);
    expect(stamp.outputs.some((o) => o.endsWith('.mjs') && readFileSync(join(temp.dir, o), 'utf8').includes('createRequire(import.meta.url)("node:http")'))).toBe(true);
  });

  it('runs the station processes (the host, the simulator\'s stations) with the station flags, other commands without them', () => {
    expect(cliNodeArgs('host', '--demo').slice(0, STATION_NODE_FLAGS.length)).toEqual([...STATION_NODE_FLAGS]);
    expect(cliNodeArgs('parse', 'x').slice(0, CLI_NODE_FLAGS.length + 1)).toEqual([...CLI_NODE_FLAGS, expect.stringMatching(/main\.mjs$/)]);
    expect(CLI_NODE_FLAGS).toContain('--enable-source-maps');
    expect(STATION_NODE_FLAGS.some((f) => f.startsWith('--min-semi-space-size='))).toBe(true);
    const stationLink = readFileSync(join(__dirname, '../../../src/simulator/station-link.ts'), 'utf8');
    const built = /const EXEC_ARGV = BUILT \? \[([^\]]*)\]/.exec(stationLink)?.[1] ?? '';
    expect(built.split(',').map((f) => f.trim().replace(/^'|'$/g, ''))).toEqual([...STATION_NODE_FLAGS]);
  });
});
