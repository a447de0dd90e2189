/**
 * Answers kept for a while (a TTL per entry), so repeated questions cost no call and no quota: the same
 * quote asked by ten sockets in a second is one request. Bounded in entries (lru-cache drops the least
 * recently used), and requests already under way are shared rather than sent twice. lru-cache is used for
 * its TTL and bounds, with its clock injectable so the expiry is tested on a fake clock.
 */
import { LRUCache } from 'lru-cache';

export interface AnswerCache {
  /** The cached answer for `key`, or `load()`'s, kept for `ttlMs` (0: not kept). Failures are not kept. */
  remember<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T>;
  readonly size: number;
}

export function createAnswerCache(options: { max?: number; now?: () => number } = {}): AnswerCache {
  const now = options.now ?? (() => Date.now());
  const cache = new LRUCache<string, { value: unknown }>({
    max: options.max ?? 500,
    ttlAutopurge: false,
    // Checked on every read against the injected clock: no 1 ms memo of "now" between reads.
    ttlResolution: 0,
    perf: { now },
  });
  const inFlight = new Map<string, Promise<unknown>>();
  return {
    async remember<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
      const hit = cache.get(key);
      if (hit) return hit.value as T;
      const pending = inFlight.get(key);
      if (pending) return pending as Promise<T>;
      const loading = load().then((value) => {
        if (ttlMs > 0) cache.set(key, { value }, { ttl: ttlMs });
        return value;
      });
      inFlight.set(key, loading);
      try {
        return await loading;
      } finally {
        inFlight.delete(key);
      }
    },
    get size() {
      return cache.size;
    },
  };
}
