import { afterEach, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { ManualClock } from '../../../src/main/adapters/clock';
import { csvCell, reportCsv } from '../../../src/main/station/reports/csv';
import { demoVialCode } from '../../../src/main/station/reports/demo-guide';
import type { CallEnvelope } from '../../../src/shared/envelope';
import type { DemoGuide, EndOfDayReport } from '../../../src/shared/api/reports';
import { openTestStation, signedInCall } from '../../support/station';
import { extractPdfText } from '../../support/pdf-text';

const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

/** A demo station on a Wednesday morning in Brussels, with one dose given, one voided, a vial open. */
async function dayWithDoses(options: { enforceRoles?: boolean } = {}) {
  const clock = new ManualClock('2026-03-04T09:30:00Z');
  const station = openTestStation({ clock, enforceRoles: options.enforceRoles ?? false });
  stations.push(station);
  station.seedDemo();
  const nurse = signedInCall(station, 'vaccinator', { displayName: 'Dr. Test' });
  const call = async <T,>(method: string, args: unknown, info = nurse): Promise<T> => {
    const envelope = (await station.dispatch(method, args, info)) as CallEnvelope;
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.result as T;
  };
  const lot = await call<{ lotId: string }>('vials.scan', { text: demoVialCode('05413868120110', '2049-12-31', 'DEMOCOM01') });
  const vial = await call<{ id: string }>('vials.open', { lotId: lot.lotId, openedBy: 'Dr. Test' });
  const vaccinator = { nihdi: nurse.staff.nihdi!, name: nurse.staff.displayName };
  await call('booking.administer', { ssin: '85073000457', lotId: lot.lotId, vialId: vial.id, vaccinator });
  clock.advance(60_000);
  const second = await call<{ dose: { id: string } }>('booking.administer', { ssin: '90110202242', lotId: lot.lotId, vialId: vial.id, vaccinator });
  await call('booking.voidDose', { doseId: second.dose.id, reason: 'Recorded for the wrong person', by: { ...vaccinator, role: 'vaccinator' } });
  return { station, clock, call, nurse };
}

describe('end-of-day report', () => {
  it('counts the day: doses by product and vaccinator, voided doses, next-dose bookings, vials, cards', async () => {
    const { call, nurse } = await dayWithDoses();
    const { report, file } = await call<{ report: EndOfDayReport; file: null }>('reports.endOfDay', { date: '2026-03-04', format: 'json' });
    expect(file).toBeNull();
    expect(report.date).toBe('2026-03-04');
    expect(report.doses.total).toBe(1);
    expect(report.doses.voided).toBe(1);
    expect(report.doses.byProduct).toEqual([{ productCode: 'comirnaty', productName: 'Comirnaty (Pfizer-BioNTech)', byDoseNumber: [{ doseNumber: 1, count: 1 }], total: 1 }]);
    expect(report.doses.byVaccinator).toEqual([{ nihdi: nurse.staff.nihdi, name: 'Dr. Test', count: 1 }]);
    expect(report.doses.byStation).toEqual([{ stationId: 'station-1', count: 1 }]);
    // The voided dose cancelled the appointment booked from it; the other one stands.
    expect(report.appointments.bookedForLater).toBe(1);
    expect(report.appointments.cancelled).toBe(0);
    expect(report.vials).toMatchObject({ opened: 1, stillOpen: 1, dosesDrawn: 2, dosesLeft: 4 });
    expect(report.printing.waiting + report.printing.printed).toBe(2);
    expect(report.sync.waiting).toBeGreaterThan(0);
    // Another day has nothing.
    const other = await call<{ report: EndOfDayReport }>('reports.endOfDay', { date: '2026-03-03', format: 'json' });
    expect(other.report.doses.total).toBe(0);
    expect(other.report.vials.opened).toBe(0);
  });

  it('gives the same figures as CSV in the caller’s language and as a PDF', async () => {
    const { call, nurse } = await dayWithDoses();
    const csv = await call<{ file: { fileName: string; mimeType: string; base64: string } }>('reports.endOfDay', { date: '2026-03-04', format: 'csv' }, { ...nurse, language: 'fr' });
    expect(csv.file.fileName).toBe('dosedesk-station-1-2026-03-04.csv');
    const text = Buffer.from(csv.file.base64, 'base64').toString('utf8');
    // Belgian spreadsheets: `;` between cells, Brussels local times (09:31 UTC is 10:31 in March), a BOM.
    expect(text.startsWith('\ufeffSection;Élément;Valeur\r\n')).toBe(true);
    expect(text).toContain('Doses administrées;"Comirnaty (Pfizer-BioNTech), dose 1";1\r\n');
    expect(text).toContain('Doses administrées;Doses annulées (saisies par erreur);1\r\n');
    expect(text).toContain(';Établi le;2026-03-04 10:31\r\n');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const pdf = await call<{ file: { mimeType: string; base64: string } }>('reports.endOfDay', { date: '2026-03-04', format: 'pdf' });
    expect(pdf.file.mimeType).toBe('application/pdf');
    const doc = await PDFDocument.load(Buffer.from(pdf.file.base64, 'base64'));
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toContain('End-of-day report 2026-03-04');
    const { runs } = await extractPdfText(Buffer.from(pdf.file.base64, 'base64'));
    expect(runs.map((r) => r.text)).toContain('Given by Dr. Test');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell('Dose 1, Comirnaty')).toBe('"Dose 1, Comirnaty"');
  });

  it('quotes a value holding the separator or quotes, so it stays one cell', async () => {
    expect(csvCell('Heysel; hall 5')).toBe('"Heysel; hall 5"');
    expect(csvCell('Centre "De Markt"')).toBe('"Centre ""De Markt"""');
    expect(csvCell('plain')).toBe('plain');
    const { call } = await dayWithDoses();
    const { report } = await call<{ report: EndOfDayReport }>('reports.endOfDay', { date: '2026-03-04', format: 'json' });
    const text = reportCsv({ ...report, centreName: 'Heysel; "Hal 5"' }, [], 'nl');
    expect(text.split('\r\n')[1]).toBe('Rapport;Centrum;"Heysel; ""Hal 5"""');
  });

  it('is for supervisors only; the demo guide is public, and empty outside the demo', async () => {
    const { station } = await dayWithDoses({ enforceRoles: true });
    const desk = signedInCall(station, 'checkin');
    const boss = signedInCall(station, 'supervisor');
    expect(await station.dispatch('reports.endOfDay', { format: 'json' }, desk)).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
    expect(await station.dispatch('reports.endOfDay', { format: 'json' }, boss)).toMatchObject({ ok: true });
    const guide = (await station.dispatch('reports.demoGuide', {}, { language: 'en', transport: 'http' })) as CallEnvelope & { result: DemoGuide };
    expect(guide.ok).toBe(true);
    expect(guide.result.demo).toBe(true);
    expect(guide.result.citizens).toHaveLength(22);
    expect(guide.result.staff.map((s: { login: string }) => s.login)).toEqual(['12345678901', 'CHK01', 'SUP01']);
    expect(guide.result.vials[0]!.gs1).toBe('01054138681201101749123110DEMOCOM01');

    const plain = openTestStation();
    stations.push(plain);
    const none = (await plain.dispatch('reports.demoGuide', {}, { language: 'en', transport: 'http' })) as CallEnvelope & { result: DemoGuide };
    expect(none.result).toEqual({ demo: false, pin: null, staff: [], citizens: [], vials: [] });
  });
});
