import { describe, expect, it } from 'vitest';
import { createFailureLimiter } from '../../../lib/failure-limiter.js';

describe('createFailureLimiter', () => {
  it('blocks a key after max failures until its window ends, and counts keys apart', () => {
    let t = 1_000;
    const limiter = createFailureLimiter({ max: 2, windowMs: 60_000, now: () => t });
    limiter.recordFailure('a');
    expect(limiter.blockedFor('a')).toBe(0);
    t += 10_000;
    limiter.recordFailure('a');
    // The window opened at the first failure (t = 1,000) and ends 60 s later.
    expect(limiter.blockedFor('a')).toBe(50_000);
    expect(limiter.blockedFor('b')).toBe(0);
    t = 61_000;
    expect(limiter.blockedFor('a')).toBe(0);
    limiter.recordFailure('a');
    expect(limiter.blockedFor('a')).toBe(0);
  });

  it('does nothing with max 0 and forgets the oldest keys beyond maxKeys', () => {
    const off = createFailureLimiter({ max: 0, windowMs: 60_000 });
    for (let i = 0; i < 5; i++) off.recordFailure('a');
    expect(off.blockedFor('a')).toBe(0);
    const small = createFailureLimiter({ max: 1, windowMs: 60_000, maxKeys: 2, now: () => 0 });
    small.recordFailure('a');
    small.recordFailure('b');
    small.recordFailure('c');
    expect(small.blockedFor('a')).toBe(0);
    expect(small.blockedFor('b')).toBe(60_000);
    expect(small.blockedFor('c')).toBe(60_000);
  });
});
