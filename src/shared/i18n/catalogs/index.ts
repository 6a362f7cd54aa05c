import type { Catalog } from '../types';
import { core } from './core';
import { identity } from './identity';
import { cardreader } from './cardreader';
import { printing } from './printing';
import { ui } from './ui';
import { booking } from './booking';
import { sync } from './sync';
import { security } from './security';
import { reports } from './reports';
import { checkinLog } from './checkin-log';
import { imports } from './imports';

/**
 * Every namespace of messages. Capabilities add their own catalog file here; keys are flat and
 * prefixed by capability (e.g. `identity.`), so catalogs merge without collisions.
 */
export const catalogs: readonly Catalog[] = [core, ui, printing, cardreader, identity, booking, sync, security, reports, checkinLog, imports];
