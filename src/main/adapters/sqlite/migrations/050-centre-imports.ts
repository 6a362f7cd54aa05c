import type { Migration } from '../migration';

/**
 * What a centre's own spreadsheets bring beyond the first schema: a product's CNK (Belgian
 * pharmacy code) and ATC code, which the Immunization sent to the backend carries; an invitation's
 * invited time; a person's e-mail and phone from the invitation list (retention clears them with the names); and an index so check-in
 * finds an invitation code typed in any case.
 */
export const m050CentreImports: Migration = {
  version: 50,
  name: 'centre-imports',
  up(db) {
    db.exec(`
      ALTER TABLE vaccine_products ADD COLUMN cnk TEXT CHECK (cnk IS NULL OR (length(cnk) = 7 AND cnk NOT GLOB '*[^0-9]*'));
      ALTER TABLE vaccine_products ADD COLUMN atc TEXT CHECK (atc IS NULL OR length(atc) BETWEEN 1 AND 7);
      ALTER TABLE invitations ADD COLUMN invited_at TEXT;
      CREATE INDEX invitations_code_nocase ON invitations(code COLLATE NOCASE);
      ALTER TABLE citizens ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254);
      ALTER TABLE citizens ADD COLUMN phone TEXT CHECK (phone IS NULL OR length(phone) BETWEEN 6 AND 24);
    `);
  },
};
