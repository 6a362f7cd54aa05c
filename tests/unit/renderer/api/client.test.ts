import { describe, expect, it } from 'vitest';
import { createClient, type RawTransport } from '../../../../src/renderer/api/transport';

/** A transport that answers every call with `answer` and hands events to whoever subscribed. */
function transport(answer: unknown) {
  const calls: string[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const raw: RawTransport = {
    kind: 'http',
    call: async (method) => {
      calls.push(method);
      return answer;
    },
    subscribe: (event, listener) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  };
  return { raw, calls, emit: (event: string, payload: unknown) => listeners.get(event)?.(payload) };
}

describe('the renderer client, its contract loaded with the first call', () => {
  it('sends the call at once and checks the answer against the method’s result schema', async () => {
    const good = transport({ ok: true, result: { demo: true, pin: '1234', staff: [], citizens: [], vials: [] } });
    const client = createClient(good.raw);
    const answer = client['reports.demoGuide']({});
    expect(good.calls).toEqual(['reports.demoGuide']);
    await expect(answer).resolves.toMatchObject({ demo: true, pin: '1234' });
    // An answer the contract does not allow never reaches a screen.
    const bad = transport({ ok: true, result: { demo: 'yes' } });
    await expect(createClient(bad.raw)['reports.demoGuide']({})).rejects.toThrow();
    // The station's refusal comes as the UI's error, with its code.
    const refused = transport({ ok: false, error: { code: 'unauthorized', message: 'niet aangemeld' } });
    await expect(createClient(refused.raw)['staff.current']({})).rejects.toMatchObject({ name: 'StationCallError', code: 'unauthorized' });
  });

  it('is not a promise, has no methods outside the contract, and hands on only events that match theirs', async () => {
    const t = transport({ ok: true, result: null });
    const client = createClient(t.raw);
    expect((client as unknown as { then?: unknown }).then).toBeUndefined();
    await expect(Promise.resolve(client)).resolves.toBe(client);
    await expect((client as unknown as Record<string, (a: unknown) => Promise<unknown>>)['nothing.here']!({})).rejects.toThrow(/unknown method/);
    expect(client.transport).toBe('http');
    const seen: unknown[] = [];
    client.on('station.status', (status) => seen.push(status));
    t.emit('station.status', { not: 'a status' });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([]);
  });
});
