import type { productsMethods } from '../../../shared/api/products';
import type { StationContext } from '../base/context';
import type { HandlersFor } from '../base/handlers';
import { configureProduct, listProducts } from './products';
import type { DoseInterval } from '../../../domain/vaccines/products';

export interface ProductsDeps {
  /** A changed interval, told to the dated rules (wired by the station root) in the same transaction. */
  intervalChanged?: (code: string, interval: DoseInterval, by: string, reason: string, now: Date) => void;
}

/** The handlers of products.* methods. */
export function productsHandlers(ctx: StationContext, deps: ProductsDeps = {}): HandlersFor<typeof productsMethods> {
  const db = ctx.db;
  const now = () => ctx.clock.now();
  return {
    'products.list': () => listProducts(db),
    // The history names the signed-in supervisor, not whatever name the caller sent.
    'products.configure': (a, call) => {
      const by = call.staff?.displayName ?? a.by;
      const product = configureProduct(db, { ...a, ...(a.interval ? { interval: a.interval } : {}), by }, now());
      if (a.interval) deps.intervalChanged?.(a.code, a.interval, by, a.reason, now());
      return product;
    },
  };
}
