/**
 * Counts failures (wrong tokens) per key (a client address) in fixed one-window buckets and says how long
 * a key is blocked once it reached the limit. Only failures count, so clients that authenticate correctly
 * never use any of it. Hand-written (thirty lines) because @fastify/rate-limit counts every request and
 * cannot count only the failed ones. The table is bounded: the oldest entries go first.
 */
export interface FailureLimiter {
  /** Milliseconds until the key may try again; 0 when it is not blocked. */
  blockedFor(key: string): number;
  recordFailure(key: string): void;
}

export interface FailureLimiterOptions {
  /** Failures allowed per window; 0 disables the limiter. */
  max: number;
  windowMs: number;
  /** Most keys remembered at once (default 10,000). */
  maxKeys?: number;
  now?: () => number;
}

export function createFailureLimiter(options: FailureLimiterOptions): FailureLimiter {
  const { max, windowMs, maxKeys = 10_000, now = Date.now } = options;
  const windows = new Map<string, { failures: number; endsAt: number }>();
  return {
    blockedFor(key) {
      const entry = windows.get(key);
      if (max === 0 || !entry || entry.failures < max) return 0;
      return Math.max(0, entry.endsAt - now());
    },
    recordFailure(key) {
      if (max === 0) return;
      const t = now();
      const entry = windows.get(key);
      if (entry && t < entry.endsAt) {
        entry.failures++;
        return;
      }
      windows.delete(key); // re-inserted last: the Map's order is the age order
      windows.set(key, { failures: 1, endsAt: t + windowMs });
      if (windows.size > maxKeys) windows.delete(windows.keys().next().value as string);
    },
  };
}
