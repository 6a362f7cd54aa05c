import { protocol } from 'electron';
import { contentSecurityPolicy, readStatic } from '../host/static-files';
import { APP_HOST, APP_SCHEME } from './security';

/**
 * app:// is registered as a standard, secure scheme before the app is ready. With `codeCache`,
 * Chromium keeps V8's compiled code of the screens between starts, as it does for http(s) pages
 * (a kiosk browser on the Node host reloads them from its cache the same way).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, codeCache: true } },
  ]);
}

/** Serves the built renderer with a strict CSP; any path leaving its folder is refused. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    const file = await readStatic(rendererDir, url.pathname);
    if (!file) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.type, 'Content-Security-Policy': contentSecurityPolicy("'none'"), 'X-Content-Type-Options': 'nosniff' },
    });
  });
}
