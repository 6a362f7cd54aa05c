import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { attachScanner, type ScannedText } from '../../../../src/renderer/scanner/attach-scanner';
import { ManualEntry } from '../../../../src/renderer/scanner/ManualEntry';
import { buildMrz } from '../../domain/identity/builders';

/** A keydown as a browser would dispatch it (Node has EventTarget and Event, not KeyboardEvent). */
function keydown(key: string, timeStamp: number, mods: { altKey?: boolean; ctrlKey?: boolean } = {}): Event {
  const event = new Event('keydown', { cancelable: true, bubbles: true });
  Object.defineProperties(event, {
    key: { value: key },
    timeStamp: { value: timeStamp },
    altKey: { value: mods.altKey ?? false },
    ctrlKey: { value: mods.ctrlKey ?? false },
    metaKey: { value: false },
    repeat: { value: false },
    isComposing: { value: false },
  });
  return event;
}

function typeInto(target: EventTarget, text: string, start: number, ms: number, end = 'Enter'): Event[] {
  const events = [...text, end].map((key, i) => keydown(key, start + i * ms));
  for (const e of events) target.dispatchEvent(e);
  return events;
}

describe('attachScanner (the listener behind useScanner)', () => {
  it('reports a scan and swallows only its Enter', () => {
    const target = new EventTarget();
    const scans: ScannedText[] = [];
    const detach = attachScanner(target, (s) => scans.push(s));
    const events = typeInto(target, ']d2010950600013435217270630', 0, 4);
    expect(scans).toEqual([{ text: ']d2010950600013435217270630', aim: ']d2' }]);
    expect(events.at(-1)!.defaultPrevented).toBe(true);
    expect(events.slice(0, -1).some((e) => e.defaultPrevented)).toBe(false);
    detach();
    typeInto(target, '85073003328', 1000, 4);
    expect(scans).toHaveLength(1);
  });

  it('leaves typing alone', () => {
    const target = new EventTarget();
    const scans: ScannedText[] = [];
    const detach = attachScanner(target, (s) => scans.push(s));
    const events = typeInto(target, '85073003328', 0, 160);
    expect(scans).toEqual([]);
    expect(events.some((e) => e.defaultPrevented)).toBe(false);
    detach();
  });

  it('applies its config: a substitute character for GS', () => {
    const target = new EventTarget();
    const scans: ScannedText[] = [];
    const detach = attachScanner(target, (s) => scans.push(s), { gsSubstitute: '~' });
    typeInto(target, '10ABC~21SN1', 0, 3);
    expect(scans[0]!.text).toBe('10ABC\x1d21SN1');
    detach();
  });

  it('does not swallow a person’s Enter that only ends a waiting MRZ', () => {
    const target = new EventTarget();
    const scans: ScannedText[] = [];
    const detach = attachScanner(target, (s) => scans.push(s), { mrzLineGapMs: 300 });
    const [l1] = buildMrz();
    typeInto(target, l1, 0, 3);
    const enter = keydown('Enter', 5000);
    target.dispatchEvent(enter);
    expect(scans).toEqual([{ text: l1, aim: null }]);
    expect(enter.defaultPrevented).toBe(false);
    detach();
  });

  it('delivers an MRZ cut short after the line gap, by timer', async () => {
    const target = new EventTarget();
    const scans: ScannedText[] = [];
    const detach = attachScanner(target, (s) => scans.push(s), { mrzLineGapMs: 30 });
    const [l1] = buildMrz();
    const now = performance.now();
    const events = typeInto(target, l1, now - 200, 3);
    expect(events.at(-1)!.defaultPrevented).toBe(true);
    expect(scans).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(scans).toEqual([{ text: l1, aim: null }]);
    detach();
  });
});

describe('ManualEntry', () => {
  const render = (hint?: string) =>
    renderToStaticMarkup(
      createElement(ManualEntry, {
        id: 'lot',
        label: 'Lot number',
        submitLabel: 'Use this lot',
        validate: (text: string) => (text.trim() === '' ? 'Type the lot number.' : null),
        onSubmit: () => {},
        ...(hint ? { hint } : {}),
      }),
    );

  it('labels its field and ties the hint to it', () => {
    const html = render('As printed on the vial, e.g. FF1234');
    expect(html).toContain('<label for="lot">Lot number</label>');
    expect(html).toContain('id="lot-hint"');
    expect(html).toMatch(/<input[^>]*id="lot"[^>]*aria-invalid="false"[^>]*aria-describedby="lot-hint"/);
    expect(html).toMatch(/<p id="lot-error"[^>]*aria-live="polite"><\/p>/);
    expect(html).toContain('<button type="submit">Use this lot</button>');
  });

  it('shows no error before the person has done anything', () => {
    const html = render();
    expect(html).not.toContain('Type the lot number.');
    expect(html).not.toContain('aria-describedby');
  });
});
