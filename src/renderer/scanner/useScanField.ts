import { useEffect, type RefObject } from 'react';
import { DIALOG_SELECTOR, isTypedCharacter, scanFieldMayTakeFocus } from './scan-field';

function mayTakeFocus(): boolean {
  const active = document.activeElement;
  return scanFieldMayTakeFocus(active === document.body ? null : active, document.querySelector(DIALOG_SELECTOR) !== null);
}

/** Focuses `field` unless it already has the focus or something else is in use. */
function takeFocusIfFree(field: HTMLInputElement | null): void {
  if (field && document.activeElement !== field && mayTakeFocus()) field.focus({ preventScroll: true });
}

/**
 * Makes `field` the screen's scan field: it takes the focus whenever no other field or dialog is in
 * use (after every render of its owner, and when the focus falls back to the page), and a character
 * typed while the focus is elsewhere (the page, a button) moves the focus to it first, so the
 * character lands in it: nothing typed at human speed is lost. Buttons keep Enter and Space.
 */
export function useScanField(field: RefObject<HTMLInputElement | null>, enabled = true): void {
  // After each render: sign-in, unlock, a person found, "next person", a dose registered.
  useEffect(() => {
    if (enabled) takeFocusIfFree(field.current);
  });

  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || !isTypedCharacter(event)) return;
      const input = field.current;
      // Focus moved in keydown: the browser types the character into the newly focused field.
      if (input && document.activeElement !== input && mayTakeFocus()) input.focus({ preventScroll: true });
    };
    // The focused element went away (a button that unmounted, a dialog that closed): the focus is back on the page.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const onFocusOut = () => {
      if (pending !== undefined) clearTimeout(pending);
      pending = setTimeout(() => {
        pending = undefined;
        if (document.activeElement === document.body || document.activeElement === null) takeFocusIfFree(field.current);
      }, 0);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    document.addEventListener('focusout', onFocusOut);
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      document.removeEventListener('focusout', onFocusOut);
      if (pending !== undefined) clearTimeout(pending);
    };
  }, [enabled, field]);
}
