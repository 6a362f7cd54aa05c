import type { printingMethods } from '../../../shared/api/printing';
import { columnsFor, layoutCard } from '../../../domain/card/layout';
import { sampleCard } from '../../../domain/card/sample';
import type { CardModel } from '../../../domain/card/card-model';
import type { StationContext } from '../base/context';
import type { HandlersFor } from '../base/handlers';
import type { StatusProviders } from '../shell/status';
import { confirmJob, enqueuePrintJob, getJob, jobCard, recentJobs, reprintJob, toSummary } from './queue';
import { startPrintingService, type PrintingService, type PrintingServiceOptions } from './service';

/** The name on sample cards and test pages: every accent the centres meet most. */
export const SAMPLE_NAME = 'Zoë Françoise Müller-Weiß';

/**
 * The printing capability's API. Starts the print worker for the station and plugs the printer
 * state into the status bar.
 */
export function printingHandlers(
  ctx: StationContext,
  providers: StatusProviders,
  options: PrintingServiceOptions & { service?: PrintingService; mayReprint?: (card: CardModel) => void } = {},
): HandlersFor<typeof printingMethods> {
  const service = options.service ?? startPrintingService(ctx, options);
  const { worker } = service;
  providers.printer = () => {
    const info = worker.info();
    return { state: info.state, queued: info.queued };
  };
  const settings = () => ctx.settings.get();

  return {
    'printing.preview': ({ jobId, sample, width }) => {
      const s = settings();
      const card = jobId
        ? jobCard(getJob(ctx.db, jobId))
        : sampleCard({
            language: sample?.language ?? s.language,
            fullName: sample?.fullName ?? SAMPLE_NAME,
            now: ctx.clock.now(),
            centreName: s.centreName,
          });
      return layoutCard(card, columnsFor(width ?? s.printer.width));
    },
    'printing.testPage': ({ language }) => {
      const s = settings();
      const now = ctx.clock.now();
      const card = sampleCard({ language: language ?? s.language, fullName: SAMPLE_NAME, now, centreName: s.centreName });
      const jobId = enqueuePrintJob(ctx.db, card, now, { kind: 'test' });
      worker.publish();
      return { jobId };
    },
    'printing.reprint': ({ jobId }) => {
      const copy = reprintJob(ctx.db, jobId, ctx.clock.now(), options.mayReprint);
      worker.publish();
      return { jobId: copy };
    },
    'printing.confirm': ({ jobId }) => {
      const row = confirmJob(ctx.db, jobId, ctx.clock.now());
      worker.publish();
      return toSummary(row);
    },
    'printing.jobs': ({ limit }) => ({ printer: worker.info(), jobs: recentJobs(ctx.db, limit ?? 50) }),
  };
}
