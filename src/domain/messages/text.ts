import { translate } from '../../shared/i18n/translate';
import type { Language } from '../../shared/i18n/languages';
import { formatLongDate, formatTime } from '../card/format';
import { formatShortCode } from '../booking/short-code';

export type MessageKind = 'booked' | 'rebooked' | 'cancelled' | 'reminder';

export interface MessageFacts {
  kind: MessageKind;
  language: Language;
  /** The appointment's start (an instant): shown as a date and time in Europe/Brussels. */
  startAt: string;
  shortCode: string;
  centre: { name: string; place: string; address: readonly string[] };
}

export interface MessageText {
  subject: string;
  body: string;
  sms: string;
}

/** What the citizen reads, in their language: date, time, place and code. */
export function messageText(f: MessageFacts): MessageText {
  const lang = f.language;
  const params = {
    date: formatLongDate(f.startAt, lang),
    time: formatTime(f.startAt, lang),
    place: f.centre.place,
    code: formatShortCode(f.shortCode),
    centre: f.centre.name,
  };
  const t = (key: string) => translate(lang, key, params);
  const lines = [t(`messages.text.body.${f.kind}`), '', t('messages.text.place'), ...f.centre.address, t('messages.text.code')];
  if (f.kind !== 'cancelled') lines.push('', t('messages.text.bring'));
  lines.push('', t('messages.text.signature'));
  return { subject: t(`messages.text.subject.${f.kind}`), body: lines.join('\n'), sms: t(`messages.sms.${f.kind}`) };
}
