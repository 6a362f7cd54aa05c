import type { reportsMethods } from '../../../shared/api/reports';
import { localDateOf } from '../../../domain/time/local-time';
import { TIME_ZONE } from '../../../shared/i18n/languages';
import type { StationContext } from '../base/context';
import { awaiting, type HandlersFor } from '../base/handlers';
import { endOfDayReport } from './end-of-day';
import { reportSections } from './rows';
import { csvInstant, reportCsv } from './csv';
import { demoGuide } from './demo-guide';
import { dayReconciliation } from './reconciliation';
import { markEndedSessions } from '../booking/no-shows';
import { actorOf } from '../booking/centre';

const LOCALES = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-BE' } as const;

/** reports.*: the end-of-day report (screen, CSV, PDF), the day's reconciliation and the demo guide. */
export function reportsHandlers(ctx: StationContext): HandlersFor<typeof reportsMethods> {
  return {
    'reports.endOfDay': awaiting(async ({ date, format }, call) => {
      const settings = ctx.settings.get();
      // Appointments whose session has ended count as no-shows in the report.
      markEndedSessions(ctx.db, actorOf(ctx, 'system'));
      const now = ctx.clock.now();
      const day = date ?? localDateOf(now);
      const report = endOfDayReport(ctx.db, day, { stationId: settings.stationId, centreId: settings.centreId, centreName: settings.centreName }, now);
      if (format === 'json') return { report, file: null };
      const formatter = new Intl.DateTimeFormat(LOCALES[call.language], { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' });
      const formatInstant = (iso: string) => formatter.format(new Date(iso));
      const base = `dosedesk-${settings.stationId}-${day}`;
      if (format === 'csv') {
        const csv = reportCsv(report, reportSections(report, call.language, csvInstant, { reconciliation: true }), call.language);
        return { report, file: { fileName: `${base}.csv`, mimeType: 'text/csv; charset=utf-8', base64: Buffer.from(csv, 'utf8').toString('base64') } };
      }
      const sections = reportSections(report, call.language, formatInstant);
      // pdf-lib loads with the first PDF report, not with the station.
      const { reportPdf } = await import('./pdf');
      const pdf = await reportPdf(report, sections, call.language, formatInstant(report.generatedAt));
      return { report, file: { fileName: `${base}.pdf`, mimeType: 'application/pdf', base64: Buffer.from(pdf).toString('base64') } };
    }),
    'reports.reconciliation': ({ date }) => dayReconciliation(ctx.db, date ?? localDateOf(ctx.clock.now()), ctx.settings.get().stationId),
    'reports.demoGuide': () => demoGuide(ctx.db),
  };
}
