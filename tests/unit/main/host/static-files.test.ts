import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cacheControlOf, pageLanguage, readStatic, resolveInside, withLanguagePreload } from '../../../../src/main/host/static-files';
import { makeTempDir } from '../../../support/temp-dir';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('serving the renderer', () => {
  it('serves files inside the folder and index.html for /', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    writeFileSync(join(t.dir, 'index.html'), '<p>hi</p>');
    mkdirSync(join(t.dir, 'assets'));
    writeFileSync(join(t.dir, 'assets', 'a.js'), 'x');
    expect((await readStatic(t.dir, '/'))?.type).toMatch(/text\/html/);
    expect((await readStatic(t.dir, '/assets/a.js'))?.body.toString()).toBe('x');
  });

  it('lets the browser keep hashed assets for a year, and asks for index.html every time', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    writeFileSync(join(t.dir, 'index.html'), '<p>hi</p>');
    mkdirSync(join(t.dir, 'assets'));
    writeFileSync(join(t.dir, 'assets', 'vendor-BKhCoJVW.js'), 'x');
    expect((await readStatic(t.dir, '/assets/vendor-BKhCoJVW.js'))?.cacheControl).toBe('public, max-age=31536000, immutable');
    expect((await readStatic(t.dir, '/'))?.cacheControl).toBe('no-store');
    expect((await readStatic(t.dir, '/index.html'))?.cacheControl).toBe('no-store');
    for (const path of ['/assets/vendor.js', '/vendor-BKhCoJVW.js', '/assets/a/../vendor-BKhCoJVW.js', '/assets/vendor-BKhCoJVW.js.map']) expect(cacheControlOf(path), path).toBe('no-store');
  });

  it('refuses every path that leaves the folder', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const root = join(t.dir, 'renderer');
    mkdirSync(root);
    writeFileSync(join(t.dir, 'secret.txt'), 'secret');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/../../secret.txt', '/%2e%2e%5csecret.txt', '/a%00b', '/%E0%A4%A']) {
      expect(await readStatic(root, path), path).toBeNull();
    }
  });

  it('never resolves outside the folder, whatever the path (fuzzed)', () => {
    const root = '/srv/renderer';
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '%2f', '/', '\\', '%00', 'a', 'b.js'), fc.string()), { maxLength: 12 }), (parts) => {
        const resolved = resolveInside(root, '/' + parts.join('/'));
        return resolved === null || resolved === root || resolved.startsWith(root + '/');
      }),
      { numRuns: 10_000 },
    );
  });

  it('names the first language chunk in the page, chosen from Accept-Language as the screens choose it', () => {
    const page = Buffer.from('<html><head><title>DoseDesk</title></head><body></body></html>');
    const assets = ['index-Dh73DqkP.js', 'en-BDWiEYRm.js', 'nl-Bh2HUqIE.js', 'nl-Bh2HUqIE.js.map', 'fr-C3SoZNF4.js'];
    expect(pageLanguage('nl-BE,nl;q=0.9,en;q=0.5')).toBe('nl');
    expect(pageLanguage('es-ES')).toBe('en');
    expect(pageLanguage(undefined)).toBe('en');
    const dutch = withLanguagePreload(page, assets, pageLanguage('nl-BE')).toString();
    expect(dutch).toContain('<link rel="modulepreload" crossorigin href="./assets/nl-Bh2HUqIE.js">');
    expect(dutch.indexOf('modulepreload')).toBeLessThan(dutch.indexOf('</head>'));
    expect(dutch).not.toContain('en-BDWiEYRm');
    // No chunk for the language (a renderer built without it): the page as it is.
    expect(withLanguagePreload(page, assets, 'de').equals(page)).toBe(true);
  });
});
