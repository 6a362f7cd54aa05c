import type { MethodName, ParsedArgsOf, ResultOf } from '../../shared/contract';
import type { Language } from '../../shared/i18n/languages';
import type { SignedInStaff } from '../../shared/api/staff';

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
}

export type Handler<M extends MethodName> = (args: ParsedArgsOf<M>, call: CallInfo) => Promise<ResultOf<M>> | ResultOf<M>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** A capability's share of the handlers: exactly the methods of its own contract map. */
export type HandlersFor<T> = { [M in keyof T & MethodName]: Handler<M> };
