import type { OperationOutcome } from 'fhir/r4';

/** Helpers to read what a FHIR server said when it refused something. */

export function isOperationOutcome(value: unknown): value is OperationOutcome {
  return typeof value === 'object' && value !== null && (value as { resourceType?: unknown }).resourceType === 'OperationOutcome';
}

/** One line for staff and logs: the diagnostics of the error issues, at most `max` characters. */
export function outcomeSummary(value: unknown, max = 300): string | null {
  if (!isOperationOutcome(value)) return null;
  const issues = value.issue ?? [];
  const serious = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  const texts = (serious.length > 0 ? serious : issues)
    .map((i) => {
      const where = [...(i.expression ?? []), ...(i.location ?? [])][0];
      const what = i.diagnostics ?? i.details?.text ?? i.code;
      return where ? `${where}: ${what}` : what;
    })
    .filter((t): t is string => typeof t === 'string' && t.length > 0);
  if (texts.length === 0) return null;
  const line = texts.join('; ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Which transaction entry a refusal is about, when the server says so (HAPI and others put
 * `Bundle.entry[3]` in issue.expression, issue.location or the diagnostics). null when unknown.
 */
export function failingEntryIndex(value: unknown): number | null {
  if (!isOperationOutcome(value)) return null;
  for (const issue of value.issue ?? []) {
    for (const text of [...(issue.expression ?? []), ...(issue.location ?? []), issue.diagnostics ?? '']) {
      const m = /entry\[(\d+)\]/i.exec(text);
      if (m) return Number(m[1]);
    }
  }
  return null;
}

export function operationOutcome(
  code: OperationOutcome['issue'][number]['code'],
  diagnostics: string,
  expression?: string,
  severity: OperationOutcome['issue'][number]['severity'] = 'error',
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity, code, diagnostics, ...(expression ? { expression: [expression] } : {}) }],
  };
}
