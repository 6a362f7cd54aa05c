import { ScannerBurstDetector, type BurstConfig, type BurstVerdict } from '../../domain/identity/scanner-burst';

export interface ScannedText {
  /** What the scanner typed, GS mapped to \x1d, AIM prefix kept; MRZ lines joined with \n. */
  readonly text: string;
  readonly aim: string | null;
}

export type ScannerConfig = Partial<BurstConfig>;

type KeyTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/**
 * Listens to every keydown on `target` (the window: wherever the focus is) in the capture phase,
 * feeds the burst detector and reports scans. Only the terminator key of a scan (and of each MRZ
 * line) is swallowed, so a form does not submit half a scan; ordinary typing is left alone.
 * Returns the function that detaches it.
 */
export function attachScanner(target: KeyTarget, onScan: (scan: ScannedText) => void, config: ScannerConfig = {}): () => void {
  const detector = new ScannerBurstDetector(config);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const deliver = (verdict: BurstVerdict | null) => {
    if (verdict?.type === 'scan') onScan({ text: verdict.text, aim: verdict.aim });
  };

  const listener = (event: Event) => {
    const e = event as KeyboardEvent;
    if (e.repeat || e.isComposing) return;
    const verdict = detector.feed({ key: e.key, time: e.timeStamp, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey });
    const ownsKey = verdict?.type === 'line' || (verdict?.type === 'scan' && !verdict.cutShort);
    if (ownsKey && (detector.config.terminators as readonly string[]).includes(e.key)) {
      e.preventDefault();
      e.stopPropagation();
    }
    deliver(verdict);
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    // An MRZ waiting for a line that never comes is still reported, so the desk sees why it fails.
    if (detector.waitingForLine) {
      timer = setTimeout(() => deliver(detector.flush(performance.now())), detector.config.mrzLineGapMs + 20);
    }
  };

  target.addEventListener('keydown', listener, { capture: true });
  return () => {
    target.removeEventListener('keydown', listener, { capture: true });
    if (timer !== undefined) clearTimeout(timer);
  };
}
