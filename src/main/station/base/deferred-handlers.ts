import type { MethodName } from '../../../shared/contract';
import type { Handlers } from './handlers';

/**
 * Handlers of a capability whose construction starts background work (the print queue, sync with
 * the federal backend): created by `start()`, or by the first call that needs one, whichever comes
 * first. The host starts them once it serves the page, so they cost nothing before.
 */
export class DeferredHandlers {
  private created: Partial<Handlers> | undefined;

  constructor(
    private readonly methods: readonly MethodName[],
    private readonly create: () => Partial<Handlers>,
  ) {}

  get started(): boolean {
    return this.created !== undefined;
  }

  start(): Partial<Handlers> {
    this.created ??= this.create();
    return this.created;
  }

  /**
   * Adds a getter per method to `handlers`: the dispatcher looks a handler up at each call, so it
   * gets the real one (with its awaiting mark), created on first use.
   */
  install(handlers: Partial<Handlers>): void {
    for (const method of this.methods) {
      Object.defineProperty(handlers, method, { enumerable: true, configurable: false, get: () => this.start()[method] });
    }
  }
}
