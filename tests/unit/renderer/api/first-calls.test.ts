import { describe, expect, it } from 'vitest';
import { createClient, withFirstCallsSent, type RawTransport } from '../../../../src/renderer/api/transport';

/** A transport that records each call and answers each with a fresh reading of the station. */
function countingTransport() {
  const calls: { method: string; args: unknown }[] = [];
  let reading = 0;
  const status = () => ({ ok: true, result: { staff: null, reading: ++reading } });
  const raw: RawTransport = {
    kind: 'http',
    call: async (method, args) => {
      calls.push({ method, args });
      if (method === 'staff.current') return { ok: false, error: { code: 'unauthorized', message: 'niet aangemeld' } };
      return status();
    },
    subscribe: () => () => {},
  };
  return { raw, calls };
}

describe('the first screen reads sent before React renders', () => {
  it('sends them at once, hands each answer to the first asking call, and asks again after', async () => {
    const { raw, calls } = countingTransport();
    const client = withFirstCallsSent(createClient(raw), ['staff.current']);
    expect(calls.map((c) => c.method)).toEqual(['staff.current']);
    await expect(client['staff.current']({})).rejects.toMatchObject({ code: 'unauthorized' });
    expect(calls).toHaveLength(1);
    await expect(client['staff.current']({})).rejects.toMatchObject({ code: 'unauthorized' });
    expect(calls).toHaveLength(2);
  });

  it('never hands the early answer to a call with arguments, and keeps the rest of the client', async () => {
    const { raw, calls } = countingTransport();
    const plain = createClient(raw);
    const client = withFirstCallsSent(plain, ['staff.current']);
    await client['staff.current']({ unexpected: true } as never).catch(() => {});
    expect(calls.map((c) => c.args)).toEqual([{}, { unexpected: true }]);
    expect(client.transport).toBe('http');
    expect(typeof client.on).toBe('function');
    expect(client['products.list']).toBe(plain['products.list']);
  });
});
