import type { ReactNode } from 'react';

/** A message box: `alert` for errors (announced at once), `status` for results (announced politely). */
export function Notice({ kind, children, testId }: { kind: 'error' | 'ok' | 'warn' | 'info'; children: ReactNode; testId?: string }) {
  const role = kind === 'error' ? 'alert' : 'status';
  return (
    <div className={`notice notice-${kind}`} role={role} data-testid={testId}>
      {children}
    </div>
  );
}

/** Shows `error` when there is one; nothing otherwise. */
export function ErrorNotice({ error, testId }: { error: string | null; testId?: string }) {
  return error ? (
    <Notice kind="error" testId={testId ?? 'error'}>
      {error}
    </Notice>
  ) : null;
}
