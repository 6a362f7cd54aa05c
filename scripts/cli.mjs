// `npm run cli -- <command>`: the built command line, rebuilt first when a source changed since.
import { pathToFileURL } from 'node:url';
import { CLI_ENTRY, ensureCliBuilt } from './cli-bundle.mjs';

// Before the bundle loads, so that its stack traces point to the TypeScript sources.
process.setSourceMapsEnabled(true);
await ensureCliBuilt();
await import(pathToFileURL(CLI_ENTRY).href);
