import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintJobSummary, PrinterInfo } from '../../shared/api/printing';
import { useStation } from '../api/StationContext';
import { errorText } from '../api/hooks';

const SETTLED = new Set(['printed', 'failed']);
/** A fallback read while the job is not settled; the printer's own events trigger the prompt reads. */
const FALLBACK_MS = 5000;

/**
 * Follows one card through the print queue (queued, sending, printed; or uncertain / failed with
 * Reprint and Confirm), with the printer's own state and what to do about it.
 */
export function PrintJobStatus({ jobId, onReprinted }: { jobId: string; onReprinted?: (jobId: string) => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const [job, setJob] = useState<PrintJobSummary | null>(null);
  const [printer, setPrinter] = useState<PrinterInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  // printing.jobs is an audited read of personal data: it is read when the printer reports a change
  // (printing.state), not in a tight loop, and no more once the card is settled.
  useEffect(() => {
    let alive = true;
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      if (timer) clearTimeout(timer);
      if (!alive || settled) return;
      try {
        const { printer: info, jobs } = await client['printing.jobs']({ limit: 30 });
        if (!alive) return;
        const found = jobs.find((j) => j.id === jobId) ?? null;
        setJob(found);
        setPrinter(info);
        settled = !!found && (SETTLED.has(found.state) || !!found.resolution);
      } catch (e) {
        if (alive) setError(errorText(e, t));
      }
      if (alive && !settled) timer = setTimeout(() => void load(), FALLBACK_MS);
    };
    const off = client.on('printing.state', (info) => {
      setPrinter(info);
      void load();
    });
    void load();
    return () => {
      alive = false;
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client, jobId, tick, t]);

  const reprint = async () => {
    try {
      const { jobId: copy } = await client['printing.reprint']({ jobId });
      onReprinted?.(copy);
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  const confirm = async () => {
    try {
      await client['printing.confirm']({ jobId });
      setTick((n) => n + 1);
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  const state = job?.state ?? 'queued';
  const settledOk = state === 'printed' || job?.resolution === 'confirmed';
  return (
    <div className={`print-status print-${state}`} data-testid="print-status" data-state={settledOk ? 'printed' : state}>
      <p role="status" aria-live="polite">
        <strong>{t(`ui.print.job.${settledOk ? 'printed' : state}`)}</strong>
        {printer && !settledOk && printer.state !== 'ready' && printer.state !== 'busy' ? ` — ${t(printer.stateKey)}. ${t(printer.helpKey)}` : ''}
      </p>
      {job?.problem ? <p>{t(job.problem)}</p> : null}
      {(state === 'uncertain' || state === 'failed') && !job?.resolution ? (
        <div className="actions">
          <button type="button" onClick={() => void reprint()}>
            {t('ui.print.reprint')}
          </button>
          {state === 'uncertain' ? (
            <button type="button" onClick={() => void confirm()}>
              {t('ui.print.confirm')}
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
