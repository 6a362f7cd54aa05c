import { useEffect, useRef } from 'react';
import { attachScanner, type ScannedText, type ScannerConfig } from './attach-scanner';

export type { ScannedText, ScannerConfig } from './attach-scanner';

/**
 * Calls `onScan` with the text of every keyboard-wedge scan, wherever the focus is on the page.
 * `config` tunes timing, terminators and how GS arrives (see BurstConfig); `enabled: false`
 * detaches (e.g. while a dialog that takes typed input is open). Pass the text to
 * `identity.parse` (or classifyScan) to learn what was scanned.
 */
export function useScanner(onScan: (scan: ScannedText) => void, config: ScannerConfig & { enabled?: boolean } = {}): void {
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  });
  const { enabled = true, ...burst } = config;
  const key = JSON.stringify(burst);
  useEffect(() => {
    if (!enabled) return undefined;
    return attachScanner(window, (scan) => latest.current(scan), JSON.parse(key) as ScannerConfig);
  }, [enabled, key]);
}
