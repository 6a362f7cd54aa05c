import type { Catalog } from '../types';

/** The supervisor's staff screen, PIN resets and the new PIN a person chooses after one. */
export const staffCatalog: Catalog = {
  en: {
    'error.staff.pin_change_required': 'Choose a new PIN first: your PIN was reset by a supervisor.',
    'error.staff.pin_unchanged': 'The new PIN must differ from the current one.',
    'error.staff.pin_too_short': 'A PIN has at least {{digits}} digits on this station.',
    'error.staff.reset_own_pin': 'You cannot reset your own PIN: change it with your current PIN instead.',
  },
  nl: {
    'error.staff.pin_change_required': 'Kies eerst een nieuwe pincode: een supervisor heeft uw pincode opnieuw ingesteld.',
    'error.staff.pin_unchanged': 'De nieuwe pincode moet verschillen van de huidige.',
    'error.staff.pin_too_short': 'Een pincode heeft op dit station minstens {{digits}} cijfers.',
    'error.staff.reset_own_pin': 'U kunt uw eigen pincode niet opnieuw instellen: wijzig ze met uw huidige pincode.',
  },
  fr: {
    'error.staff.pin_change_required': 'Choisissez d’abord un nouveau code PIN : un superviseur a réinitialisé votre code.',
    'error.staff.pin_unchanged': 'Le nouveau code PIN doit être différent de l’actuel.',
    'error.staff.pin_too_short': 'Sur ce poste, un code PIN compte au moins {{digits}} chiffres.',
    'error.staff.reset_own_pin': 'Vous ne pouvez pas réinitialiser votre propre code PIN : changez-le avec votre code actuel.',
  },
  de: {
    'error.staff.pin_change_required': 'Wählen Sie zuerst eine neue PIN: Die Aufsicht hat Ihre PIN zurückgesetzt.',
    'error.staff.pin_unchanged': 'Die neue PIN muss sich von der aktuellen unterscheiden.',
    'error.staff.pin_too_short': 'Eine PIN hat an dieser Station mindestens {{digits}} Ziffern.',
    'error.staff.reset_own_pin': 'Sie können Ihre eigene PIN nicht zurücksetzen: Ändern Sie sie mit Ihrer aktuellen PIN.',
  },
};
