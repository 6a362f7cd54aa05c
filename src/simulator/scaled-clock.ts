import type { Clock } from '../main/adapters/clock';

/** Where simulated time stands: at real instant `realMs` it was `simMs`, and it runs `speed` times faster. */
export interface ClockAnchor {
  realMs: number;
  simMs: number;
  /** 0 freezes the clock (while stations start). */
  speed: number;
}

/**
 * A fast-forwarded clock that every process of a simulation computes the same way from the same
 * anchor, so the stations (child processes), the simulator and the sync workers' backoff all
 * live in one simulated day without a clock message per call. Never goes backwards: a new anchor
 * starts from the time the old one had reached.
 */
export class ScaledClock implements Clock {
  private anchor: ClockAnchor;
  private readonly realNow: () => number;

  constructor(anchor: ClockAnchor, realNow: () => number = Date.now) {
    this.anchor = { ...anchor };
    this.realNow = realNow;
  }

  nowMs(): number {
    const a = this.anchor;
    return a.simMs + (this.realNow() - a.realMs) * a.speed;
  }

  now(): Date {
    return new Date(Math.floor(this.nowMs()));
  }

  current(): ClockAnchor {
    return { ...this.anchor };
  }

  /** Runs on at `speed` from the time reached now (or from `simMs` when that is later). */
  setSpeed(speed: number, simMs?: number): ClockAnchor {
    const reached = this.nowMs();
    this.anchor = { realMs: this.realNow(), simMs: Math.max(reached, simMs ?? reached), speed };
    return this.current();
  }

  /** Adopts an anchor computed elsewhere, without going backwards. */
  adopt(anchor: ClockAnchor): void {
    const before = this.nowMs();
    this.anchor = { ...anchor };
    if (this.nowMs() < before) this.anchor = { realMs: this.realNow(), simMs: before, speed: anchor.speed };
  }

  /** Real milliseconds until the simulated instant `simMs` (0 when passed; Infinity when frozen). */
  realMsUntil(simMs: number): number {
    const left = simMs - this.nowMs();
    if (left <= 0) return 0;
    return this.anchor.speed > 0 ? left / this.anchor.speed : Infinity;
  }
}
