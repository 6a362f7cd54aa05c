/**
 * The heartbeat of a background queue (the print queue, citizen messages): one round at a time on
 * a timer that never keeps the process alive. A round answers when the next one is due (ms), or
 * null to end the loop; `wake()` asks for a round now, and a wake during a round runs another one
 * straight after it, so nothing queued meanwhile waits a whole pause.
 */
export interface RoundLoopOptions {
  round: () => Promise<number | null>;
  /** A round threw: say so and answer when to try again (ms). */
  onError: (error: unknown) => number;
  /** False once the database was closed under the loop (station shut down): it ends for good. */
  isOpen: () => boolean;
  /** The loop ended by itself (a round answered null, or the database closed). */
  onEnd?: () => void;
}

export class RoundLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeRequested = false;
  private ended = true;

  constructor(private readonly options: RoundLoopOptions) {}

  /** Not started, stopped, or ended by itself. */
  get stopped(): boolean {
    return this.ended;
  }

  /** A round is running now. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Starts with a round now; false when it was already going. */
  start(): boolean {
    if (!this.ended) return false;
    this.ended = false;
    this.schedule(0);
    return true;
  }

  /** Stops after the round that is running, if any. */
  async stop(): Promise<void> {
    this.ended = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  wake(): void {
    if (this.ended) return;
    if (this.running) this.wakeRequested = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.ended) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.options
        .round()
        .catch((error: unknown) => this.options.onError(error))
        .then((next) => {
          this.running = null;
          if (next === null || !this.options.isOpen()) {
            this.ended = true;
            this.options.onEnd?.();
            return;
          }
          const now = this.wakeRequested;
          this.wakeRequested = false;
          this.schedule(now ? 0 : next);
        });
    }, ms);
    this.timer.unref();
  }
}
