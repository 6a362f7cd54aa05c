import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrinterInfo } from '../../../src/shared/api/printing';
import { ManualClock } from '../../../src/main/adapters/clock';
import type { Db } from '../../../src/main/adapters/sqlite/database';
import { createPrinter } from '../../../src/main/adapters/printer/printer';
import { PrintWorker } from '../../../src/main/station/printing/worker';
import { confirmJob, enqueuePrintJob, getJob, queueCounts, reprintJob } from '../../../src/main/station/printing/queue';
import { sampleCard } from '../../../src/domain/card/sample';
import type { CardModel } from '../../../src/domain/card/card-model';
import { VirtualPrinter } from '../../../src/devices/virtual-printer';
import { tempDb, until } from './helpers';

const NOW = new Date('2021-05-03T08:15:00Z');
const card = (n: number, lang: CardModel['citizen']['language'] = 'nl'): CardModel => ({
  ...sampleCard({ language: lang, fullName: `Zoë Müller-Weiß ${n}`, now: NOW }),
  qrPayload: `CARD-${n}`,
  shortCode: `C-${n}`,
});

describe('print queue and worker', () => {
  let db: Db;
  let printer: VirtualPrinter;
  let worker: PrintWorker;
  let states: PrinterInfo[];
  const clock = new ManualClock(NOW);

  beforeEach(async () => {
    db = tempDb().db;
    printer = await VirtualPrinter.start({ type: 'epson' });
    states = [];
    const target = createPrinter({ uri: printer.uri, type: 'epson', width: '80', paper: 'receipt', tcp: { statusTimeoutMs: 300, connectTimeoutMs: 500 } });
    worker = new PrintWorker({ db, clock, printer: () => target, retryMs: 50, idleCheckMs: 100, onState: (info) => states.push(info) });
  });
  afterEach(async () => {
    await worker.stop();
    await printer.close();
    db.close();
  });

  it('enqueues inside the caller’s transaction: a rolled-back dose leaves no card, and nothing waits for the printer', () => {
    const dose = db.transaction((fail: boolean) => {
      db.prepare("INSERT INTO station_meta (key, value, updated_at) VALUES ('last-dose', 'x', 't') ON CONFLICT(key) DO UPDATE SET value = 'y'").run();
      const id = enqueuePrintJob(db, card(1), NOW, { recordId: 'dose-1' });
      if (fail) throw new Error('dose refused');
      return id;
    });
    expect(() => dose(true)).toThrow('dose refused');
    expect(queueCounts(db).queued).toBe(0);
    // The dose commits with its card queued; nothing is sent to the printer inside the transaction.
    const id = dose(false);
    expect(getJob(db, id)).toMatchObject({ state: 'queued', record_id: 'dose-1', is_copy: 0, attempts: 0 });
    expect(printer.slips).toHaveLength(0);
  });

  it('prints each queued card exactly once, oldest first', async () => {
    for (const n of [1, 2, 3]) enqueuePrintJob(db, card(n), NOW);
    worker.start();
    const slips = await printer.waitForSlips(3);
    expect(await worker.idle()).toBe(true);
    expect(slips.map((s) => s.qr[0])).toEqual(['CARD-1', 'CARD-2', 'CARD-3']);
    await new Promise((r) => setTimeout(r, 300));
    expect(printer.slips).toHaveLength(3);
    expect(db.prepare("SELECT count(*) AS n FROM print_job WHERE state = 'printed'").get()).toEqual({ n: 3 });
    expect(worker.info()).toMatchObject({ state: 'ready', queued: 0, uncertain: 0 });
  });

  it('holds the job while the paper is out and resumes by itself when paper is back', async () => {
    printer.setCondition('paper_out');
    const id = enqueuePrintJob(db, card(1), NOW);
    worker.start();
    await until(() => printer.statusRequests >= 9, 5000, 'three status rounds');
    expect(worker.info()).toMatchObject({ state: 'paper_out', queued: 1, stateKey: 'printing.state.paper_out', helpKey: 'printing.help.paper_out' });
    expect(states.some((s) => s.state === 'paper_out')).toBe(true);
    // Nothing was sent: no slip printed and none waiting in the printer's buffer.
    expect(printer.slips).toHaveLength(0);
    expect(printer.held).toHaveLength(0);
    expect(getJob(db, id)).toMatchObject({ state: 'queued', attempts: 0 });

    printer.setCondition('ready');
    const [slip] = await printer.waitForSlips(1);
    expect(slip!.qr).toEqual(['CARD-1']);
    await until(() => getJob(db, id).state === 'printed', 2000, 'printed');
    expect(getJob(db, id).attempts).toBe(1);
    expect(worker.info().state).toBe('ready');
  });

  it('waits out a cover left open and a printer that is switched off or silent', async () => {
    printer.setCondition('cover_open');
    enqueuePrintJob(db, card(1), NOW);
    worker.start();
    await until(() => worker.info().state === 'cover_open', 3000, 'cover_open');
    printer.setCondition('ready');
    await printer.waitForSlips(1);

    await printer.setOffline('refuse');
    enqueuePrintJob(db, card(2), NOW);
    await until(() => worker.info().state === 'offline', 3000, 'offline (refused)');
    await printer.setOffline(false);
    await printer.waitForSlips(2);

    await printer.setOffline('silent');
    enqueuePrintJob(db, card(3), NOW);
    await until(() => worker.info().state === 'offline', 3000, 'offline (silent)');
    expect(printer.slips).toHaveLength(2);
    await printer.setOffline(false);
    const slips = await printer.waitForSlips(3);
    expect(slips.map((s) => s.qr[0])).toEqual(['CARD-1', 'CARD-2', 'CARD-3']);
  });

  it('marks a card uncertain when the paper runs out during it, never resends it, and reprints it as a COPY', async () => {
    printer.once('slip', () => printer.setCondition('paper_out'));
    const id = enqueuePrintJob(db, card(1, 'de'), NOW);
    worker.start();
    await until(() => getJob(db, id).state === 'uncertain', 3000, 'uncertain');
    expect(getJob(db, id).problem).toBe('printing.problem.after_paper_out');
    expect(worker.info()).toMatchObject({ state: 'paper_out', uncertain: 1 });
    printer.setCondition('ready');
    await until(() => worker.info().state === 'ready', 3000, 'ready again');
    expect(worker.info().helpKey).toBe('printing.help.uncertain');
    await new Promise((r) => setTimeout(r, 300));
    expect(printer.slips).toHaveLength(1);

    const copyId = reprintJob(db, id, NOW);
    const slips = await printer.waitForSlips(2);
    expect(slips[1]!.lines).toContain('KOPIE');
    expect(slips[0]!.lines).not.toContain('KOPIE');
    expect(getJob(db, copyId)).toMatchObject({ is_copy: 1, copy_of: id });
    await until(() => getJob(db, copyId).state === 'printed', 2000, 'copy printed');
    expect(getJob(db, id)).toMatchObject({ state: 'uncertain', resolution: 'reprinted' });
    expect(worker.info().uncertain).toBe(0);
    expect(() => confirmJob(db, id, NOW)).toThrow(expect.objectContaining({ code: 'printing.not_uncertain' }));
  });

  it('lets staff confirm an uncertain card, and refuses to reprint a card still waiting', async () => {
    printer.setCondition('paper_out');
    const waiting = enqueuePrintJob(db, card(1), NOW);
    expect(() => reprintJob(db, waiting, NOW)).toThrow(expect.objectContaining({ code: 'printing.not_reprintable' }));
    db.prepare("UPDATE print_job SET state = 'uncertain', problem = 'printing.problem.write_failed' WHERE id = ?").run(waiting);
    const row = confirmJob(db, waiting, NOW);
    expect(row).toMatchObject({ state: 'printed', resolution: 'confirmed' });
    const events = db.prepare('SELECT from_state, to_state, detail FROM print_job_event WHERE job_id = ? ORDER BY seq').all(waiting);
    expect(events).toEqual([
      { from_state: null, to_state: 'queued', detail: null },
      { from_state: 'uncertain', to_state: 'printed', detail: 'confirmed by staff' },
    ]);
  });
});
