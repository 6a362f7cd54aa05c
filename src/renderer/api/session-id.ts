/**
 * The staff session id of this browser tab (Node host only): `staff.signIn` returns it, every later
 * call sends it as `X-DoseDesk-Session`, and the event socket is told about it so personal events
 * (the eID chip) reach only an unlocked session. Kept in sessionStorage: it dies with the tab.
 * In Electron the window is the session and this id is never sent.
 */
const KEY = 'dosedesk.session';
const listeners = new Set<(id: string | null) => void>();

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function currentSessionId(): string | null {
  return storage()?.getItem(KEY) ?? null;
}

export function setSessionId(id: string | null): void {
  const store = storage();
  if (id) store?.setItem(KEY, id);
  else store?.removeItem(KEY);
  for (const listener of listeners) listener(id);
}

export function onSessionIdChange(listener: (id: string | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
