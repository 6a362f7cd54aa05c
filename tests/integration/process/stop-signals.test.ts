import { afterAll, describe, expect, it } from 'vitest';
import { callHost, removeStationFolder, signInOverHttp, startHostProcess, type HostProcess } from '../../e2e/support/host-process';

const folders: string[] = [];
afterAll(() => folders.forEach(removeStationFolder));

/** Sends the signal and resolves with how the process ended: an exit code, or the signal that killed it. */
function ending(host: HostProcess, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    host.child.once('exit', (code, killedBy) => resolve({ code, signal: killedBy }));
    host.child.kill(signal);
  });
}

describe('the built host stops cleanly on SIGTERM and SIGINT', () => {
  it('after a settings write has loaded conf, whose when-exit raises the signal again', async () => {
    const first = await startHostProcess({ ready: true });
    folders.push(first.dataDir);
    await first.stop({ keepData: true });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      // A folder with its settings file: conf loads at the first write, after the host listens.
      const host = await startHostProcess({ dataDir: first.dataDir, ready: true });
      const supervisor = await signInOverHttp(host, 'SUP01');
      const updated = await callHost(host, 'settings.update', { language: 'fr' }, supervisor);
      expect(updated.ok).toBe(true);
      expect(await ending(host, signal), signal).toEqual({ code: 0, signal: null });
    }
  }, 60_000);

  it('asked to stop while a first demo start seeds, it closes once opened, and the next start finds the demo whole', async () => {
    const host = await startHostProcess({});
    folders.push(host.dataDir);
    // The address is printed before the station has loaded: the seed has not finished.
    expect(await ending(host, 'SIGTERM')).toEqual({ code: 0, signal: null });
    const again = await startHostProcess({ dataDir: host.dataDir, ready: true });
    const supervisor = await signInOverHttp(again, 'SUP01');
    const staff = await callHost<{ staff: unknown[] }>(again, 'staff.list', {}, supervisor);
    expect(staff.ok && staff.result.staff.length).toBeGreaterThanOrEqual(3);
    // The demo citizens came with it: the seed ran to its end, in one piece.
    const found = await callHost<{ known: boolean; invitation: unknown }>(again, 'checkin.lookup', { ssin: '85073000457' }, supervisor);
    expect(found.ok && found.result.known && found.result.invitation !== null, JSON.stringify(found)).toBe(true);
    await again.stop({ keepData: true });
  }, 60_000);
});
