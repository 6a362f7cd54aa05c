import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, rendererDir } from './paths';

/** The built renderer's folder, or null when it is not built yet. */
export function builtRendererDir(): string | null {
  const dir = rendererDir();
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

/**
 * The host serves the built renderer. Right after `npm ci` nothing is built yet, so the first
 * start builds it with Vite (a few seconds) instead of failing.
 */
export async function ensureRendererBuilt(log: (line: string) => void): Promise<string> {
  const built = builtRendererDir();
  if (built) return built;
  const dir = rendererDir();
  log('Building the station screens (first start only)…');
  const { build } = await import('vite');
  await build({ configFile: join(projectRoot(), 'vite.config.ts'), logLevel: 'warn' });
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`renderer build produced no ${join(dir, 'index.html')}`);
  return dir;
}
