import { useTranslation } from 'react-i18next';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * Big digit keys for a PIN on a touch screen (staff wear gloves). The PIN field stays a real
 * input, so a keyboard works as well; the keys only add to it. `tabIndex -1`: keyboard users type.
 */
export function PinPad({ value, onChange, disabled }: { value: string; onChange: (pin: string) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const press = (digit: string) => value.length < 12 && onChange(value + digit);
  return (
    <div className="pin-pad" role="group" aria-label={t('ui.signin.keypad')}>
      {DIGITS.map((d) => (
        <button key={d} type="button" tabIndex={-1} disabled={disabled} onClick={() => press(d)}>
          {d}
        </button>
      ))}
      <button type="button" tabIndex={-1} disabled={disabled} onClick={() => onChange('')} aria-label={t('ui.signin.clear')}>
        C
      </button>
      <button type="button" tabIndex={-1} disabled={disabled} onClick={() => press('0')}>
        0
      </button>
      <button type="button" tabIndex={-1} disabled={disabled} onClick={() => onChange(value.slice(0, -1))} aria-label={t('ui.signin.backspace')}>
        ⌫
      </button>
    </div>
  );
}
