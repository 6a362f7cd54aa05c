import type { Db } from '../../adapters/sqlite/database';
import type { Clock } from '../../adapters/clock';
import type { SettingsStore } from '../../adapters/settings/settings-store';
import type { EventBus } from './event-bus';

/** What every use case of the station back end is given: its ports, nothing global. */
export interface StationContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly settings: SettingsStore;
  readonly events: EventBus;
  readonly dataDir: string;
  readonly transport: 'electron' | 'http';
  readonly startedAt: Date;
}
