// Types of scripts/electron-binary.mjs for the TypeScript that imports it (playwright config, bench).
/** Path of the Electron executable, or null when the package or its download is missing. */
export function electronBinary(): string | null;
/** Fetches Electron's binary once where the download is possible; true when it is there afterwards. */
export function tryDownloadElectron(): boolean;
