import type { MouseEvent, ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** A key never takes the focus (Enter would press it again); the PIN field gets it, so Enter submits. */
const keepFocus = (event: MouseEvent) => event.preventDefault();

/**
 * Big digit keys for a PIN on a touch screen (staff wear gloves). The PIN field stays a real
 * input, so a keyboard works as well; the keys only add to it. `tabIndex -1`: keyboard users type.
 * `field`: the PIN input, focused after each tap so typed digits and Enter go on from there.
 */
export function PinPad({ value, onChange, disabled, field }: { value: string; onChange: (pin: string) => void; disabled?: boolean; field?: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const tap = (next: string) => {
    onChange(next);
    field?.current?.focus();
  };
  const press = (digit: string) => value.length < 12 && tap(value + digit);
  const key = (label: ReactNode, onClick: () => void, name?: string) => (
    <button key={String(label)} type="button" tabIndex={-1} disabled={disabled} onMouseDown={keepFocus} onClick={onClick} aria-label={name}>
      {label}
    </button>
  );
  return (
    <div className="pin-pad" role="group" aria-label={t('ui.signin.keypad')}>
      {DIGITS.map((d) => key(d, () => press(d)))}
      {key('C', () => tap(''), t('ui.signin.clear'))}
      {key('0', () => press('0'))}
      {key('⌫', () => tap(value.slice(0, -1)), t('ui.signin.backspace'))}
    </div>
  );
}
