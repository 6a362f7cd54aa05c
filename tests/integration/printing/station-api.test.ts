import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methods } from '../../../src/shared/contract';
import type { PrinterInfo } from '../../../src/shared/api/printing';
import { ManualClock } from '../../../src/main/adapters/clock';
import { openConfSettings } from '../../../src/main/adapters/settings/conf-settings';
import type { StationContext } from '../../../src/main/station/base/context';
import { EventBus } from '../../../src/main/station/base/event-bus';
import type { StatusProviders } from '../../../src/main/station/shell/status';
import { printingHandlers, SAMPLE_NAME } from '../../../src/main/station/printing/handlers';
import { startPrintingService, type PrintingService } from '../../../src/main/station/printing/service';
import { VirtualPrinter } from '../../../src/devices/virtual-printer';
import { tempDb, tempDir, until } from './helpers';

const call = { language: 'en' as const, transport: 'http' as const };

describe('printing API of a station', () => {
  let printer: VirtualPrinter;
  let ctx: StationContext;
  let service: PrintingService;
  let handlers: ReturnType<typeof printingHandlers>;
  const providers: StatusProviders = {};
  const events: PrinterInfo[] = [];

  beforeEach(async () => {
    printer = await VirtualPrinter.start({ type: 'star', columns: 32 });
    const dir = tempDir('station-print');
    const settings = openConfSettings(dir, { language: 'nl', printer: { uri: printer.uri, type: 'star', width: '58', paper: 'receipt' } });
    const clock = new ManualClock('2021-05-03T08:15:00Z');
    ctx = { db: tempDb().db, clock, settings, events: new EventBus(), dataDir: dir, transport: 'http', startedAt: clock.now() };
    ctx.events.subscribe((event, payload) => event === 'printing.state' && events.push(payload as PrinterInfo));
    service = startPrintingService(ctx, { retryMs: 50, idleCheckMs: 100 });
    handlers = printingHandlers(ctx, providers, { service });
  });
  afterEach(async () => {
    await service.worker.stop();
    await printer.close();
    ctx.db.close();
  });

  it('prints a test page, lists it, previews it, reprints it as a copy, and feeds the status bar', async () => {
    const { jobId } = methods['printing.testPage'].result.parse(await handlers['printing.testPage']({}, call));
    const [slip] = await printer.waitForSlips(1);
    expect(slip!.lines).toContain(SAMPLE_NAME);
    expect(slip!.lines).toContain('Vaccinatiekaart');

    await until(() => providers.printer!().state === 'ready' && providers.printer!().queued === 0, 3000, 'ready');
    const jobs = methods['printing.jobs'].result.parse(await handlers['printing.jobs']({}, call));
    expect(jobs.jobs[0]).toMatchObject({ id: jobId, kind: 'test', state: 'printed', isCopy: false, citizenName: SAMPLE_NAME, language: 'nl' });
    expect(jobs.printer).toMatchObject({ state: 'ready', queued: 0, uncertain: 0 });
    expect(events.some((e) => e.state === 'ready')).toBe(true);

    const preview = methods['printing.preview'].result.parse(await handlers['printing.preview']({ jobId }, call));
    expect(preview.columns).toBe(32);
    expect(preview.lines).toContainEqual({ kind: 'text', text: SAMPLE_NAME, bold: true, size: 'normal', align: 'left' });
    const sample = await handlers['printing.preview']({ sample: { language: 'fr', fullName: 'Łucja Nowak' }, width: '80' }, call);
    expect(sample.columns).toBe(48);
    expect(sample.lines.some((l) => l.kind === 'text' && l.text === 'Carte de vaccination')).toBe(true);

    const copy = await handlers['printing.reprint']({ jobId }, call);
    const slips = await printer.waitForSlips(2);
    expect(slips[1]!.lines).toContain('KOPIE');
    const after = await handlers['printing.jobs']({ limit: 1 }, call);
    expect(after.jobs[0]).toMatchObject({ id: copy.jobId, isCopy: true, copyOf: jobId });
  });

  it('shows paper out in the status bar with the cards waiting', async () => {
    printer.setCondition('paper_out');
    await handlers['printing.testPage']({ language: 'de' }, call);
    await until(() => providers.printer!().state === 'paper_out', 3000, 'paper_out');
    expect(providers.printer!()).toEqual({ state: 'paper_out', queued: 1 });
    expect(events.at(-1)).toMatchObject({ state: 'paper_out', helpKey: 'printing.help.paper_out' });
    printer.setCondition('ready');
    const [slip] = await printer.waitForSlips(1);
    expect(slip!.lines).toContain('Impfkarte');
  });
});
