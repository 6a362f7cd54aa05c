import type { Migration } from '../migration';
import { m001Foundation } from './001-foundation';

/**
 * Every migration, in order. Append only. Numbers are reserved per capability so that work in
 * parallel does not collide: 1-9 foundation and booking, 10-19 printing, 20-29 sync,
 * 30-39 identification and check-in, 40-49 security and audit, 50-59 staff and UI.
 */
export const MIGRATIONS: readonly Migration[] = [m001Foundation];
