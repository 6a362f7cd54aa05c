import type { Catalog } from '../types';

/** The calendar and how its places are shared between the stations of a centre. */
export const capacity: Catalog = {
  en: {
    'error.capacity.day_has_bookings': '{{count}} people are booked on {{date}}. Nothing was changed. Close or change that day’s sessions first: the calendar moves the people to the follow-up list.',
    'error.capacity.session_closed': 'The session of {{date}} at {{start}} is closed. Nothing was changed. Add a new session instead.',
    'error.capacity.range_invalid': 'The dates from {{from}} to {{to}} are not a range of at most {{max}} days. Check the first and last date.',
    'error.capacity.booths_capacity': '{{capacity}} places per slot cannot be shared evenly over {{booths}} booths: choose a number of booths that divides the places per slot.',
    'error.capacity.session_unknown': 'This session is not on this station ({{session}}). Reload the calendar.',
    'error.capacity.session_has_bookings': '{{count}} people are booked in the session of {{date}} at {{start}}. Nothing was changed. Move them to the follow-up list, or keep the session.',
    'error.capacity.no_stations': 'Choose at least one station to share the capacity between.',
    'error.capacity.rebalance_offline': 'The federal backend cannot be reached, and rebalancing goes through it. Try again once the station is online; bookings continue meanwhile on each station’s own capacity.',
    'error.capacity.session_invalid': 'The session on {{date}} from {{start}} to {{end}} is not valid. Check the date and times.',
  },
  nl: {
    'error.capacity.day_has_bookings': 'Er zijn {{count}} mensen geboekt op {{date}}. Er werd niets gewijzigd. Sluit of wijzig eerst de sessies van die dag: de kalender zet de mensen op de opvolgingslijst.',
    'error.capacity.session_closed': 'De sessie van {{date}} om {{start}} is gesloten. Er werd niets gewijzigd. Voeg in de plaats een nieuwe sessie toe.',
    'error.capacity.range_invalid': 'De data van {{from}} tot {{to}} vormen geen periode van hoogstens {{max}} dagen. Controleer de eerste en de laatste datum.',
    'error.capacity.booths_capacity': '{{capacity}} plaatsen per tijdslot kunnen niet gelijk verdeeld worden over {{booths}} boxen: kies een aantal boxen waardoor de plaatsen per tijdslot deelbaar zijn.',
    'error.capacity.session_unknown': 'Deze sessie staat niet op dit station ({{session}}). Laad de kalender opnieuw.',
    'error.capacity.session_has_bookings': 'Er zijn {{count}} mensen geboekt in de sessie van {{date}} om {{start}}. Er werd niets gewijzigd. Zet hen op de opvolgingslijst, of behoud de sessie.',
    'error.capacity.no_stations': 'Kies minstens één station om de capaciteit over te verdelen.',
    'error.capacity.rebalance_offline': 'De federale server is niet bereikbaar, en het herverdelen verloopt via die server. Probeer opnieuw zodra het station online is; intussen boekt elk station verder op zijn eigen capaciteit.',
    'error.capacity.session_invalid': 'De sessie op {{date}} van {{start}} tot {{end}} is ongeldig. Controleer de datum en de uren.',
  },
  fr: {
    'error.capacity.day_has_bookings': '{{count}} personnes ont un rendez-vous le {{date}}. Rien n’a été modifié. Fermez ou modifiez d’abord les sessions de ce jour : le calendrier place les personnes sur la liste de suivi.',
    'error.capacity.session_closed': 'La session du {{date}} à {{start}} est fermée. Rien n’a été modifié. Ajoutez plutôt une nouvelle session.',
    'error.capacity.range_invalid': 'Les dates du {{from}} au {{to}} ne forment pas une période d’au plus {{max}} jours. Vérifiez la première et la dernière date.',
    'error.capacity.booths_capacity': '{{capacity}} places par créneau ne se répartissent pas également sur {{booths}} box : choisissez un nombre de box qui divise les places par créneau.',
    'error.capacity.session_unknown': 'Cette session n’est pas sur ce poste ({{session}}). Rechargez le calendrier.',
    'error.capacity.session_has_bookings': '{{count}} personnes ont un rendez-vous dans la session du {{date}} à {{start}}. Rien n’a été modifié. Placez-les sur la liste de suivi, ou gardez la session.',
    'error.capacity.no_stations': 'Choisissez au moins un poste entre lesquels répartir la capacité.',
    'error.capacity.rebalance_offline': 'Le serveur fédéral est injoignable, et la répartition passe par lui. Réessayez dès que le poste est en ligne ; en attendant, chaque poste continue de réserver sur sa propre capacité.',
    'error.capacity.session_invalid': 'La session du {{date}} de {{start}} à {{end}} n’est pas valable. Vérifiez la date et les heures.',
  },
  de: {
    'error.capacity.day_has_bookings': '{{count}} Personen sind am {{date}} gebucht. Es wurde nichts geändert. Schließen oder ändern Sie zuerst die Sitzungen dieses Tages: Der Kalender setzt die Personen auf die Nachverfolgungsliste.',
    'error.capacity.session_closed': 'Die Sitzung vom {{date}} um {{start}} ist geschlossen. Es wurde nichts geändert. Fügen Sie stattdessen eine neue Sitzung hinzu.',
    'error.capacity.range_invalid': 'Die Daten vom {{from}} bis {{to}} sind kein Zeitraum von höchstens {{max}} Tagen. Prüfen Sie das erste und das letzte Datum.',
    'error.capacity.booths_capacity': '{{capacity}} Plätze pro Termin lassen sich nicht gleichmäßig auf {{booths}} Kabinen verteilen: wählen Sie eine Kabinenzahl, durch die die Plätze pro Termin teilbar sind.',
    'error.capacity.session_unknown': 'Diese Sitzung ist nicht auf dieser Station ({{session}}). Laden Sie den Kalender neu.',
    'error.capacity.session_has_bookings': '{{count}} Personen sind in der Sitzung vom {{date}} um {{start}} gebucht. Es wurde nichts geändert. Setzen Sie sie auf die Nachverfolgungsliste oder behalten Sie die Sitzung.',
    'error.capacity.no_stations': 'Wählen Sie mindestens eine Station, auf die die Kapazität verteilt wird.',
    'error.capacity.rebalance_offline': 'Der föderale Server ist nicht erreichbar, und die Umverteilung läuft über ihn. Versuchen Sie es erneut, sobald die Station online ist; bis dahin bucht jede Station weiter auf ihrer eigenen Kapazität.',
    'error.capacity.session_invalid': 'Die Sitzung am {{date}} von {{start}} bis {{end}} ist ungültig. Prüfen Sie Datum und Uhrzeiten.',
  },
};
