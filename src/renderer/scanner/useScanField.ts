import { useEffect, type RefObject } from 'react';
import { DIALOG_SELECTOR, focusIsFree, isTypedCharacter, scanFieldMayTakeFocus } from './scan-field';

/** The focused element, null when the focus is on the page itself. */
function focused(): Element | null {
  const active = document.activeElement;
  return active === document.body ? null : active;
}
const dialogOpen = () => document.querySelector(DIALOG_SELECTOR) !== null;

/** A typed character may move the focus to the scan field: no other field or dialog is in use. */
function mayTakeTypedKey(): boolean {
  return scanFieldMayTakeFocus(focused(), dialogOpen());
}

/** Focuses `field` when the focus is on nothing (the page itself) and no dialog is open. */
function takeFocusIfFree(field: HTMLInputElement | null): void {
  if (field && focusIsFree(focused(), dialogOpen())) field.focus({ preventScroll: true });
}

/**
 * Makes `field` the screen's scan field: it takes the focus whenever the focus is on nothing (after
 * every render of its owner, and when the focus falls back to the page), and a character
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
      if (input && document.activeElement !== input && mayTakeTypedKey()) input.focus({ preventScroll: true });
    };
    // The focused element went away (a button that unmounted, a dialog that closed): the focus is back on the page.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const onFocusOut = () => {
      if (pending !== undefined) clearTimeout(pending);
      pending = setTimeout(() => {
        pending = undefined;
        takeFocusIfFree(field.current);
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
