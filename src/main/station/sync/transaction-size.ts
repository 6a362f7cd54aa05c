import type { FederalError } from '../../adapters/federal/errors';
import { isOperationOutcome } from '../../../domain/fhir/outcome';

/**
 * How many entries one transaction may carry for one backend. Real FHIR servers cap it (Medplum
 * answers 400 "Transaction requires strict isolation but has too many entries"); a refusal for
 * size says nothing about the records, so the station halves and sends again at once, remembers
 * the size that went through, and every `probeAfter` transactions accepted at that size tries a
 * larger one (up to `max`), as the server's limit may have been raised.
 */
export interface LearnedSize {
  /** Largest size seen accepted since the last refusal. */
  accepted: number;
  /** Smallest size seen refused, null when a larger probe went through since. */
  refused: number | null;
}

/** Accepted transactions at the learned size before a larger one is tried. */
export const PROBE_AFTER = 20;

export class TransactionSizeLimit {
  private learnedSize: LearnedSize | null;
  private acceptedSinceChange = 0;

  constructor(
    readonly max: number,
    learned: LearnedSize | null = null,
    private readonly probeAfter = PROBE_AFTER,
  ) {
    this.learnedSize = validLearned(learned, max);
  }

  /** What the server taught, for the sync state; null while it refused nothing up to `max`. */
  get learned(): LearnedSize | null {
    return this.learnedSize ? { ...this.learnedSize } : null;
  }

  /** Entries for the next transaction: the learned size, or a probe above it when one is due. */
  get current(): number {
    const l = this.learnedSize;
    if (!l) return this.max;
    if (this.acceptedSinceChange < this.probeAfter) return l.accepted;
    // Between the sizes known to pass and to fail when there is room, else double.
    const probe = l.refused !== null && l.refused > l.accepted + 1 ? Math.floor((l.accepted + l.refused) / 2) : l.accepted * 2;
    return Math.min(this.max, probe);
  }

  onAccepted(size: number): void {
    const l = this.learnedSize;
    if (!l) return;
    if (size <= l.accepted) {
      this.acceptedSinceChange++;
      return;
    }
    this.acceptedSinceChange = 0;
    if (size >= this.max) {
      this.learnedSize = null;
      return;
    }
    this.learnedSize = { accepted: size, refused: l.refused !== null && size < l.refused ? l.refused : null };
  }

  /** A transaction of `size` entries was refused as too large; a single entry teaches nothing. */
  onTooLarge(size: number): void {
    if (size <= 1) return;
    const l = this.learnedSize;
    this.acceptedSinceChange = 0;
    // A refused probe keeps the size known to pass; otherwise the server's limit is below it.
    const accepted = l && l.accepted < size ? l.accepted : Math.max(1, Math.floor(size / 2));
    this.learnedSize = { accepted, refused: size };
  }
}

/** A learned size read back from storage, or null when it is not one (or no longer below `max`). */
function validLearned(learned: LearnedSize | null, max: number): LearnedSize | null {
  if (!learned || !Number.isInteger(learned.accepted) || learned.accepted < 1 || learned.accepted >= max) return null;
  const refused = Number.isInteger(learned.refused) && (learned.refused as number) > learned.accepted ? learned.refused : null;
  return { accepted: learned.accepted, refused };
}

const SIZE_WORDS = /too many entries|too large|too big|too-costly|maximum (?:number of )?entries|bundle size/i;

/**
 * Whether a refusal is about the transaction's size rather than its content: 413, or a 400 whose
 * OperationOutcome says so (issue code `too-costly`, or diagnostics such as Medplum's "has too many
 * entries") without naming one entry.
 */
export function isSizeRefusal(e: FederalError): boolean {
  if (e.kind !== 'refused') return false;
  if (e.status === 413) return true;
  if (e.status !== 400 || !isOperationOutcome(e.body)) return false;
  return (e.body.issue ?? []).some((i) => {
    const texts = [i.diagnostics ?? '', i.details?.text ?? ''];
    const namesEntry = [...(i.expression ?? []), ...(i.location ?? []), ...texts].some((t) => /entry\[\d+\]/i.test(t));
    return !namesEntry && (i.code === 'too-costly' || texts.some((t) => SIZE_WORDS.test(t)));
  });
}
