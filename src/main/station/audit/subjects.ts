import { personSubject } from './audit-log';

const MAX_SUBJECTS = 50;
const MAX_DEPTH = 5;
const ID_KEY = /^(id|[a-z][A-Za-z]*Id)$/;
const ID_VALUE = /^[A-Za-z0-9._:-]{1,80}$/;
/** Bearer secrets look like ids (`sessionId`, `tokenId`): never written to the trail. */
const SECRET_KEY = /session|token|secret|key|pin|password/i;

/**
 * Which records a call touched, read from its arguments and result: people by a keyed digest of
 * their `ssin`, records by `<key>:<id>` for `id` / `…Id` fields, sign-in attempts by `login`.
 * Only these keys are looked at, so a PIN or free text never reaches the trail.
 */
export function collectSubjects(values: readonly unknown[], key: Buffer, rootKind = 'record'): string[] {
  const found = new Set<string>();
  let truncated = 0;
  const add = (subject: string) => {
    if (found.has(subject)) return;
    if (found.size < MAX_SUBJECTS) found.add(subject);
    else truncated++;
  };
  const visit = (value: unknown, depth: number, parentKey: string | null): void => {
    if (depth > MAX_DEPTH || value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1, parentKey);
      return;
    }
    if (typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY.test(k)) continue;
      if (typeof v === 'string') {
        if (k === 'ssin' && /^\d{11}$/.test(v)) add(personSubject(key, v));
        else if (k === 'login' && v.length <= 40) add(`login:${v.replace(/[\s./-]/g, '')}`);
        else if (ID_KEY.test(k) && ID_VALUE.test(v)) add(`${k === 'id' ? (parentKey ?? rootKind) : k.slice(0, -2)}:${v}`);
      } else {
        visit(v, depth + 1, k);
      }
    }
  };
  for (const value of values) visit(value, 0, null);
  const list = [...found];
  if (truncated > 0) list.push(`+${truncated} more`);
  return list;
}
