import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { openConfSettings } from '../../../src/main/adapters/settings/conf-settings';
import { checkPrinterDevicePath } from '../../../src/main/adapters/printer/device-path';
import { createPrinter } from '../../../src/main/adapters/printer/printer';
import { DeviceTransport } from '../../../src/main/adapters/printer/device-transport';
import { NotAPrinterError } from '../../../src/main/adapters/printer/transport';
import { PrintWorker } from '../../../src/main/station/printing/worker';
import { enqueuePrintJob, getJob } from '../../../src/main/station/printing/queue';
import { sampleCard } from '../../../src/domain/card/sample';
import { translate } from '../../../src/shared/i18n/translate';
import { makeTempDir } from '../../support/temp-dir';
import { openTestStation } from '../../support/station';
import { tempDb, until } from './helpers';

// Roles are switched off here on purpose: this file tests another boundary than staff permissions
// (those are tested with signed-in calls in tests/integration/staff and the adversarial suite).

const NOW = new Date('2021-05-03T08:15:00Z');
const printer = (uri: string) => ({ uri, type: 'epson' as const, width: '80' as const, paper: 'receipt' as const });
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

/** A folder under /dev/shm (a tmpfs inside /dev) so that "under /dev but not a device" can be tried. */
function devShmDir(): string {
  const dir = join('/dev/shm', `dosedesk-printer-${process.pid}-${cleanups.length}`);
  mkdirSync(dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('printer device paths', () => {
  it('settings.update refuses a device path that is not a printer device, with a translated error, and keeps settings.json', () => {
    const t = makeTempDir();
    cleanups.push(t.cleanup);
    const victim = join(t.dir, 'x');
    mkdirSync(victim);
    const target = join(victim, 'not-a-printer.txt');
    const shm = devShmDir();
    writeFileSync(join(shm, 'file.bin'), '');
    symlinkSync(target, join(shm, 'link'));
    const store = openConfSettings(t.dir);
    store.update({ centreName: 'Heysel' });
    const before = readFileSync(join(t.dir, 'settings.json'), 'utf8');
    const attempts = [
      `/dev/..${target}`,
      `/dev/null/../..${victim}`,
      join(shm, 'file.bin'),
      join(shm, 'link'),
      shm,
      '/dev/usb/lp97',
      '/dev/null',
      '/dev/kmsg',
      '/dev/tty',
      '/dev/stdout',
    ];
    for (const uri of attempts) {
      let code = '';
      try {
        store.update({ printer: printer(uri) });
      } catch (error) {
        code = (error as { code?: string }).code ?? '';
      }
      expect(code, uri).toBe('printing.not_a_device');
    }
    expect(readFileSync(join(t.dir, 'settings.json'), 'utf8')).toBe(before);
    expect(existsSync(target)).toBe(false);
    for (const lang of ['nl', 'fr', 'de', 'en'] as const) {
      expect(translate(lang, 'error.printing.not_a_device', { path: '/dev/../tmp/x' })).toContain('/dev/../tmp/x');
    }
  });

  it('the station\'s settings.update answers the refusal in the caller\'s language and prints to no file', async () => {
    // Roles off: the refusal of a device path by settings.update is under test, not who may call it.
    const station = openTestStation({ enforceRoles: false });
    cleanups.push(station.cleanup);
    const victim = join(station.dataDir, 'x');
    mkdirSync(victim);
    for (const uri of [`/dev/..${victim}/not-a-printer.txt`, `/dev/null/../..${victim}`]) {
      const answer = await station.dispatch('settings.update', { printer: printer(uri) }, { language: 'fr', transport: 'http' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'printing.not_a_device', message: translate('fr', 'error.printing.not_a_device', { path: uri }) } });
    }
    expect(station.ctx.settings.get().printer.uri).toBe('none');
    expect(existsSync(join(victim, 'not-a-printer.txt'))).toBe(false);
  });

  it('settings.update keeps accepting tcp://, os:NAME, none and a printer character device', () => {
    const t = makeTempDir();
    cleanups.push(t.cleanup);
    const store = openConfSettings(t.dir);
    for (const uri of ['tcp://10.0.0.5:9100', 'os:Receipt Printer', 'none']) expect(store.update({ printer: printer(uri) }).printer.uri).toBe(uri);
    // A USB printer node (major 180, usblp) made with mknod: stat is enough for the setting.
    const node = join(devShmDir(), 'lp0');
    try {
      execFileSync('mknod', [node, 'c', '180', '0'], { stdio: 'ignore' });
    } catch {
      console.warn('SKIPPED the character-device half: mknod is not permitted here');
      return;
    }
    expect(checkPrinterDevicePath(node)).toBe(node);
    expect(store.update({ printer: printer(node) }).printer.uri).toBe(node);
    // Unchanged printer: not checked again (an unplugged printer does not block other settings).
    rmSync(node);
    expect(store.update({ language: 'fr' }).language).toBe('fr');
  });

  it('the device transport refuses a regular file at open time and writes nothing to it', async () => {
    const t = makeTempDir();
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'capture.bin');
    writeFileSync(file, 'before');
    await expect(new DeviceTransport(file, 'epson').open()).rejects.toBeInstanceOf(NotAPrinterError);
    await expect(new DeviceTransport(join(t.dir, 'absent'), 'epson').open()).rejects.toMatchObject({ phase: 'connect' });
    expect(readFileSync(file, 'utf8')).toBe('before');
    expect(existsSync(join(t.dir, 'absent'))).toBe(false);
    // A character device opens (here /dev/null: it takes bytes and never answers status).
    const session = await new DeviceTransport('/dev/null', 'epson', 30).open();
    await session.write(new Uint8Array([0x1b, 0x40]));
    expect(await session.status()).toMatchObject({ condition: 'offline' });
    session.close();
  });

  it('the print worker fails a card whose printer path is a regular file: nothing written, a clear problem for staff', async () => {
    const { db, dir } = tempDb('not-a-device');
    cleanups.push(() => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const file = join(dir, 'not-a-printer.txt');
    writeFileSync(file, '');
    const target = createPrinter(printer(file));
    const worker = new PrintWorker({ db, clock: new ManualClock(NOW), printer: () => target, retryMs: 20, idleCheckMs: 20 });
    const id = enqueuePrintJob(db, sampleCard({ language: 'nl', fullName: 'Zoë Müller-Weiß', now: NOW }), NOW);
    worker.start();
    try {
      await until(() => getJob(db, id).state === 'failed');
    } finally {
      await worker.stop();
    }
    expect(getJob(db, id)).toMatchObject({ state: 'failed', problem: 'printing.problem.not_a_device' });
    expect(readFileSync(file).length).toBe(0);
  });
});
