import type { Language } from '../../../shared/i18n/languages';

/**
 * Fictitious citizens of the demo centre. Names carry the accents and letters real registers
 * hold (ë, ç, ü, ß, Ł, ø, é); national numbers are computed with valid check digits from a birth
 * date and a serial (odd = male, even = female), none belonging to a real person on purpose.
 */
export interface DemoPerson {
  familyName: string;
  givenNames: string;
  birthDate: string;
  serial: number;
  language: Language;
  eligible: string[];
  /** A first dose given this many days before the seeding day (learned as if from sync). */
  firstDoseDaysAgo?: { days: number; product: string };
  /** A two-dose course completed this many days before the seeding day (the first dose the target interval earlier), for boosters. */
  courseDoneDaysAgo?: { days: number; product: string };
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { familyName: 'Müller-Weiß', givenNames: 'Zoë Françoise', birthDate: '1985-07-30', serial: 4, language: 'de', eligible: ['comirnaty', 'spikevax'] },
  { familyName: 'Łukasiewicz', givenNames: 'Jan Paweł', birthDate: '1961-02-14', serial: 17, language: 'fr', eligible: ['vaxzevria', 'comirnaty'] },
  { familyName: 'Peeters', givenNames: 'Anneleen', birthDate: '1990-11-02', serial: 22, language: 'nl', eligible: ['comirnaty'] },
  { familyName: 'Janssens', givenNames: 'Luc', birthDate: '1958-04-19', serial: 33, language: 'nl', eligible: ['vaxzevria'] },
  { familyName: 'Dubois', givenNames: 'Hélène Marie', birthDate: '1972-09-08', serial: 48, language: 'fr', eligible: ['comirnaty', 'spikevax'] },
  { familyName: 'Lambert', givenNames: 'François', birthDate: '1966-12-31', serial: 51, language: 'fr', eligible: ['janssen', 'comirnaty'] },
  { familyName: 'Van den Broeck', givenNames: 'Sofie', birthDate: '2001-03-01', serial: 62, language: 'nl', eligible: ['comirnaty'] },
  { familyName: 'El Amrani', givenNames: 'Yasmina', birthDate: '1995-06-15', serial: 76, language: 'fr', eligible: ['spikevax'] },
  { familyName: 'Schröder', givenNames: 'Jürgen', birthDate: '1949-01-23', serial: 85, language: 'de', eligible: ['comirnaty'] },
  { familyName: 'Nguyễn', givenNames: 'Thị Lan', birthDate: '1988-08-08', serial: 90, language: 'en', eligible: ['comirnaty', 'spikevax'] },
  { familyName: 'De Smet', givenNames: 'Pieter-Jan', birthDate: '1979-10-10', serial: 103, language: 'nl', eligible: ['janssen'] },
  { familyName: 'Øster', givenNames: 'Ingrid', birthDate: '1954-05-05', serial: 118, language: 'en', eligible: ['vaxzevria'] },
  { familyName: 'Wouters', givenNames: 'Céline', birthDate: '2003-02-28', serial: 124, language: 'nl', eligible: ['comirnaty'] },
  { familyName: 'Mertens', givenNames: 'Noël', birthDate: '1968-12-25', serial: 137, language: 'nl', eligible: ['comirnaty'], firstDoseDaysAgo: { days: 21, product: 'comirnaty' } },
  { familyName: 'Gérard', givenNames: 'Anaïs', birthDate: '1993-07-14', serial: 146, language: 'fr', eligible: ['spikevax'], firstDoseDaysAgo: { days: 28, product: 'spikevax' } },
  { familyName: 'Kreutzer', givenNames: 'Bärbel', birthDate: '1951-09-30', serial: 152, language: 'de', eligible: ['vaxzevria'], firstDoseDaysAgo: { days: 56, product: 'vaxzevria' } },
  { familyName: 'Claes', givenNames: 'Maarten', birthDate: '1983-01-01', serial: 165, language: 'nl', eligible: ['comirnaty'], firstDoseDaysAgo: { days: 10, product: 'comirnaty' } },
  { familyName: 'Dupont', givenNames: 'Jean-Michel', birthDate: '1960-03-17', serial: 171, language: 'fr', eligible: ['janssen'], firstDoseDaysAgo: { days: 30, product: 'janssen' } },
  { familyName: 'Ó Briain', givenNames: 'Siobhán', birthDate: '1999-11-11', serial: 188, language: 'en', eligible: ['comirnaty', 'spikevax'] },
  { familyName: 'Çelik', givenNames: 'Ayşe', birthDate: '1976-04-04', serial: 192, language: 'nl', eligible: ['comirnaty'] },
  // Course complete long enough ago for an mRNA booster under the demo rules (180 days), and not yet.
  { familyName: 'Hoffmann', givenNames: 'Klaus', birthDate: '1950-06-12', serial: 201, language: 'de', eligible: ['comirnaty'], courseDoneDaysAgo: { days: 200, product: 'comirnaty' } },
  { familyName: 'Becker', givenNames: 'Monika', birthDate: '1956-03-08', serial: 214, language: 'de', eligible: ['comirnaty'], courseDoneDaysAgo: { days: 90, product: 'comirnaty' } },
];

/** A national number with valid check digits for a birth date and serial (20xx births get the 2 prefix). */
export function demoSsin(birthDate: string, serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const first9 = `${y!.slice(2)}${m}${d}${String(serial).padStart(3, '0')}`;
  const n = Number(first9) + (Number(y) >= 2000 ? 2_000_000_000 : 0);
  return `${first9}${String(97 - (n % 97)).padStart(2, '0')}`;
}

/** An invitation code of 33 letters and digits, like the e-ticket's personal code. */
export function demoInvitationCode(ssin: string): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let x = BigInt(ssin) * 2654435761n + 97n;
  let out = 'DEMO';
  while (out.length < 33) {
    x = (x * 6364136223846793005n + 1442695040888963407n) % (1n << 64n);
    // The high bits of a 64-bit LCG: the low ones repeat with a short period.
    out += alphabet[Number(x >> 59n)];
  }
  return out;
}
