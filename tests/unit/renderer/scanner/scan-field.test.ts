import { describe, expect, it } from 'vitest';
import { callsForCaution, focusIsFree, isFieldInUse, isTypedCharacter, scanFieldMayTakeFocus, type FocusedElement } from '../../../../src/renderer/scanner/scan-field';

/** An element as the rules read it: its tag, and whether it sits inside a dialog. */
function element(tagName: string, { inDialog = false, editable = false } = {}): FocusedElement {
  return { tagName, isContentEditable: editable, closest: () => (inDialog ? {} : null) };
}
const key = (k: string, mods: { ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean } = {}) => ({ key: k, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('the scan field takes the focus only when nothing else is in use', () => {
  it('takes it from the page and from a button', () => {
    expect(scanFieldMayTakeFocus(null, false)).toBe(true);
    expect(scanFieldMayTakeFocus(element('BUTTON'), false)).toBe(true);
    expect(scanFieldMayTakeFocus(element('summary'), false)).toBe(true);
  });
  it('leaves another input, select, textarea or editable text alone', () => {
    for (const tag of ['INPUT', 'select', 'TEXTAREA']) expect(isFieldInUse(element(tag))).toBe(true);
    expect(isFieldInUse(element('DIV', { editable: true }))).toBe(true);
    expect(scanFieldMayTakeFocus(element('TEXTAREA'), false)).toBe(false);
  });
  it('leaves a dialog alone: a button inside it, or any focus while one is open', () => {
    expect(scanFieldMayTakeFocus(element('BUTTON', { inDialog: true }), false)).toBe(false);
    expect(scanFieldMayTakeFocus(null, true)).toBe(false);
  });
});

describe('typed characters', () => {
  it('are single printable characters, letters, digits and accented ones', () => {
    for (const k of ['7', 'a', 'Z', '-', 'é', ' ']) expect(isTypedCharacter(key(k))).toBe(true);
  });
  it('are not Enter, Tab, arrows, Escape or shortcuts', () => {
    for (const k of ['Enter', 'Tab', 'ArrowDown', 'Escape', 'Shift', 'Backspace']) expect(isTypedCharacter(key(k))).toBe(false);
    expect(isTypedCharacter(key('c', { ctrlKey: true }))).toBe(false);
    expect(isTypedCharacter(key('v', { metaKey: true }))).toBe(false);
    expect(isTypedCharacter(key('4', { altKey: true }))).toBe(false);
  });
});

describe('warnings that focus the safe choice', () => {
  it('course complete, dose today, too early, void card', () => {
    for (const code of ['course_complete', 'dose_today', 'too_early', 'void_card']) expect(callsForCaution([{ code }])).toBe(true);
  });
  it('any blocking warning', () => {
    expect(callsForCaution([{ code: 'unknown_person' }], ['unknown_person'])).toBe(true);
  });
  it('not a mere note: an appointment on another day, a person without an invitation at check-in', () => {
    expect(callsForCaution([{ code: 'appointment_other_day' }, { code: 'backend_copy' }, { code: 'not_eligible' }], [])).toBe(false);
    expect(callsForCaution([])).toBe(false);
  });
});

describe('the scan field takes back a focus that fell on nothing', () => {
  it('from the page itself, not from a button (Enter keeps pressing "next person" or the safe choice)', () => {
    expect(focusIsFree(null, false)).toBe(true);
    expect(focusIsFree(element('BUTTON'), false)).toBe(false);
    expect(focusIsFree(element('INPUT'), false)).toBe(false);
  });
  it('not while a dialog is open', () => {
    expect(focusIsFree(null, true)).toBe(false);
  });
});
