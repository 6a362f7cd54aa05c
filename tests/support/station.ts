import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openConfSettings } from '../../src/main/adapters/settings/conf-settings';
import { openStation, type Station, type StationOptions } from '../../src/main/station/station';
import type { Clock } from '../../src/main/adapters/clock';
import type { Db } from '../../src/main/adapters/sqlite/database';
import type { Settings } from '../../src/shared/settings';
import type { CallInfo, Handlers } from '../../src/main/station/base/handlers';
import type { StaffRole } from '../../src/shared/api/staff';
import type { Language } from '../../src/shared/i18n/languages';
import type { ArgsOf, MethodName, ResultOf } from '../../src/shared/contract';
import type { Actor } from '../../src/main/station/booking/appointments';
import type { BookingOptions } from '../../src/main/station/booking/administer';
import { createDispatcher } from '../../src/main/station/dispatcher';
import { visitHandlers } from '../../src/main/station/visit-handlers';
import { createTestStaff } from './test-staff';
import { makeTempDir } from './temp-dir';

export interface TestStationOptions<C extends Clock = Clock> {
  clock?: C;
  settings?: Partial<Settings>;
  dataDir?: string;
  /**
   * Several stations of one centre in one folder: this one lives in `<dir>/<stationId>`, named
   * `stationId` of `centreId` ('test-centre' unless given). The caller removes `dir`.
   */
  dir?: string;
  stationId?: string;
  centreId?: string;
  /**
   * Staff roles are checked, as on every production host: call with signedInCall(station, role).
   * `false` switches them off, for the rare test of another boundary; say why where you do it.
   */
  enforceRoles?: boolean;
  /** Unencrypted unless given (faster); the host and Electron always encrypt. */
  databaseKey?: string;
  lockAfterSeconds?: number;
  /** Print queue and sync start with the first call that needs them, not at open (see StationOptions). */
  deferServices?: boolean;
  /** Pauses and time-outs of the citizen message worker. */
  messages?: StationOptions['messages'];
}

/** Idle seconds before a session locks, for tests whose manual clock jumps weeks between doses. */
export const NO_IDLE_LOCK = 100 * 365 * 24 * 3600;

export type TestStation<C extends Clock = Clock> = Station & {
  dataDir: string;
  db: Db;
  clock: C;
  stationId: string;
  centreId: string;
  /** What the station logged (the dispatcher's failures), for error messages. */
  logs: string[];
  /** The actor of a use case called directly, inside a test's own transaction. */
  actor(by?: string): Actor;
  cleanup: () => void;
};

function folderOf(options: TestStationOptions<Clock>): { dir: string; cleanup: () => void } {
  if (options.dataDir) return { dir: options.dataDir, cleanup: () => {} };
  if (options.dir) {
    const dir = join(options.dir, options.stationId ?? 'station-1');
    mkdirSync(dir, { recursive: true });
    return { dir, cleanup: () => {} };
  }
  return makeTempDir();
}

/** A real station on a real SQLite file in a temp folder (or `dir/stationId`), roles enforced. */
export function openTestStation<C extends Clock = Clock>(options: TestStationOptions<C> = {}): TestStation<C> {
  const temp = folderOf(options);
  const identity: Partial<Settings> =
    options.stationId || options.centreId
      ? { stationId: options.stationId ?? 'station-1', centreId: options.centreId ?? 'test-centre', centreName: 'Test centre' }
      : {};
  const settings = openConfSettings(temp.dir, { dataDir: temp.dir, ...identity, ...options.settings });
  const logs: string[] = [];
  const station = openStation({
    dataDir: temp.dir,
    settings,
    transport: 'http',
    statusIntervalMs: 0,
    log: (line) => logs.push(line),
    enforceRoles: options.enforceRoles ?? true,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.databaseKey ? { databaseKey: options.databaseKey } : {}),
    ...(options.lockAfterSeconds !== undefined ? { lockAfterSeconds: options.lockAfterSeconds } : {}),
    ...(options.deferServices ? { deferServices: true } : {}),
    ...(options.messages ? { messages: options.messages } : {}),
  });
  const { stationId, centreId } = settings.get();
  return Object.assign(station, {
    dataDir: temp.dir,
    db: station.ctx.db,
    clock: station.ctx.clock as C,
    stationId,
    centreId,
    logs,
    actor: (by = 'tester'): Actor => ({ stationId, centreId, now: station.ctx.clock.now(), by }),
    cleanup: () => {
      try {
        station.close();
      } catch {
        // already closed by the test
      }
      temp.cleanup();
    },
  });
}

/**
 * A CallInfo of a staff member holding these roles, signed in on the station (a new person each
 * time, PIN 1234 hashed with cheap test parameters). Use it where a test needs `call.staff` or runs
 * with enforceRoles on.
 */
export function signedInCall(
  station: Station,
  role: StaffRole | readonly StaffRole[],
  options: { language?: Language; displayName?: string; nihdi?: string } = {},
): CallInfo & { sessionId: string; staff: NonNullable<CallInfo['staff']> } {
  const roles = typeof role === 'string' ? [role] : [...role];
  const staff = createTestStaff(station.ctx.db, station.ctx.clock, roles, options.displayName, options.nihdi);
  const session = station.security.sessions.open(staff.id, 'tab');
  return { language: options.language ?? 'en', transport: 'http', sessionId: session.id, staff };
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

type NamedPerson = { nihdi: string; name: string; role?: StaffRole };

/** Who a call names as its vaccinator or corrector (`vaccinator`, or `by` as an object). */
function namedPerson(args: unknown): NamedPerson | undefined {
  const a = (args ?? {}) as { vaccinator?: NamedPerson; by?: NamedPerson | string };
  return a.vaccinator ?? (typeof a.by === 'object' ? a.by : undefined);
}

const signedIn = new WeakMap<Station, Map<string, CallInfo>>();

/**
 * The person signed in for a call: the one it names, in the role it names (a correction by a
 * supervisor is made by a supervisor), else one person holding `roles`. The same person across
 * calls, as at a booth. A supervisor keeps a number of their own: the NIHDI a correction names for
 * one is not checked against the session.
 */
function callerFor(station: TestStation<Clock>, roles: readonly StaffRole[], person: NamedPerson | undefined): CallInfo {
  const known = signedIn.get(station) ?? new Map<string, CallInfo>();
  signedIn.set(station, known);
  const as = person?.role ? [person.role] : roles;
  const nihdi = person && !as.includes('supervisor') ? person.nihdi : undefined;
  const key = `${[...as].sort().join('+')}|${person?.name ?? ''}|${nihdi?.replace(/\D/g, '') ?? ''}`;
  let call = known.get(key);
  if (!call) {
    call = signedInCall(station, as, { ...(person ? { displayName: person.name } : {}), ...(nihdi ? { nihdi } : {}) });
    known.set(key, call);
  }
  return call;
}

/**
 * The station's API called as a signed-in staff member holding `roles`, through the station's own
 * dispatcher (roles checked, schemas checked both ways, audit written). A call that names a
 * vaccinator is made by that person signed in, since the back end records the signed-in one.
 * `booking` replaces the booking options (e.g. a print queue that fails) for this API only.
 */
export function stationApi(station: TestStation<Clock>, role: StaffRole | readonly StaffRole[], options: { booking?: BookingOptions } = {}) {
  const roles = typeof role === 'string' ? [role] : [...role];
  const dispatch = options.booking
    ? createDispatcher({ ...station.handlers, ...visitHandlers(station.ctx, options.booking) } as unknown as Handlers, (l) => station.logs.push(l), station.security)
    : station.dispatch;
  return {
    logs: station.logs,
    async call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
      const envelope = await dispatch(method, args, callerFor(station, roles, namedPerson(args)));
      if (!envelope.ok) throw new ApiError(envelope.error.code, `${envelope.error.message} ${station.logs.join(' | ')}`);
      return envelope.result as ResultOf<M>;
    },
  };
}

/** Expects a call to fail with this code. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError && error.code === code) return;
    throw new Error(`expected ${code}, got ${(error as Error).message}`, { cause: error });
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}
