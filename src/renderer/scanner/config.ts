import type { ScannerConfig } from './attach-scanner';

/**
 * The station screens' scanner settings. A burst still has to average 30 ms per key or less (people
 * type 100-230 ms per key), but a single late key may arrive up to 120 ms after the previous one:
 * a busy station (rendering, a slow touch screen PC) delays keyboard events, and a 450-character
 * appointment-card QR must not be cut in two by one late key.
 */
export const STATION_SCANNER: ScannerConfig = { maxGapMs: 120 };
