import type { Catalog } from '../types';

/**
 * The arrival log of the check-in desk (checkin.confirm, "already checked in", the end-of-day
 * figures) and the date field of the screens (a day typed in the screen language's format).
 */
export const checkinLog: Catalog = {
  en: {
    'checkinLog.already': 'Already checked in today at {{time}}. Make sure this is not the same visit before you confirm again.',
    'checkinLog.report.section': 'Arrivals at check-in',
    'checkinLog.report.checkedIn': 'People checked in',
    'checkinLog.report.repeated': 'Checked in again (same person, same day)',
    'checkinLog.report.withoutDose': 'Checked in, but no dose recorded that day',
    'ui.dateField.pattern': 'dd/mm/yyyy',
    'ui.dateField.hint': 'Format {{pattern}}, e.g. {{example}}',
    'ui.dateField.invalid': 'This is not a date. Type it as {{pattern}}, e.g. {{example}}.',
  },
  nl: {
    'checkinLog.already': 'Vandaag al ingecheckt om {{time}}. Ga na of het niet om hetzelfde bezoek gaat voor u opnieuw bevestigt.',
    'checkinLog.report.section': 'Aankomsten aan het onthaal',
    'checkinLog.report.checkedIn': 'Ingecheckte personen',
    'checkinLog.report.repeated': 'Opnieuw ingecheckt (zelfde persoon, zelfde dag)',
    'checkinLog.report.withoutDose': 'Ingecheckt, maar geen dosis geregistreerd die dag',
    'ui.dateField.pattern': 'dd-mm-jjjj',
    'ui.dateField.hint': 'Formaat {{pattern}}, bv. {{example}}',
    'ui.dateField.invalid': 'Dit is geen datum. Typ ze als {{pattern}}, bv. {{example}}.',
  },
  fr: {
    'checkinLog.already': 'Déjà enregistré(e) à l’accueil aujourd’hui à {{time}}. Vérifiez qu’il ne s’agit pas de la même visite avant de confirmer à nouveau.',
    'checkinLog.report.section': 'Arrivées à l’accueil',
    'checkinLog.report.checkedIn': 'Personnes enregistrées à l’accueil',
    'checkinLog.report.repeated': 'Enregistrées une nouvelle fois (même personne, même jour)',
    'checkinLog.report.withoutDose': 'Enregistrées, mais sans dose enregistrée ce jour-là',
    'ui.dateField.pattern': 'jj/mm/aaaa',
    'ui.dateField.hint': 'Format {{pattern}}, p. ex. {{example}}',
    'ui.dateField.invalid': 'Ce n’est pas une date. Tapez-la sous la forme {{pattern}}, p. ex. {{example}}.',
  },
  de: {
    'checkinLog.already': 'Heute bereits um {{time}} angemeldet. Prüfen Sie, ob es nicht derselbe Besuch ist, bevor Sie erneut bestätigen.',
    'checkinLog.report.section': 'Ankünfte am Empfang',
    'checkinLog.report.checkedIn': 'Angemeldete Personen',
    'checkinLog.report.repeated': 'Erneut angemeldet (gleiche Person, gleicher Tag)',
    'checkinLog.report.withoutDose': 'Angemeldet, aber an diesem Tag keine Dosis erfasst',
    'ui.dateField.pattern': 'TT.MM.JJJJ',
    'ui.dateField.hint': 'Format {{pattern}}, z. B. {{example}}',
    'ui.dateField.invalid': 'Das ist kein Datum. Geben Sie es als {{pattern}} ein, z. B. {{example}}.',
  },
};
