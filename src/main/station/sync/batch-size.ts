import type { FederalError } from '../../adapters/federal/errors';

/**
 * The size of the next outbox batch: grows on success (doubling, up to `max`), shrinks on a
 * whole-batch failure (down to `min`). A timeout halves it (a transaction too large for the
 * backend's patience); other transient failures shrink it by a quarter only, because a flaky
 * backend fails a small batch as often as a large one and halving on every coin toss would
 * leave the drain crawling at the minimum.
 */
export class AdaptiveBatchSize {
  private size: number;
  readonly min: number;

  constructor(
    readonly max: number,
    min: number,
  ) {
    this.min = Math.max(1, Math.min(min, max));
    this.size = Math.max(this.min, max);
  }

  get current(): number {
    return this.size;
  }

  onSuccess(): void {
    this.size = Math.min(this.max, this.size * 2);
  }

  onFailure(error: FederalError): void {
    const factor = error.kind === 'timeout' ? 0.5 : 0.75;
    this.size = Math.max(this.min, Math.floor(this.size * factor));
  }
}
