import type { Catalog } from '../types';

/** The calendar and how its places are shared between the stations of a centre. */
export const capacity: Catalog = {
  en: {
    'error.capacity.no_stations': 'Choose at least one station to share the capacity between.',
    'error.capacity.rebalance_offline': 'The federal backend cannot be reached, and rebalancing goes through it. Try again once the station is online; bookings continue meanwhile on each station’s own capacity.',
    'error.capacity.session_invalid': 'The session on {{date}} from {{start}} to {{end}} is not valid. Check the date and times.',
  },
  nl: {
    'error.capacity.no_stations': 'Kies minstens één station om de capaciteit over te verdelen.',
    'error.capacity.rebalance_offline': 'De federale server is niet bereikbaar, en het herverdelen verloopt via die server. Probeer opnieuw zodra het station online is; intussen boekt elk station verder op zijn eigen capaciteit.',
    'error.capacity.session_invalid': 'De sessie op {{date}} van {{start}} tot {{end}} is ongeldig. Controleer de datum en de uren.',
  },
  fr: {
    'error.capacity.no_stations': 'Choisissez au moins un poste entre lesquels répartir la capacité.',
    'error.capacity.rebalance_offline': 'Le serveur fédéral est injoignable, et la répartition passe par lui. Réessayez dès que le poste est en ligne ; en attendant, chaque poste continue de réserver sur sa propre capacité.',
    'error.capacity.session_invalid': 'La session du {{date}} de {{start}} à {{end}} n’est pas valable. Vérifiez la date et les heures.',
  },
  de: {
    'error.capacity.no_stations': 'Wählen Sie mindestens eine Station, auf die die Kapazität verteilt wird.',
    'error.capacity.rebalance_offline': 'Der föderale Server ist nicht erreichbar, und die Umverteilung läuft über ihn. Versuchen Sie es erneut, sobald die Station online ist; bis dahin bucht jede Station weiter auf ihrer eigenen Kapazität.',
    'error.capacity.session_invalid': 'Die Sitzung am {{date}} von {{start}} bis {{end}} ist ungültig. Prüfen Sie Datum und Uhrzeiten.',
  },
};
