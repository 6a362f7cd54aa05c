import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

/**
 * Resolves a URL path inside the renderer folder, refusing anything that would leave it
 * (`..`, encoded slashes, absolute paths). Shared by the Node host and Electron's app:// protocol.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const full = resolve(base, relative);
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Cache-Control for this file: see cacheControlOf. */
  cacheControl: string;
}

/** Vite's build names: `assets/<name>-<8 url-safe characters of content hash>.<ext>`. */
const HASHED_ASSET = /^\/assets\/[A-Za-z0-9_.-]+-[A-Za-z0-9_-]{8}\.(js|css|woff2|ttf|svg|png)$/;

/**
 * A hashed asset never changes under its name, so the browser may keep it for a year without
 * asking again; anything else (index.html, which names the current assets) is fetched every time.
 */
export function cacheControlOf(urlPath: string): string {
  return HASHED_ASSET.test(urlPath.split('?')[0]!) ? 'public, max-age=31536000, immutable' : 'no-store';
}

export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  const file = resolveInside(root, urlPath);
  if (!file) return null;
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
    return { body: await readFile(file), type: TYPES[extname(file)] ?? 'application/octet-stream', cacheControl: cacheControlOf(urlPath) };
  } catch {
    return null;
  }
}

/** The screens' language for a browser's Accept-Language: the rule of languageFromLocale (src/shared/i18n/languages.ts), without its schema. */
export function pageLanguage(acceptLanguage: string | undefined): 'nl' | 'fr' | 'de' | 'en' {
  const tag = (acceptLanguage ?? '').trim().toLowerCase().slice(0, 2);
  return tag === 'nl' || tag === 'fr' || tag === 'de' ? tag : 'en';
}

/**
 * The page with its first language's messages preloaded: the entry asks for that chunk only once
 * it runs, so naming it in the page saves the browser one round trip before the first screen.
 */
export function withLanguagePreload(page: Buffer, assetNames: readonly string[], language: string): Buffer {
  const chunk = assetNames.find((name) => name.startsWith(`${language}-`) && HASHED_ASSET.test(`/assets/${name}`) && name.endsWith('.js'));
  const html = page.toString('utf8');
  if (!chunk || !html.includes('</head>')) return page;
  return Buffer.from(html.replace('</head>', `  <link rel="modulepreload" crossorigin href="./assets/${chunk}">\n  </head>`), 'utf8');
}

/** The renderer loads only its own code and talks only to its own origin. */
export function contentSecurityPolicy(connectSrc = "'self'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
