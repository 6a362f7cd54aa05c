// Vite plugin: one module of messages per language, built from the shared catalogs.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const PREFIX = 'virtual:dosedesk-messages/';
const CATALOGS = fileURLToPath(new URL('../src/shared/i18n/catalogs/index.ts', import.meta.url));
const LANGUAGES = fileURLToPath(new URL('../src/shared/i18n/languages.ts', import.meta.url));

/**
 * `import('virtual:dosedesk-messages/nl')`: every catalog's messages for one language, so the
 * screens load the language on screen only (a quarter of the catalogs) and the others on demand.
 * Emitted as JSON.parse of a string, which Chromium parses faster than the same object literal.
 */
export function messagesPerLanguage() {
  // Read once per build, so an edited catalog is in the next build.
  let sources;
  return {
    name: 'dosedesk-messages',
    buildStart() {
      sources = undefined;
    },
    resolveId: {
      filter: { id: /^virtual:dosedesk-messages\// },
      handler: (id) => `\0${id}`,
    },
    load: {
      filter: { id: /^\0virtual:dosedesk-messages\// },
      handler: async function (id) {
        const lang = id.slice(PREFIX.length + 1);
        sources ??= Promise.all([tsImport(CATALOGS, import.meta.url), tsImport(LANGUAGES, import.meta.url)]);
        const [{ catalogs }, { LANGUAGES: languages }] = await sources;
        if (!languages.includes(lang)) this.error(`no catalog for language "${lang}"`);
        const messages = Object.assign({}, ...catalogs.map((c) => c[lang]));
        this.addWatchFile(CATALOGS);
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(messages))});`;
      },
    },
  };
}
