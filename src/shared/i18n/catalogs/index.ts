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
import { checkin } from './checkin';
import { products } from './products';
import { vials } from './vials';
import { standby } from './standby';
import { capacity } from './capacity';
import { centreEnrol } from './centre-enrol';
import { imports } from './imports';
import { centre } from './centre';
import { staffCatalog } from './staff';
import { messages } from './messages';
import { observation } from './observation';
import { visit } from './visit';
import { rules } from './rules';
import { screening } from './screening';

/**
 * Every namespace of messages. Capabilities add their own catalog file here; keys are flat and
 * prefixed by capability (e.g. `identity.`), so catalogs merge without collisions.
 */
export const catalogs: readonly Catalog[] = [core, ui, printing, cardreader, identity, booking, sync, security, reports, checkin, products, vials, standby, capacity, centreEnrol, imports, centre, staffCatalog, messages, observation, visit, rules, screening];
