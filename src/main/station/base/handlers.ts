import type { MethodName, ParsedArgsOf, ResultOf } from '../../../shared/contract';
import type { Language } from '../../../shared/i18n/languages';
import type { SignedInStaff } from '../../../shared/api/staff';
import type { Db } from '../../adapters/sqlite/database';
import { standaloneUnit, type UnitOfWork } from './unit-of-work';

/** Who is calling: the language of error messages, the staff session, and for the audit trail. */
export interface CallInfo {
  readonly language: Language;
  readonly transport: 'electron' | 'http';
  /** The caller's session: the id the browser tab sent (X-DoseDesk-Session) or its Electron window's. */
  readonly sessionId?: string;
  /** 'window': the transport fixed the id (Electron, one session per window); 'tab': the page sent it. */
  readonly sessionKind?: 'tab' | 'window';
  /**
   * The signed-in, unlocked staff member, set by the dispatcher after its role check (never by a
   * transport). Handlers take the actor (vaccinator, who corrected what) from here, not from arguments.
   */
  readonly staff?: SignedInStaff;
  /** The call's unit of work, set by the dispatcher: its transaction and the records its audit entry names. */
  readonly work?: UnitOfWork;
}

/** A plain handler runs synchronously inside its call's transaction (see unit-of-work.ts). */
export type PlainHandler<M extends MethodName> = (args: ParsedArgsOf<M>, call: CallInfo) => ResultOf<M>;

const AWAITS = Symbol('awaits');

/** A handler that awaits (PIN hashing, network, a printer) before or between its writes; it writes through `call.work.transaction`. */
export interface AwaitingHandler<M extends MethodName> {
  (args: ParsedArgsOf<M>, call: CallInfo): Promise<ResultOf<M>>;
  readonly [AWAITS]: true;
}

export type Handler<M extends MethodName> = PlainHandler<M> | AwaitingHandler<M>;

/** Declares a handler that awaits: the dispatcher then lets it open the call's transaction itself. */
export function awaiting<A, R>(fn: (args: A, call: CallInfo) => Promise<R>): ((args: A, call: CallInfo) => Promise<R>) & { readonly [AWAITS]: true } {
  return Object.assign(fn, { [AWAITS]: true as const });
}

export function isAwaiting(handler: unknown): boolean {
  return typeof handler === 'function' && AWAITS in handler;
}

/** The call's unit of work, or plain transactions when a handler is called directly (tests, tools). */
export function workOf(call: CallInfo, db: Db): UnitOfWork {
  return call.work ?? standaloneUnit(db);
}

export type Handlers = { [M in MethodName]: Handler<M> };

/** A capability's share of the handlers: exactly the methods of its own contract map. */
export type HandlersFor<T> = { [M in keyof T & MethodName]: Handler<M> };

/** Who did it, as stored in change rows: the signed-in person, or `anonymous` on an unenforced test station. */
export function actorLabel(call: CallInfo): string {
  return call.staff ? `staff:${call.staff.id}` : 'anonymous';
}
