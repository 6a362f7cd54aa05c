import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { DEFAULT_PRODUCTS } from '../../../src/domain/vaccines/products';
import { ensureProducts } from '../../../src/main/station/products/products';
import { drawDose } from '../../../src/main/station/vials/vials';
import type { CallEnvelope } from '../../../src/shared/envelope';
import type { EndOfDayReport } from '../../../src/shared/api/reports';
import { openTestStation, signedInCall } from '../../support/station';
import { extractPdfText } from '../../support/pdf-text';

/** Comirnaty (GTIN 05413868120110), expiry 2027-12-31: lots FE1234 and FE5678. */
const VIAL = ']d2010541386812011017271231' + '10FE1234';
const OTHER_LOT = ']d2010541386812011017271231' + '10FE5678';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('end-of-day report: doses thrown away by reason', () => {
  it('counts the doses left in vials closed that day by the reason given, in JSON, CSV and PDF', async () => {
    const clock = new ManualClock('2026-03-04T15:00:00Z');
    const s = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1' } });
    cleanup = s.cleanup;
    ensureProducts(s.ctx.db, DEFAULT_PRODUCTS, clock.now());
    const nurse = signedInCall(s, 'vaccinator');
    const boss = signedInCall(s, 'supervisor');
    const call = async <T,>(method: string, args: unknown, info = nurse): Promise<T> => {
      const envelope = (await s.dispatch(method, args, info)) as CallEnvelope;
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code}`);
      return envelope.result as T;
    };
    const first = await call<{ vial: { id: string }; lot: { lotId: string } }>('vials.use', { text: VIAL });
    drawDose(s.ctx.db, first.vial.id, 'comirnaty', first.lot.lotId, clock.now());
    const second = await call<{ vial: { id: string } }>('vials.use', { text: OTHER_LOT });
    await call('vials.close', { vialId: first.vial.id, reason: 'contaminated' });
    await call('vials.close', { vialId: second.vial.id, reason: 'end_of_session' }, boss);

    const { report } = await call<{ report: EndOfDayReport }>('reports.endOfDay', { date: '2026-03-04', format: 'json' }, boss);
    expect(report.vials.wasted).toEqual({
      total: 11,
      byReason: [
        { reason: 'contaminated', count: 5 },
        { reason: 'end_of_session', count: 6 },
      ],
    });

    const german = { ...boss, language: 'de' as const };
    const csv = await call<{ file: { base64: string } }>('reports.endOfDay', { date: '2026-03-04', format: 'csv' }, german);
    const text = Buffer.from(csv.file.base64, 'base64').toString('utf8');
    expect(text).toContain('Geöffnete Fläschchen;Verworfene Dosen;11\r\n');
    expect(text).toContain('Geöffnete Fläschchen;Verworfen: Verunreinigt oder heruntergefallen;5\r\n');
    expect(text).toContain('Geöffnete Fläschchen;Verworfen: Ende der Sitzung;6\r\n');

    const pdf = await call<{ file: { base64: string } }>('reports.endOfDay', { date: '2026-03-04', format: 'pdf' }, german);
    const { runs } = await extractPdfText(Buffer.from(pdf.file.base64, 'base64'));
    expect(runs.map((r) => r.text)).toContain('Verworfen: Ende der Sitzung');

    // The next day counts nothing of it.
    const next = await call<{ report: EndOfDayReport }>('reports.endOfDay', { date: '2026-03-05', format: 'json' }, boss);
    expect(next.report.vials.wasted).toEqual({ total: 0, byReason: [] });
  });
});
