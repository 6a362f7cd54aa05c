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
    'products.configure': (a) => configureProduct(db, { ...a, ...(a.interval ? { interval: a.interval } : {}) }, now()),
  };
}
