import type { productsMethods } from '../../../shared/api/products';
import type { StationContext } from '../base/context';
import type { HandlersFor } from '../base/handlers';
import { configureProduct, listProducts } from './products';

/** The handlers of products.* methods. */
export function productsHandlers(ctx: StationContext): HandlersFor<typeof productsMethods> {
  const db = ctx.db;
  const now = () => ctx.clock.now();
  return {
    'products.list': () => listProducts(db),
    // The history names the signed-in supervisor, not whatever name the caller sent.
    'products.configure': (a, call) => configureProduct(db, { ...a, ...(a.interval ? { interval: a.interval } : {}), by: call.staff?.displayName ?? a.by }, now()),
  };
}
