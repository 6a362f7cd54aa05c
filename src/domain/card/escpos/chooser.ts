import { isPrintableAscii, pageHolds, type CodePageName } from './codepages';
import type { PageSelect } from './profiles';

/** A run of a line printed with one code page (null: plain ASCII, any page will do). */
export interface Segment {
  readonly page: PageSelect | null;
  readonly text: string;
}

export type LinePlan =
  | { readonly kind: 'pages'; readonly segments: readonly Segment[] }
  /** Some characters are in none of the printer's pages: print the line as an image instead. */
  | { readonly kind: 'unencodable'; readonly chars: readonly string[] };

/**
 * Chooses code pages for one line of text. One page for the whole line when a page holds every
 * character (the usual case: é, ë, ü, ç, ß are all in CP858); otherwise the line is split into
 * runs, switching pages mid-line with the printer's select command (e.g. "Łukasiewicz-Müller":
 * CP852 holds both). A character no page holds makes the line unencodable: never a '?'.
 */
export function planLine(text: string, pages: readonly PageSelect[]): LinePlan {
  const chars = Array.from(text);
  const special = [...new Set(chars.filter((c) => !isPrintableAscii(c)))];
  if (special.length === 0) return { kind: 'pages', segments: [{ page: null, text }] };

  const whole = pages.find((p) => special.every((c) => pageHolds(p.name, c)));
  if (whole) return { kind: 'pages', segments: [{ page: whole, text }] };

  const missing = special.filter((c) => !pages.some((p) => pageHolds(p.name, c)));
  if (missing.length > 0) return { kind: 'unencodable', chars: missing };

  const segments: { page: PageSelect | null; text: string }[] = [];
  let current: { page: PageSelect | null; text: string } | undefined;
  chars.forEach((char, i) => {
    if (isPrintableAscii(char) || (current?.page && pageHolds(current.page.name, char))) {
      if (!current) current = { page: null, text: '' };
      current.text += char;
      return;
    }
    const page = bestPageFrom(chars, i, pages);
    if (current && current.page === null) {
      // An ASCII-only run so far can simply adopt the page.
      current.page = page;
      current.text += char;
      return;
    }
    if (current) segments.push(current);
    current = { page, text: char };
  });
  if (current) segments.push(current);
  return { kind: 'pages', segments };
}

/** The page that holds this character and the longest stretch of special characters after it. */
function bestPageFrom(chars: readonly string[], start: number, pages: readonly PageSelect[]): PageSelect {
  let best: PageSelect | undefined;
  let bestReach = -1;
  for (const page of pages) {
    if (!pageHolds(page.name, chars[start]!)) continue;
    let reach = 0;
    for (let j = start + 1; j < chars.length; j++) {
      const c = chars[j]!;
      if (isPrintableAscii(c)) continue;
      if (!pageHolds(page.name, c)) break;
      reach++;
    }
    if (reach > bestReach) {
      best = page;
      bestReach = reach;
    }
  }
  return best!;
}

export function pagesOf(plan: LinePlan): CodePageName[] {
  return plan.kind === 'pages' ? plan.segments.flatMap((s) => (s.page ? [s.page.name] : [])) : [];
}
