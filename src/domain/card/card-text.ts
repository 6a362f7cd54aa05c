import { translate } from '../../shared/i18n/translate';
import type { Language } from '../../shared/i18n/languages';
import type { CardModel } from './card-model';
import { formatLongDate, formatShortDate, formatTime } from './format';

export type Align = 'left' | 'centre';
export type TextSize = 'normal' | 'double';

/** One piece of card content before it is fitted to a paper width. */
export type CardBlock =
  | { kind: 'text'; text: string; bold?: boolean; size?: TextSize; align?: Align; indent?: number }
  | { kind: 'qr'; data: string }
  | { kind: 'rule' }
  | { kind: 'blank' };

const t = (lang: Language, key: string, params: Record<string, string | number> = {}) => translate(lang, `printing.card.${key}`, params);

/**
 * The card's content in reading order, in the citizen's language, with a short summary in the
 * optional second language. Widths and printer commands are not known here.
 */
export function cardBlocks(card: CardModel): CardBlock[] {
  const lang = card.citizen.language;
  const out: CardBlock[] = [];
  const text = (s: string, style: Omit<Extract<CardBlock, { kind: 'text' }>, 'kind' | 'text'> = {}) => out.push({ kind: 'text', text: s, ...style });

  text(card.centre.name, { bold: true, align: 'centre' });
  for (const line of card.centre.address) text(line, { align: 'centre' });
  out.push({ kind: 'rule' });
  if (card.isCopy) {
    text(t(lang, 'copy'), { bold: true, size: 'double', align: 'centre' });
    text(t(lang, 'copy_note'), { align: 'centre' });
  }
  text(t(lang, 'title'), { bold: true, align: 'centre' });
  out.push({ kind: 'blank' });
  text(`${t(lang, 'name_label')}:`);
  text(card.citizen.fullName, { bold: true });
  out.push({ kind: 'rule' });

  const dose = card.dose;
  text(t(lang, 'dose_heading'), { bold: true });
  const number = dose.totalDoses
    ? t(lang, 'dose_number_of', { number: dose.doseNumber, total: dose.totalDoses })
    : t(lang, 'dose_number', { number: dose.doseNumber });
  text(`${dose.productName} - ${number}`);
  text(t(lang, 'given_at', { date: formatShortDate(dose.administeredAt, lang), time: formatTime(dose.administeredAt, lang) }));
  text(t(lang, 'lot', { lot: dose.lot }));
  out.push({ kind: 'rule' });

  const next = card.next;
  if (next.kind === 'booked') {
    text(t(lang, 'next_heading'), { bold: true, align: 'centre' });
    text(formatLongDate(next.start, lang), { bold: true, size: 'double', align: 'centre' });
    text(t(lang, 'next_time', { time: formatTime(next.start, lang) }), { bold: true, size: 'double', align: 'centre' });
    text(t(lang, 'place', { place: next.place }));
    if (next.bring.length > 0) {
      text(t(lang, 'bring'));
      for (const item of next.bring) text(`- ${t(lang, `bring.${item}`)}`, { indent: 2 });
    }
  } else if (next.kind === 'to_be_booked') {
    text(t(lang, 'next_heading'), { bold: true, align: 'centre' });
    text(t(lang, 'to_be_booked'));
    text(t(lang, `notify.${next.channel}`));
  } else {
    text(t(lang, 'course_complete'));
  }
  out.push({ kind: 'blank' });
  out.push({ kind: 'qr', data: card.qrPayload });
  text(t(lang, 'code', { code: card.shortCode }), { bold: true, align: 'centre' });
  text(t(lang, 'show_code'), { align: 'centre' });

  if (next.kind === 'booked') {
    out.push({ kind: 'rule' });
    text(t(lang, 'reschedule_heading'), { bold: true });
    const { phone, url } = card.reschedule;
    if (phone) text(t(lang, 'reschedule_phone', { phone }));
    if (url) text(t(lang, 'reschedule_url', { url }));
    if (!phone && !url) text(t(lang, 'reschedule_none'));
    else text(t(lang, 'reschedule_code'));
  }

  const second = card.citizen.secondLanguage;
  if (second && second !== lang) {
    out.push({ kind: 'rule' });
    text(`[${second.toUpperCase()}] ${t(second, 'title')}`, { bold: true });
    if (card.isCopy) text(t(second, 'copy'), { bold: true });
    if (next.kind === 'booked') {
      text(t(second, 'summary_next', { date: formatLongDate(next.start, second), time: formatTime(next.start, second) }));
      text(t(second, 'place', { place: next.place }));
    } else if (next.kind === 'to_be_booked') {
      text(`${t(second, 'to_be_booked')} ${t(second, `notify.${next.channel}`)}`);
    } else {
      text(t(second, 'course_complete'));
    }
    text(t(second, 'summary_code', { code: card.shortCode }));
  }
  if (card.isCopy) {
    out.push({ kind: 'rule' });
    text(t(lang, 'copy'), { bold: true, align: 'centre' });
  }
  return out;
}
