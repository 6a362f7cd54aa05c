import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { messagesPerLanguage } from './scripts/vite-messages.mjs';
import { preloadOnDemand } from './scripts/vite-preload.mjs';

const root = fileURLToPath(new URL('./src/renderer', import.meta.url));

// The renderer is static files served by Electron's app:// protocol or the Node host: the sign-in
// entry, a vendor chunk (React, i18next, zod) that changes only with dependencies, one lazily loaded
// chunk per role screen and one per language's messages. Vite adds <link rel="modulepreload"> for the entry's own imports,
// preloadOnDemand for the contract, imported with the first call.
export default defineConfig({
  root,
  base: './',
  // The contract's schemas are imported with the page's first call (src/renderer/api/transport.ts).
  plugins: [react(), messagesPerLanguage(), preloadOnDemand(['shared/contract.ts'])],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    modulePreload: { polyfill: false }, // Chromium 120 preloads modules natively: no inline polyfill
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|i18next|react-i18next|use-sync-external-store|zod)[\\/]/ }],
        },
      },
    },
  },
});
