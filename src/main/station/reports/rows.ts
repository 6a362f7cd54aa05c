import type { DayReconciliation, EndOfDayReport } from '../../../shared/api/reports';
import type { Language } from '../../../shared/i18n/languages';
import { translate } from '../../../shared/i18n/translate';

export interface ReportSection {
  readonly title: string;
  readonly rows: readonly (readonly [label: string, value: string])[];
}

/** The report as labelled sections in one language: what the CSV and the PDF both print (the CSV with the reconciliation rows). */
export function reportSections(report: EndOfDayReport, lang: Language, formatInstant: (iso: string) => string, options: { reconciliation?: boolean } = {}): ReportSection[] {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, `reports.${key}`, params);
  const n = (value: number) => String(value);
  const { doses, arrivals, appointments, vials, standby, printing, sync } = report;
  const arrival = (key: string) => translate(lang, `checkin.arrival.report.${key}`);
  return [
    {
      title: t('section.doses'),
      rows: [
        [t('doses.total'), n(doses.total)],
        ...doses.byProduct.flatMap((p) => p.byDoseNumber.map((d) => [t('doses.product_dose', { product: p.productName, dose: d.doseNumber }), n(d.count)] as const)),
        [t('doses.voided'), n(doses.voided)],
        // Only on a day with boosters, like "not vaccinated".
        ...(doses.boosters ? [[translate(lang, 'rules.report.boosters'), n(doses.boosters)] as const] : []),
        // Only on a day with people not vaccinated: a day without keeps its one-page PDF.
        ...(report.notVaccinated.total > 0 ? [[t('doses.not_vaccinated'), n(report.notVaccinated.total)] as const] : []),
        ...report.notVaccinated.byReason.map((r) => [t('doses.not_vaccinated_reason', { reason: translate(lang, `ui.notGiven.reason.${r.reason}`) }), n(r.count)] as const),
        // Printed only on a day with reactions, like "not vaccinated".
        ...(report.reactions.total > 0 ? [[translate(lang, 'observation.report.reactions'), n(report.reactions.total)] as const] : []),
        ...report.reactions.bySeverity.map((r) => [translate(lang, 'observation.report.reactions_severity', { severity: translate(lang, `observation.severity.${r.severity}`) }), n(r.count)] as const),
        ...report.reactions.byManifestation.map((r) => [translate(lang, 'observation.report.reactions_manifestation', { manifestation: translate(lang, `observation.manifestation.${r.manifestation}`) }), n(r.count)] as const),
        ...doses.byVaccinator.map((v) => [t('doses.by_vaccinator', { name: v.name }), n(v.count)] as const),
        ...doses.byStation.map((s) => [t('doses.by_station', { station: s.stationId }), n(s.count)] as const),
      ],
    },
    {
      title: arrival('section'),
      rows: [
        [arrival('checkedIn'), n(arrivals.checkedIn)],
        [arrival('repeated'), n(arrivals.repeated)],
        [arrival('withoutDose'), n(arrivals.withoutDose)],
      ],
    },
    {
      title: t('section.appointments'),
      rows: [
        [t('appointments.due'), n(appointments.due)],
        [t('appointments.fulfilled'), n(appointments.fulfilled)],
        [t('appointments.open'), n(appointments.open)],
        [t('appointments.noShow'), n(appointments.noShow)],
        [t('appointments.cancelled'), n(appointments.cancelled)],
        [t('appointments.bookedForLater'), n(appointments.bookedForLater)],
        [t('appointments.toBeBooked'), n(appointments.toBeBooked)],
      ],
    },
    {
      title: t('section.vials'),
      rows: [
        [t('vials.opened'), n(vials.opened)],
        [t('vials.finished'), n(vials.finished)],
        [t('vials.discarded'), n(vials.discarded)],
        [t('vials.stillOpen'), n(vials.stillOpen)],
        [t('vials.dosesDrawn'), n(vials.dosesDrawn)],
        [t('vials.dosesLeft'), n(vials.dosesLeft)],
        // Like "not vaccinated": printed only when there is waste, so a day without keeps its one-page PDF.
        ...(vials.wasted.total > 0 ? [[t('vials.wasted'), n(vials.wasted.total)] as const] : []),
        ...vials.wasted.byReason.map((r) => [t('vials.wasted_reason', { reason: translate(lang, `ui.vials.reason.${r.reason}`) }), n(r.count)] as const),
      ],
    },
    {
      title: t('section.standby'),
      rows: [
        [t('standby.waiting'), n(standby.waiting)],
        [t('standby.called'), n(standby.called)],
        [t('standby.vaccinated'), n(standby.vaccinated)],
      ],
    },
    {
      title: t('section.printing'),
      rows: [
        [t('printing.printed'), n(printing.printed)],
        [t('printing.copies'), n(printing.copies)],
        [t('printing.uncertain'), n(printing.uncertain)],
        [t('printing.failed'), n(printing.failed)],
        [t('printing.waiting'), n(printing.waiting)],
      ],
    },
    {
      title: t('section.sync'),
      rows: [
        [t('sync.waiting'), n(sync.waiting)],
        [t('sync.oldest'), sync.oldestWaitingAt ? formatInstant(sync.oldestWaitingAt) : '—'],
        [t('sync.needsReview'), n(sync.needsReview)],
        // The CSV only: the PDF's one page is full (the screen shows the reconciliation in full).
        ...(options.reconciliation ? reconciliationRows(report.reconciliation, lang, formatInstant) : []),
      ],
    },
  ];
}

/** The day's reconciliation: the verdict, the figures as one sum, then one row per difference (who, what, when: its state). */
function reconciliationRows(r: DayReconciliation, lang: Language, formatInstant: (iso: string) => string): (readonly [string, string])[] {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, `reports.${key}`, params);
  const sum = `${r.records} = ${r.atBackend} + ${r.waiting} + ${r.inReview}`;
  return [
    [t('reconciliation.verdict'), t(`reconciliation.verdict_${r.verdict}`)],
    [t('reconciliation.equation'), r.notQueued > 0 ? `${sum} + ${r.notQueued}` : sum],
    ...(r.notQueued > 0 ? [[t('reconciliation.notQueued'), String(r.notQueued)] as const] : []),
    [t('reconciliation.appointments_sum'), `${r.appointments.atBackend + r.appointments.waiting + r.appointments.inReview} = ${r.appointments.atBackend} + ${r.appointments.waiting} + ${r.appointments.inReview}`],
    ...r.differences.map((d) => {
      const what = t(`reconciliation.type.${d.type}`, { dose: d.doseNumber, product: d.productCode });
      const reason = d.reason ? ` — ${d.reason}` : '';
      return [`${d.personName ?? d.ssin} (${d.ssin}), ${what}, ${formatInstant(d.at)}${reason}`, t(`reconciliation.state.${d.state}`)] as const;
    }),
  ];
}
