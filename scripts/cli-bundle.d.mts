// Types of scripts/cli-bundle.mjs for the TypeScript that imports it (tests, bench).
export const CLI_DIR: string;
export const CLI_ENTRY: string;
export const CLI_NODE_FLAGS: readonly string[];
export const STATION_NODE_FLAGS: readonly string[];
export const BUNDLED_PACKAGES: readonly string[];
export function cliNodeArgs(...args: string[]): string[];
export function cliStaleReason(dir?: string, base?: string): string | null;
export function cliBuildOptions(outdir?: string): Record<string, unknown>;
export function writeCliStamp(dir: string, metafile: { inputs: Record<string, unknown>; outputs: Record<string, unknown> }, builtFromMs: number, base?: string): void;
export function buildCli(): Promise<void>;
export function ensureCliBuilt(options?: { force?: boolean; log?: (line: string) => void }): Promise<boolean>;
