import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../../../src/main/adapters/printer/font/fonts';
import { reportPdf } from '../../../src/main/station/reports/pdf';
import { reportSections } from '../../../src/main/station/reports/rows';
import type { EndOfDayReport } from '../../../src/shared/api/reports';
import { embeddedFontFile, extractPdfText } from '../../support/pdf-text';

/** A busy day: vaccinators with names no Latin-1 font holds, enough rows for a second page. */
function busyDay(vaccinators: number): EndOfDayReport {
  const names = ['Jan Paweł Łukasiewicz', 'Zoë Françoise Müller-Weiß', 'Ağaoğlu Şükrü', 'Nguyễn Thị Minh'];
  return {
    date: '2026-03-04',
    generatedAt: '2026-03-04T17:30:00.000Z',
    stationId: 'station-1',
    centreId: 'centre-1',
    centreName: 'Centre de vaccination Liège – Śródmieście',
    doses: {
      total: 40,
      voided: 1,
      byProduct: [{ productCode: 'comirnaty', productName: 'Comirnaty (Pfizer-BioNTech)', byDoseNumber: [{ doseNumber: 1, count: 40 }], total: 40 }],
      byVaccinator: Array.from({ length: vaccinators }, (_, i) => ({ nihdi: String(10000000000 + i), name: `${names[i % names.length]} ${i + 1}`, count: 1 })),
      byStation: [{ stationId: 'station-1', count: 40 }],
    },
    notVaccinated: { total: 1, byReason: [{ reason: 'PATOBJ', count: 1 }] },
    reactions: { total: 1, bySeverity: [{ severity: 'mild', count: 1 }], byManifestation: [{ manifestation: 'urticaria', count: 1 }] },
    arrivals: { checkedIn: 41, repeated: 0, withoutDose: 1 },
    appointments: { due: 45, fulfilled: 40, open: 5, cancelled: 0, noShow: 0, bookedForLater: 39, toBeBooked: 1 },
    vials: { opened: 7, finished: 6, discarded: 0, stillOpen: 1, dosesDrawn: 41, dosesLeft: 1, wasted: { total: 0, byReason: [] } },
    standby: { waiting: 0, called: 0, vaccinated: 0 },
    printing: { printed: 40, copies: 0, uncertain: 0, failed: 0, waiting: 0 },
    sync: { waiting: 0, oldestWaitingAt: null, needsReview: 0 },
    reconciliation: { date: '2026-03-04', stationId: 'station-1', dosesGiven: 40, notGiven: 1, records: 41, atBackend: 41, waiting: 0, inReview: 0, notQueued: 0, verdict: 'balanced', appointments: { booked: 39, cancelled: 0, noShow: 0, fulfilled: 0, atBackend: 39, waiting: 0, inReview: 0 }, differences: [] },
  };
}

describe('end-of-day report PDF', () => {
  it('prints every name as text in the shipped font, over several pages, with a font subset', async () => {
    const report = busyDay(60);
    const sections = reportSections(report, 'fr', () => '4 mars 2026 18:30');
    const bytes = await reportPdf(report, sections, 'fr', '4 mars 2026 18:30');
    const { doc, runs } = await extractPdfText(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    const lines = runs.map((r) => r.text);
    expect(lines).toContain('Rapport de fin de journée 2026-03-04');
    expect(lines).toContain('Centre de vaccination Liège – Śródmieście · Poste station-1');
    expect(lines).toContain('Administrées par Jan Paweł Łukasiewicz 1');
    expect(lines).toContain('Administrées par Nguyễn Thị Minh 60');
    // The last vaccinator is on a later page, read through that page's own font resources.
    expect(runs.find((r) => r.text === 'Administrées par Nguyễn Thị Minh 60')!.page).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain('\uFFFD');
    expect(lines.join('')).not.toContain('?');
    for (const run of runs) expect(run.codes).not.toContain('0000');
    // Subset: a few dozen glyphs instead of the 760 KB face.
    const fontFile = statSync(join(resourcesDir(), 'fonts', 'DejaVuSans.ttf')).size;
    expect(embeddedFontFile(doc, /^DejaVuSans-\d+$/).size).toBeLessThan(fontFile / 10);
    expect(bytes.length).toBeLessThan(fontFile / 10);
  });

  it('cuts a label that would run into the figures with an ellipsis', async () => {
    const report = busyDay(1);
    report.doses.byVaccinator[0]!.name = 'Łukasiewicz '.repeat(20).trim();
    const sections = reportSections(report, 'en', () => '4 Mar 2026, 18:30');
    const { runs } = await extractPdfText(await reportPdf(report, sections, 'en', '4 Mar 2026, 18:30'));
    const label = runs.find((r) => r.text.startsWith('Given by Łukasiewicz'));
    expect(label!.text.endsWith('…')).toBe(true);
    expect(label!.text.length).toBeLessThan(120);
  });
});
