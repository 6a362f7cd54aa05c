import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/i18n/languages';

/**
 * Day-month-year separators of the screen languages (nl-BE 31-12-2026, fr-BE 31/12/2026, de-BE
 * 31.12.2026, en-BE 31/12/2026); the pattern letters (dd-mm-jjjj, jj/mm/aaaa, TT.MM.JJJJ,
 * dd/mm/yyyy) are `ui.dateField.pattern` in the catalog. A native <input type="date"> is not used:
 * Chromium draws it in the browser's or the OS's locale, whatever `lang` says, so a French screen on
 * an English kiosk showed mm/dd/yyyy.
 */
const SEPARATOR: Record<Language, string> = { nl: '-', fr: '/', de: '.', en: '/' };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** YYYY-MM-DD as the screen language writes it; anything else is shown as it is. */
function dayToText(day: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? [m[3], m[2], m[1]].join(SEPARATOR[lang]) : day;
}

/** A real calendar day as YYYY-MM-DD, or null (31 February, month 13...). */
function isoDay(year: number, month: number, dayOfMonth: number): string | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || dayOfMonth < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== dayOfMonth) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(dayOfMonth)}`;
}

/**
 * What was typed, as YYYY-MM-DD: day, month and a four-digit year with any of - / . or a space
 * between them (all four screen languages put the day first), eight digits (31122026), or an ISO
 * date pasted from elsewhere. Null when it is not a real day.
 */
function textToDay(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const local = /^(\d{1,2})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  return local ? isoDay(Number(local[3]), Number(local[2]), Number(local[1])) : null;
}

/**
 * A day typed in the screen language's format, with the format as a hint tied to the field and,
 * for a supervisor's day, buttons for the day before and after. `value` and `onChange` stay
 * YYYY-MM-DD, what the API takes; with `allowEmpty`, clearing the field gives ''.
 */
export function DateField({
  id,
  value,
  onChange,
  label,
  steps = true,
  allowEmpty = false,
}: {
  id: string;
  value: string;
  onChange: (day: string) => void;
  label?: string;
  steps?: boolean;
  allowEmpty?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [text, setText] = useState(() => dayToText(value, lang));
  const [invalid, setInvalid] = useState(false);
  // A new day (buttons, parent) or another screen language: show it in that language's format.
  useEffect(() => {
    setText(dayToText(value, lang));
    setInvalid(false);
  }, [value, lang]);

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const words = { pattern: t('ui.dateField.pattern'), example: dayToText(`${value.slice(0, 4) || '2026'}-12-31`, lang) };

  // While typing, only a complete dd-mm-yyyy (or a pasted YYYY-MM-DD) is taken, so editing the day of a shown date is not
  // reformatted under the cursor; Enter or leaving the field takes every accepted form.
  const take = (typed: string, final: boolean) => {
    if (allowEmpty && typed.trim() === '') {
      setInvalid(false);
      if (value !== '') onChange('');
      return;
    }
    const complete = /^\s*(\d{2}\D\d{2}\D\d{4}|\d{4}-\d{2}-\d{2})\s*$/.test(typed);
    const day = final || complete ? textToDay(typed) : null;
    if (day) {
      setInvalid(false);
      if (day !== value) onChange(day);
      else if (final) setText(dayToText(day, lang));
    } else if (final) {
      setInvalid(typed.trim() !== '' || value === '');
      if (typed.trim() === '') setText(dayToText(value, lang));
    }
  };
  const shift = (days: number) => {
    const d = new Date(`${value}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    onChange(d.toISOString().slice(0, 10));
  };

  return (
    <div className="date-field-group">
      <div className="date-field">
        <label htmlFor={id}>{label ?? t('ui.supervisor.day')}</label>
        {steps && (
          <button type="button" onClick={() => shift(-1)} aria-label={t('ui.supervisor.dayBefore')}>
            ‹
          </button>
        )}
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          size={11}
          maxLength={24}
          value={text}
          data-iso={value}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
          onChange={(e) => {
            setText(e.target.value);
            take(e.target.value, false);
          }}
          onBlur={(e) => take(e.target.value, true)}
          onKeyDown={(e) => e.key === 'Enter' && take(e.currentTarget.value, true)}
        />
        {steps && (
          <button type="button" onClick={() => shift(1)} aria-label={t('ui.supervisor.dayAfter')}>
            ›
          </button>
        )}
      </div>
      <p id={hintId} className="hint">
        {t('ui.dateField.hint', words)}
      </p>
      <p id={errorId} className="manual-entry-error" aria-live="polite">
        {invalid ? t('ui.dateField.invalid', words) : ''}
      </p>
    </div>
  );
}
