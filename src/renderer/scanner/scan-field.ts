/**
 * When the screen's scan field may take the focus and typed keys: whenever nobody is using another
 * field or a dialog. Pure, so the rules are tested without a browser.
 */

/** The little of a DOM element these rules read. */
export interface FocusedElement {
  readonly tagName: string;
  readonly isContentEditable?: boolean;
  closest(selector: string): unknown;
}

/** A key press as the rules read it. */
export interface TypedKey {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
}

/** Open dialogs: the lock screen, confirmation questions. What is typed there belongs to them. */
export const DIALOG_SELECTOR = 'dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"]';

const FIELD_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** Another field (or anything inside a dialog) has the focus: the scan field leaves it alone. */
export function isFieldInUse(element: FocusedElement | null): boolean {
  if (!element) return false;
  if (FIELD_TAGS.has(element.tagName.toUpperCase()) || element.isContentEditable === true) return true;
  return element.closest(DIALOG_SELECTOR) !== null;
}

/** One printable character, no shortcut modifier: what a person (or a scanner) types into a field. */
export function isTypedCharacter(key: TypedKey): boolean {
  if (key.ctrlKey || key.altKey || key.metaKey) return false;
  return [...key.key].length === 1;
}

/** The scan field may take the focus: no dialog is open and no other field is in use. */
export function scanFieldMayTakeFocus(active: FocusedElement | null, dialogOpen: boolean): boolean {
  return !dialogOpen && !isFieldInUse(active);
}

/**
 * The focus is on nothing (the page itself) and no dialog is open: the scan field takes it back.
 * A focused button keeps it (Enter presses "next person", a safe choice after a warning).
 */
export function focusIsFree(active: FocusedElement | null, dialogOpen: boolean): boolean {
  return !dialogOpen && active === null;
}

/**
 * Warnings after which the station focuses the safe choice (cancel, back), never "Confirm". Not
 * "not eligible": a person without an invitation still checks in (the desk decides, Enter confirms).
 */
export const CAUTION_WARNINGS: ReadonlySet<string> = new Set(['course_complete', 'dose_today', 'too_early', 'void_card']);

/** A person's warnings call for the safe choice: a blocking one, or one of CAUTION_WARNINGS. */
export function callsForCaution(warnings: readonly { readonly code: string }[], blockedBy: readonly string[] = []): boolean {
  return blockedBy.length > 0 || warnings.some((w) => CAUTION_WARNINGS.has(w.code));
}
