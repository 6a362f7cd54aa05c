import { describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, ipcChannel, METHOD_NAMES } from '../../../src/shared/contract';

// The one fake at this edge: Electron's binary is not installed here, so the preload runs
// against a recorder of what it hands to contextBridge and ipcRenderer.
const exposed: Record<string, unknown> = {};
const invoked: [string, unknown][] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke: (channel: string, args: unknown) => {
      invoked.push([channel, args]);
      return Promise.resolve({ ok: true, result: null });
    },
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));

describe('preload bridge', () => {
  it('exposes exactly the contract: one function per method, a subscription per event, nothing raw', async () => {
    await import('../../../src/preload/preload');
    expect(Object.keys(exposed)).toEqual(['dosedesk']);
    const bridge = exposed.dosedesk as { call: Record<string, unknown>; on: unknown };
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
    expect(Object.keys(bridge.call).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.call)).toBe(true);
    expect(JSON.stringify(Object.keys(bridge))).not.toMatch(/ipc|send|invoke/i);
  });

  it('routes a call to its own fixed channel, and refuses unknown events', async () => {
    const bridge = exposed.dosedesk as { call: Record<string, (a: unknown) => Promise<unknown>>; on: (e: string, l: () => void) => () => void };
    await bridge.call['station.status']!({});
    expect(invoked.at(-1)).toEqual([ipcChannel('station.status'), {}]);
    expect(() => bridge.on('not-an-event', () => {})).toThrow();
    expect(typeof bridge.on(EVENT_NAMES[0]!, () => {})).toBe('function');
  });
});
