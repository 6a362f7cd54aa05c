// Types of scripts/electron-binary.mjs for the TypeScript that imports it (playwright config, bench).
/** Path of the Electron executable, or null when the package or its download is missing. */
export function electronBinary(): string | null;
/** When the last download of Electron's binary failed (ms since the epoch), or null. */
export function lastFailedDownload(): number | null;
/** Fetches Electron's binary where the download is possible (not again within a day of a failure unless forced); true when it is there afterwards. */
export function tryDownloadElectron(options?: { force?: boolean; now?: number }): boolean;
