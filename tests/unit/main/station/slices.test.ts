import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../../src/shared/contract';
import { PROJECT_ROOT } from '../../../support/paths';

/**
 * The shape of the back end (issue 12): one contract namespace = one folder of src/main/station
 * with its handlers, and no import loops between folders or between files.
 */
const SRC = join(PROJECT_ROOT, 'src');
const STATION = join(SRC, 'main', 'station');
/** Namespaces served by a folder of another name (the shell answers the station's own methods). */
const FOLDER_OF: Record<string, string> = { station: 'shell', settings: 'shell' };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Relative imports of every source file, resolved to files (type-only imports count: they tie modules too). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const targets: string[] = [];
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const base = normalize(join(dirname(file), m[1]!));
      const hit = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((c) => existsSync(c) && statSync(c).isFile());
      if (hit) targets.push(hit);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected groups of more than one node: each is an import loop. */
function loops(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.map((f) => relative(PROJECT_ROOT, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The folder a file belongs to: a slice of the station, an adapter, or a top-level part of src. */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split('/');
  if ((parts[0] === 'main' && (parts[1] === 'station' || parts[1] === 'adapters')) && parts.length > 3) return parts.slice(0, 3).join('/');
  if ((parts[0] === 'main' || parts[0] === 'domain' || parts[0] === 'devices') && parts.length > 2) return parts.slice(0, 2).join('/');
  return parts.length > 1 ? parts[0]! : '(root)';
}

describe('the back end is laid out by slice (issue 12)', () => {
  it('serves each contract namespace from its own folder of src/main/station', () => {
    const namespaces = [...new Set(METHOD_NAMES.map((m) => m.split('.')[0]!))];
    expect(namespaces.length).toBeGreaterThan(10);
    const missing = namespaces.filter((ns) => !existsSync(join(STATION, FOLDER_OF[ns] ?? ns, 'handlers.ts')));
    expect(missing).toEqual([]);
    for (const ns of namespaces) {
      const handlers = readFileSync(join(STATION, FOLDER_OF[ns] ?? ns, 'handlers.ts'), 'utf8');
      expect(handlers, ns).toMatch(new RegExp(`'${ns}\\.`));
    }
  });

  it('has no import loop between files', () => {
    expect(loops(importGraph())).toEqual([]);
  });

  it('has no import loop between folders', () => {
    const files = importGraph();
    const folders = new Map<string, string[]>();
    for (const [file, targets] of files) {
      const from = folderOf(file);
      const to = targets.map(folderOf).filter((t) => t !== from);
      folders.set(from, [...new Set([...(folders.get(from) ?? []), ...to])]);
    }
    expect(loops(new Map([...folders].map(([k, v]) => [join(PROJECT_ROOT, k), v.map((t) => join(PROJECT_ROOT, t))])))).toEqual([]);
  });

  it('finds a loop when there is one (the checker itself)', () => {
    const a = join(PROJECT_ROOT, 'a');
    const b = join(PROJECT_ROOT, 'b');
    expect(loops(new Map([[a, [b]], [b, [a]]]))).toEqual([['a', 'b']]);
  });
});
