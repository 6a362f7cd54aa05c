/**
 * Faults the stand-in can inject, so the station's sync is tested against a backend that
 * misbehaves the way real ones do. Rates are probabilities in [0, 1], drawn from a seeded
 * generator so a failing run can be repeated exactly.
 */
export interface Faults {
  /** Every /fhir request gets its connection destroyed without an answer. */
  down: boolean;
  /** Delay before a request is handled. */
  latencyMs: number;
  /** Share of requests answered 503 before anything is done. */
  errorRate: number;
  /** Share of requests never answered (nothing done; the client must time out). */
  timeoutRate: number;
  /** Share of writes that are committed and then have their connection destroyed: the nasty one. */
  dropAfterCommitRate: number;
  /** Delay between the commit of a write and its answer (to kill a client mid-flight). */
  holdResponseMs: number;
  /** Seed of the fault generator; setting faults with a seed restarts the sequence. */
  seed: number;
}

export const NO_FAULTS: Faults = {
  down: false,
  latencyMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  dropAfterCommitRate: 0,
  holdResponseMs: 0,
  seed: 1,
};

const RATE_KEYS = ['errorRate', 'timeoutRate', 'dropAfterCommitRate'] as const;
const MS_KEYS = ['latencyMs', 'holdResponseMs'] as const;

/** Checks a faults object from JSON or flags; missing keys take their no-fault default. */
export function parseFaults(input: unknown): Faults {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('faults must be a JSON object');
  const raw = input as Record<string, unknown>;
  const known = new Set<string>(Object.keys(NO_FAULTS));
  for (const key of Object.keys(raw)) if (!known.has(key)) throw new Error(`unknown fault "${key}"`);
  const out: Faults = { ...NO_FAULTS };
  if (raw.down !== undefined) {
    if (typeof raw.down !== 'boolean') throw new Error('down must be true or false');
    out.down = raw.down;
  }
  for (const key of RATE_KEYS) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`${key} must be a number from 0 to 1`);
    out[key] = v;
  }
  for (const key of MS_KEYS) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 600_000) throw new Error(`${key} must be a whole number of ms up to 600000`);
    out[key] = v;
  }
  if (raw.seed !== undefined) {
    if (typeof raw.seed !== 'number' || !Number.isInteger(raw.seed)) throw new Error('seed must be a whole number');
    out.seed = raw.seed;
  }
  return out;
}

/** mulberry32: small, fast, good enough to decide faults reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
