import { join } from 'node:path';

/** The project's root folder, wherever a test file sits in the tree that mirrors `src/`. */
export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');
