import type { Language } from '../shared/i18n/languages';
import { addDays } from '../domain/time/local-time';
import { demoSsin } from '../main/station/demo/demo-people';
import type { Prng } from './prng';

/**
 * Fictitious citizens for a simulated day: names with the letters Belgian registers hold, valid
 * national numbers (check digits computed, never a real person on purpose), the language the
 * card is printed in, and how staff identify them (eID chip, or the number typed from the letter).
 */
export interface SimCitizen {
  ssin: string;
  familyName: string;
  givenNames: string;
  birthDate: string;
  sex: 'M' | 'F';
  language: Language;
  /** chip: the eID was read; typed: staff typed the national number (no eID at hand). */
  identifiedBy: 'chip' | 'typed';
  /** Last day of the eID card's validity (chip only). */
  cardValidUntil: string;
}

const FAMILY_NAMES = [
  'Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet',
  'Dubois', 'Lambert', 'Dupont', 'Martin', 'Simon', 'Laurent', 'Lejeune', 'Renard', 'Leclercq', 'Lefèvre',
  'Van Damme', 'Vandenberghe', 'Hendrickx', 'Desmet', 'François', 'Gérard', 'Noël', 'Fontaine', 'Dumont', 'Verhaegen',
  'Müller-Weiß', 'Schröder', 'Kreutzer', 'Schmitz', 'Nguyễn', 'El Amrani', 'Çelik', 'Öztürk', 'Łukasiewicz', 'Ó Briain',
  'Van den Broeck', 'De Backer', 'Vermeulen', 'Cools', 'Michel', 'Collard', 'Mathieu', 'Bah', 'Diallo', 'Kowalski',
];
const GIVEN_F = ['Anneleen', 'Hélène', 'Zoë', 'Sofie', 'Céline', 'Anaïs', 'Yasmina', 'Fatima', 'Els', 'Lieve', 'Marie', 'Élodie', 'Ayşe', 'Siobhán', 'Chloé', 'Lotte', 'Emma', 'Louise', 'Nathalie', 'Bärbel', 'Inès', 'Françoise'];
const GIVEN_M = ['Luc', 'Jürgen', 'Maarten', 'Noël', 'Mohamed', 'Jan', 'Koen', 'Pierre', 'François', 'Björn', 'Thomas', 'Pieter-Jan', 'Jean-Michel', 'Mehmet', 'Wouter', 'Ahmed', 'Stéphane', 'Dirk', 'Jérôme', 'Lukas', 'Benoît', 'Hamza'];

const LANGUAGE_WEIGHTS: Record<Language, number> = { nl: 55, fr: 35, de: 3, en: 7 };

/** A birth date between 1941 and 18 years before the day (all adults). */
function birthDate(prng: Prng, day: string): string {
  const latestYear = Number(day.slice(0, 4)) - 18;
  const year = prng.int(1941, latestYear - 1);
  const month = prng.int(1, 12);
  const dayOfMonth = prng.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

export function makeCitizens(prng: Prng, count: number, day: string): SimCitizen[] {
  const seen = new Set<string>();
  const out: SimCitizen[] = [];
  while (out.length < count) {
    const born = birthDate(prng, day);
    const serial = prng.int(1, 997);
    const ssin = demoSsin(born, serial);
    if (seen.has(ssin)) continue;
    seen.add(ssin);
    const sex = serial % 2 === 1 ? 'M' : 'F';
    const given = sex === 'M' ? GIVEN_M : GIVEN_F;
    const givenNames = prng.float() < 0.3 ? `${prng.pick(given)} ${prng.pick(given)}` : prng.pick(given);
    out.push({
      ssin,
      familyName: prng.pick(FAMILY_NAMES),
      givenNames,
      birthDate: born,
      sex,
      language: prng.weighted(LANGUAGE_WEIGHTS),
      identifiedBy: prng.float() < 0.8 ? 'chip' : 'typed',
      cardValidUntil: addDays(day, prng.int(30, 9 * 365)),
    });
  }
  return out;
}
