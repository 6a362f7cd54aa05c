import type { EventName, MethodName } from '../../shared/contract';
import type { RawTransport } from './transport';
import { currentSessionId, onSessionIdChange } from './session-id';

const TOKEN_KEY = 'dosedesk.token';

/**
 * Reads the per-run token from the address the host printed (`#token=…`), keeps it for this tab
 * only and removes it from the address bar so it is not shown or bookmarked.
 */
export function takeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * Calls over HTTP POST, events over one WebSocket that reconnects by itself. Every call carries the
 * tab's staff session (`X-DoseDesk-Session`); the socket is told the session when it opens and
 * whenever staff sign in, switch or sign out, so personal events follow the person at the screen.
 */
export function createHttpTransport(token: string, language: () => string): RawTransport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let retry = 500;

  const connect = () => {
    const url = new URL('/events', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    const session = currentSessionId();
    if (session) url.searchParams.set('session', session);
    socket = new WebSocket(url);
    socket.onopen = () => {
      retry = 500;
    };
    socket.onmessage = (message) => {
      try {
        const { event, payload } = JSON.parse(String(message.data)) as { event: string; payload: unknown };
        for (const listener of listeners.get(event) ?? []) listener(payload);
      } catch {
        // A malformed frame is dropped; the next status push repairs the view.
      }
    };
    socket.onclose = () => {
      socket = null;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10_000);
    };
  };

  onSessionIdChange((id) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ session: id }));
  });

  return {
    kind: 'http',
    async call(method: MethodName, args: unknown) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-DoseDesk-Lang': language() };
      const session = currentSessionId();
      if (session) headers['X-DoseDesk-Session'] = session;
      const response = await fetch(`/api/${encodeURIComponent(method)}`, { method: 'POST', headers, body: JSON.stringify(args) });
      return response.json();
    },
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      if (!socket) connect();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
