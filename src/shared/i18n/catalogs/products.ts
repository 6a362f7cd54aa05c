import type { Catalog } from '../types';

/** The vaccine catalogue. */
export const products: Catalog = {
  en: {
    'error.products.inactive': 'The product {{product}} is not in use at this centre. Ask the supervisor.',
    'error.products.invalid': 'The settings for {{product}} are not valid ({{detail}}). Check the interval and vial figures.',
    'error.products.unknown': 'The product {{product}} is not configured at this centre.',
  },
  nl: {
    'error.products.inactive': 'Het vaccin {{product}} wordt in dit centrum niet gebruikt. Vraag het aan de supervisor.',
    'error.products.invalid': 'De instellingen voor {{product}} zijn ongeldig ({{detail}}). Controleer het interval en de cijfers per flacon.',
    'error.products.unknown': 'Het vaccin {{product}} is in dit centrum niet ingesteld.',
  },
  fr: {
    'error.products.inactive': 'Le vaccin {{product}} n’est pas utilisé dans ce centre. Demandez au superviseur.',
    'error.products.invalid': 'Les paramètres de {{product}} ne sont pas valables ({{detail}}). Vérifiez l’intervalle et les chiffres par flacon.',
    'error.products.unknown': 'Le vaccin {{product}} n’est pas configuré dans ce centre.',
  },
  de: {
    'error.products.inactive': 'Der Impfstoff {{product}} wird in diesem Zentrum nicht verwendet. Fragen Sie die Aufsicht.',
    'error.products.invalid': 'Die Einstellungen für {{product}} sind ungültig ({{detail}}). Prüfen Sie das Intervall und die Angaben pro Flasche.',
    'error.products.unknown': 'Der Impfstoff {{product}} ist in diesem Zentrum nicht eingerichtet.',
  },
};
