import { useId, useRef, useState, type FormEvent } from 'react';
import { useScanField } from './useScanField';

export interface ManualEntryProps {
  /** Visible label of the field, e.g. "National number". */
  readonly label: string;
  /** Returns the message to show when `text` is not acceptable, null when it is. */
  readonly validate: (text: string) => string | null;
  readonly onSubmit: (text: string) => void;
  readonly submitLabel: string;
  /** A short example or format shown under the label (read by screen readers too). */
  readonly hint?: string;
  readonly inputMode?: 'text' | 'numeric';
  readonly id?: string;
  /** Show the message while typing once the text is this long (e.g. 11 for a national number). */
  readonly liveAfter?: number;
  /** Shown (politely announced) while the text is acceptable, e.g. "National number OK". */
  readonly okText?: string;
  readonly disabled?: boolean;
  /** The screen's scan field: holds the focus while no other field is in use, takes typed keys (useScanField). */
  readonly scanField?: boolean;
}

/**
 * Typing instead of scanning (a vial without a 2D code, a damaged card): a labelled field whose
 * message comes from `validate` as the text changes, shown once the person has left the field or
 * tried to submit, and tied to the field with aria-invalid and aria-describedby.
 */
export function ManualEntry({ label, validate, onSubmit, submitLabel, hint, inputMode = 'text', id, liveAfter, okText, disabled, scanField = false }: ManualEntryProps) {
  const generated = useId();
  const inputId = id ?? `manual-entry-${generated}`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useScanField(inputRef, scanField);

  const error = validate(text);
  const long = liveAfter !== undefined && text.trim().length >= liveAfter;
  const showError = error !== null && (submitted || ((touched || long) && text.trim() !== ''));
  const showOk = !!okText && error === null && text.trim() !== '';
  const describedBy = [hint ? hintId : null, showError ? errorId : null].filter(Boolean).join(' ') || undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (error !== null || disabled) return;
    onSubmit(text.trim());
    setText('');
    setTouched(false);
    setSubmitted(false);
  };

  return (
    <form className="manual-entry" noValidate onSubmit={submit}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p id={hintId} className="manual-entry-hint">
          {hint}
        </p>
      ) : null}
      <input
        ref={inputRef}
        id={inputId}
        type="text"
        value={text}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={showError}
        aria-describedby={describedBy}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => setTouched(true)}
      />
      <p id={errorId} className="manual-entry-error" aria-live="polite">
        {showError ? error : ''}
      </p>
      {showOk ? (
        <p className="manual-entry-ok" role="status">
          {okText}
        </p>
      ) : null}
      <button type="submit">{submitLabel}</button>
    </form>
  );
}
