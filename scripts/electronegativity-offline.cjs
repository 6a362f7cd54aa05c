// Preloaded into the Electronegativity scanner by scripts/electronegativity.mjs. At start the scanner
// fetches translations with got 11; offline, under Node 24, got's retry timer throws after the
// request settled and the scanner dies without a report. That one request now fails at once, and the
// scanner goes on with its bundled English texts as it does whenever the fetch fails.
const Module = require('node:module');

const load = Module._load;
Module._load = function loadWithoutTranslationFetch(request, parent, ...rest) {
  if (request === 'got' && parent && /electronegativity[\\/]dist[\\/]locales[\\/]/.test(parent.filename)) {
    return () => Promise.reject(new Error('translations are not fetched: offline scan'));
  }
  return load.call(this, request, parent, ...rest);
};
