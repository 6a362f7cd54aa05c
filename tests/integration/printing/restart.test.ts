import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/main/adapters/clock';
import { openDatabase } from '../../../src/main/adapters/sqlite/database';
import { createPrinter } from '../../../src/main/adapters/printer/printer';
import { PrintWorker } from '../../../src/main/station/printing/worker';
import { enqueuePrintJob, getJob, reprintJob } from '../../../src/main/station/printing/queue';
import { sampleCard } from '../../../src/domain/card/sample';
import { VirtualPrinter } from '../../../src/devices/virtual-printer';
import { tempDb, until } from './helpers';

const NOW = new Date('2021-05-03T08:15:00Z');
const card = (n: number) => ({ ...sampleCard({ language: 'fr' as const, fullName: `Zoë Françoise ${n}`, now: NOW }), qrPayload: `CARD-${n}` });

describe('restart of the station', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('neither loses nor duplicates a card when the station dies mid-card and when it stops cleanly', async () => {
    const printer = await VirtualPrinter.start({ type: 'epson' });
    cleanup.push(() => printer.close());
    const { db, file } = tempDb('restart');
    const a = enqueuePrintJob(db, card(1), NOW);
    const b = enqueuePrintJob(db, card(2), NOW);
    db.close();

    // 1. A worker in another process sends card 1; the printer prints it and then stops
    //    answering, so the worker is caught between "sent" and "confirmed" when it is killed.
    printer.hangAfterSlip = true;
    // The worker itself (node --import tsx), not a tsx wrapper: killing a wrapper would leave the
    // worker running after the test. Its stdin is our pipe, so it also ends if this test process dies.
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/printing/fixtures/worker-process.ts', file, printer.uri], { stdio: ['pipe', 'pipe', 'pipe'] });
    cleanup.push(() => child.kill('SIGKILL'));
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    await printer.waitForSlips(1, 15_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${stderr}`);
    });
    const watcher = openDatabase(file);
    cleanup.push(() => watcher.close());
    await until(() => getJob(watcher, a).state === 'sending', 5000, 'card 1 sending');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(getJob(watcher, b).state).toBe('queued');

    // 2. The station starts again: card 1 may have printed, so it is not sent again by itself
    //    but shown as uncertain; card 2 prints once.
    printer.hangAfterSlip = false;
    const target = createPrinter({ uri: printer.uri, type: 'epson', width: '80', paper: 'receipt', tcp: { statusTimeoutMs: 500 } });
    const second = new PrintWorker({ db: watcher, clock: systemClock, printer: () => target, retryMs: 50, idleCheckMs: 100 });
    second.start();
    await printer.waitForSlips(2);
    expect(await second.idle()).toBe(true);
    expect(getJob(watcher, a)).toMatchObject({ state: 'uncertain', problem: 'printing.problem.interrupted', attempts: 1 });
    expect(getJob(watcher, b)).toMatchObject({ state: 'printed', attempts: 1 });
    expect(second.info()).toMatchObject({ uncertain: 1, helpKey: 'printing.help.uncertain' });

    // 3. A clean stop with a card queued behind it, then a third start: printed once.
    await second.stop();
    const c = enqueuePrintJob(watcher, card(3), NOW);
    const third = new PrintWorker({ db: watcher, clock: systemClock, printer: () => target, retryMs: 50, idleCheckMs: 100 });
    cleanup.push(() => third.stop());
    third.start();
    await printer.waitForSlips(3);
    expect(await third.idle()).toBe(true);
    expect(getJob(watcher, c).state).toBe('printed');

    // 4. Staff settle card 1 with a reprint: it comes out marked as a copy.
    reprintJob(watcher, a, NOW);
    await printer.waitForSlips(4);
    await new Promise((r) => setTimeout(r, 300));
    const printed = printer.slips.map((s) => `${s.qr[0]}${s.lines.includes('DUPLICATA') ? ' copy' : ''}`);
    expect(printed).toEqual(['CARD-1', 'CARD-2', 'CARD-3', 'CARD-1 copy']);
    const states = watcher.prepare('SELECT state, count(*) AS n FROM print_job GROUP BY state ORDER BY state').all();
    expect(states).toEqual([
      { state: 'printed', n: 3 },
      { state: 'uncertain', n: 1 },
    ]);
  });
});
