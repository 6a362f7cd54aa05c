import type { Migration } from '../migration';

/**
 * Intervals are configuration that changed during the campaign (Vaxzevria 84 then 56 days): each
 * change keeps its before/after, who and why, so a booking can be explained later. Bookings made
 * before a change keep their slot.
 */
export const m009ProductChanges: Migration = {
  version: 9,
  name: 'product-changes',
  up(db) {
    db.exec(`
      CREATE TABLE product_changes (
        id TEXT PRIMARY KEY,
        product_code TEXT NOT NULL REFERENCES vaccine_products(code),
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        before TEXT NOT NULL,
        after TEXT NOT NULL
      ) STRICT;
      CREATE INDEX product_changes_product ON product_changes(product_code, at);
    `);
  },
};
