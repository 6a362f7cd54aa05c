import type { MethodName, ParsedArgsOf, ResultOf } from '../../shared/contract';
import type { Language } from '../../shared/i18n/languages';

/** Who is calling: used for translation of errors and, later, for staff roles and audit. */
export interface CallInfo {
  readonly language: Language;
  readonly transport: 'electron' | 'http';
}

export type Handler<M extends MethodName> = (args: ParsedArgsOf<M>, call: CallInfo) => Promise<ResultOf<M>> | ResultOf<M>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** A capability's share of the handlers: exactly the methods of its own contract map. */
export type HandlersFor<T> = { [M in keyof T & MethodName]: Handler<M> };
