/**
 * A clock that moves only when told: `sleep(ms)` records the wait and advances the time at once, so a test
 * checks the waits a client asked for (hand-computable numbers) instead of measuring real time. The fake
 * servers can share it, so their per-minute and per-day counters follow the same time as the client.
 */
import type { Timing } from '../../lib/sources/call-budget.js';

export interface FakeClock extends Timing {
  /** Every wait asked for, in milliseconds, in order. */
  readonly sleeps: number[];
  advance(ms: number): void;
}

/** Starts at 2024-03-04 14:30:00 UTC (a Monday afternoon) unless told otherwise. */
export function fakeClock(start = Date.UTC(2024, 2, 4, 14, 30)): FakeClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    advance(ms) {
      time += ms;
    },
    async sleep(ms) {
      sleeps.push(ms);
      time += ms;
      await Promise.resolve();
    },
  };
}
