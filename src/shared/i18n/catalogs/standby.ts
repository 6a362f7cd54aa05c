import type { Catalog } from '../types';

/** The standby list: people called for doses left in an open vial. */
export const standby: Catalog = {
  en: {
    'error.standby.phone_invalid': '"{{value}}" is not a phone number. Type a Belgian number (0470 12 34 56) or an international one with its country code (+33 6 12 34 56 78).',
    'error.standby.product_required': 'Tick at least one vaccine this person may receive: the list calls people for the vaccine left in a vial.',
    'error.standby.unknown': 'This standby entry no longer exists. Refresh the list.',
  },
  nl: {
    'error.standby.phone_invalid': '"{{value}}" is geen telefoonnummer. Typ een Belgisch nummer (0470 12 34 56) of een internationaal nummer met landcode (+33 6 12 34 56 78).',
    'error.standby.product_required': 'Vink minstens één vaccin aan dat deze persoon mag krijgen: de lijst roept mensen op voor het vaccin dat in een flacon over is.',
    'error.standby.unknown': 'Deze persoon staat niet meer op de reservelijst. Vernieuw de lijst.',
  },
  fr: {
    'error.standby.phone_invalid': '« {{value}} » n’est pas un numéro de téléphone. Tapez un numéro belge (0470 12 34 56) ou international avec l’indicatif du pays (+33 6 12 34 56 78).',
    'error.standby.product_required': 'Cochez au moins un vaccin que cette personne peut recevoir : la liste appelle les personnes pour le vaccin restant dans un flacon.',
    'error.standby.unknown': 'Cette personne ne figure plus sur la liste de réserve. Actualisez la liste.',
  },
  de: {
    'error.standby.phone_invalid': '„{{value}}“ ist keine Telefonnummer. Geben Sie eine belgische Nummer (0470 12 34 56) oder eine internationale mit Ländervorwahl (+33 6 12 34 56 78) ein.',
    'error.standby.product_required': 'Kreuzen Sie mindestens einen Impfstoff an, den diese Person erhalten darf: Die Liste ruft Personen für den Impfstoff auf, der in einem Fläschchen übrig ist.',
    'error.standby.unknown': 'Dieser Eintrag steht nicht mehr auf der Warteliste. Aktualisieren Sie die Liste.',
  },
};
