// Vite plugin: modulepreload links for chunks the page imports on demand at once.
import { relative, sep } from 'node:path';

/**
 * Adds `<link rel="modulepreload">` to the page for the chunk holding each of `modules` (the end of
 * a source path, such as `shared/contract.ts`) and the chunks it imports. Such a chunk is imported by code (`import()`) as
 * soon as the page starts, but Vite preloads only the entry's static imports: without the link the
 * browser asks for it only then, behind whatever the station is doing at that moment. Preloaded,
 * it is fetched and compiled with the page's own scripts, and evaluated only when imported.
 */
export function preloadOnDemand(modules) {
  let root = process.cwd();
  return {
    name: 'dosedesk-preload-on-demand',
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const chunks = Object.values(ctx.bundle).filter((c) => c.type === 'chunk');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const wanted = new Set();
        const add = (chunk) => {
          if (wanted.has(chunk.fileName)) return;
          wanted.add(chunk.fileName);
          for (const imported of chunk.imports) add(byFile.get(imported));
        };
        for (const module of modules) {
          const chunk = chunks.find((c) => c.moduleIds.some((id) => relative(root, id).split(sep).join('/').endsWith(module)));
          if (!chunk) throw new Error(`no chunk holds ${module}`);
          add(chunk);
        }
        const links = [...wanted].filter((file) => !html.includes(`/${file}"`)).map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' }));
        return { html, tags: links };
      },
    },
  };
}
