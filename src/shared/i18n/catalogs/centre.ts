import type { Catalog } from '../types';

/**
 * The set-up screens of a centre (first start, join, imports, calendar) and the refusals that
 * only they and `centre init` meet. The centre file's refusals stay in centre-enrol.ts and the
 * spreadsheets' in imports.ts: the screens use those keys as the command line does.
 */
export const centre: Catalog = {
  en: {
    'error.centre.setup_done': 'This station is already set up: a supervisor exists. Nothing was changed. Sign in as a supervisor to change the centre.',
    'error.centre.no_centre_yet': 'This station has no centre yet. Create the centre or join one first.',
    'error.centre.languages_invalid': 'The languages "{{value}}" are not a list of nl, fr, de and en, e.g. nl,fr.',
    'error.centre.open_days_invalid': 'The opening days "{{value}}" are not a list of mon, tue, wed, thu, fri, sat and sun, e.g. mon,tue,wed,thu,fri.',
  },
  nl: {
    'error.centre.setup_done': 'Dit station is al ingericht: er bestaat een supervisor. Er werd niets gewijzigd. Meld u aan als supervisor om het centrum te wijzigen.',
    'error.centre.no_centre_yet': 'Dit station heeft nog geen centrum. Maak eerst het centrum aan of sluit aan bij een centrum.',
    'error.centre.languages_invalid': 'De talen "{{value}}" zijn geen lijst van nl, fr, de en en, bv. nl,fr.',
    'error.centre.open_days_invalid': 'De openingsdagen "{{value}}" zijn geen lijst van mon, tue, wed, thu, fri, sat en sun, bv. mon,tue,wed,thu,fri.',
  },
  fr: {
    'error.centre.setup_done': 'Ce poste est déjà configuré : un superviseur existe. Rien n’a été modifié. Connectez-vous comme superviseur pour modifier le centre.',
    'error.centre.no_centre_yet': 'Ce poste n’a pas encore de centre. Créez d’abord le centre ou rejoignez-en un.',
    'error.centre.languages_invalid': 'Les langues « {{value}} » ne sont pas une liste de nl, fr, de et en, p. ex. nl,fr.',
    'error.centre.open_days_invalid': 'Les jours d’ouverture « {{value}} » ne sont pas une liste de mon, tue, wed, thu, fri, sat et sun, p. ex. mon,tue,wed,thu,fri.',
  },
  de: {
    'error.centre.setup_done': 'Diese Station ist bereits eingerichtet: Es gibt einen Supervisor. Es wurde nichts geändert. Melden Sie sich als Supervisor an, um das Zentrum zu ändern.',
    'error.centre.no_centre_yet': 'Diese Station hat noch kein Zentrum. Legen Sie zuerst das Zentrum an oder treten Sie einem bei.',
    'error.centre.languages_invalid': 'Die Sprachen „{{value}}“ sind keine Liste aus nl, fr, de und en, z. B. nl,fr.',
    'error.centre.open_days_invalid': 'Die Öffnungstage „{{value}}“ sind keine Liste aus mon, tue, wed, thu, fri, sat und sun, z. B. mon,tue,wed,thu,fri.',
  },
};
