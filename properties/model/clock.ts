/** Simulated time in whole seconds since the start of a run. The model never reads the wall clock. */
export type Seconds = number;

export class Clock {
  private current: Seconds = 0;
  get now(): Seconds { return this.current; }
  tick(): Seconds { return ++this.current; }
  /** Moves `n` seconds on at once (the event engine's quiet seconds). */
  advanceBy(n: Seconds): Seconds { this.current += n; return this.current; }
}

/** True when `now` is a multiple of `period` after `phase` (periodic work such as health checks). */
export function isDue(now: Seconds, period: Seconds, phase: Seconds = 0): boolean {
  return period > 0 && now >= phase && (now - phase) % period === 0;
}

export const MINUTE: Seconds = 60;
export const HOUR: Seconds = 3600;
export const DAY: Seconds = 86_400;
