import type { Catalog } from '../types';
import { core } from './core';
import { ui } from './ui';

/**
 * Every namespace of messages. Capabilities add their own catalog file here; keys are flat and
 * prefixed by capability (e.g. `identity.`), so catalogs merge without collisions.
 */
export const catalogs: readonly Catalog[] = [core, ui];
