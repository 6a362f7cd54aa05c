import type { Catalog } from '../types';

/** The standby list: people called for doses left in an open vial. */
export const standby: Catalog = {
  en: {
    'error.standby.unknown': 'This standby entry no longer exists. Refresh the list.',
  },
  nl: {
    'error.standby.unknown': 'Deze persoon staat niet meer op de reservelijst. Vernieuw de lijst.',
  },
  fr: {
    'error.standby.unknown': 'Cette personne ne figure plus sur la liste de réserve. Actualisez la liste.',
  },
  de: {
    'error.standby.unknown': 'Dieser Eintrag steht nicht mehr auf der Warteliste. Aktualisieren Sie die Liste.',
  },
};
