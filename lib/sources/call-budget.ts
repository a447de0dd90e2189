/**
 * Keeps a client's calls inside a service's documented limits, before the service has to refuse them:
 *  - a token bucket for the per-minute limit: `burst` tokens, one more every 60 s / perMinute, so after the
 *    burst the calls are evenly spaced (burst 1, the default, never puts more than perMinute calls in a
 *    clock minute);
 *  - a count of the UTC day's calls against the daily quota: once spent, calls are refused at once, saying
 *    when the quota resets, instead of being sent to be refused;
 *  - what the service itself said: after a 429 nothing is sent before its retry time (a minute limit is
 *    waited out when short enough; a spent daily quota is refused until it resets).
 * Calls take their turns in order (a queue), so concurrent callers never share a token. Time comes from
 * `Timing`, so tests run on a fake clock and check the waits asked for instead of measuring them.
 */
import {
  isoSeconds,
  nextUtcMidnight,
  SourceQuotaExhaustedError,
  SourceRateLimitedError,
} from './source-errors.js';

export interface CallLimits {
  /** Calls allowed per minute. */
  perMinute: number;
  /** Calls allowed per UTC day; unset: no daily quota. */
  perDay?: number;
  /** Calls that may go out back to back before the spacing starts (default 1). */
  burst?: number;
  /** The longest a call waits for its turn; a longer wait is refused as rate limited (default 60 s). */
  maxWaitMs?: number;
}

export interface Timing {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface BudgetUsage {
  service: string;
  usedToday: number;
  perDay?: number;
  perMinute: number;
  /** When the day's count starts again (next midnight UTC). */
  dayResetsAt: string;
  /** Set while the service's own rate limit or quota forbids calls. */
  blockedUntil?: string;
}

const dayOf = (ms: number) => Math.floor(ms / 86_400_000);

export class CallBudget {
  private readonly burst: number;
  private readonly perMs: number;
  private readonly maxWaitMs: number;
  private tokens: number;
  private refilledAt: number;
  private day: number;
  private usedToday = 0;
  /** The service's own word: no call before this time. */
  private blockedUntil = 0;
  private blockedReason = '';
  private dailyBlock = false;
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    readonly service: string,
    readonly limits: CallLimits,
    private readonly timing: Timing = realTiming,
  ) {
    if (!(limits.perMinute > 0)) throw new Error(`${service}: perMinute must be positive`);
    this.burst = Math.max(1, limits.burst ?? 1);
    this.perMs = limits.perMinute / 60_000;
    this.maxWaitMs = limits.maxWaitMs ?? 60_000;
    const now = timing.now();
    this.tokens = this.burst;
    this.refilledAt = now;
    this.day = dayOf(now);
  }

  /** Waits for the next call's turn and counts it, or refuses it (see the file comment). */
  take(): Promise<void> {
    const mine = this.turn.then(() => this.takeInTurn());
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  /** The service answered 429 for its per-minute limit: nothing is sent before `retryAt`. */
  blockUntil(retryAt: number, reason: string): void {
    if (retryAt > this.blockedUntil) {
      this.blockedUntil = retryAt;
      this.blockedReason = reason;
      this.dailyBlock = false;
    }
    // The service's window starts afresh at retryAt: the burst is allowed again from then on.
    this.tokens = this.burst;
    this.refilledAt = Math.max(this.refilledAt, retryAt);
  }

  /** The service says the day's quota is spent: every call is refused until the next midnight UTC. */
  dailyQuotaSpent(reason: string): Date {
    const resetsAt = nextUtcMidnight(this.timing.now());
    this.blockedUntil = resetsAt;
    this.blockedReason = reason;
    this.dailyBlock = true;
    return new Date(resetsAt);
  }

  usage(): BudgetUsage {
    const now = this.timing.now();
    this.rollDay(now);
    return {
      service: this.service,
      usedToday: this.usedToday,
      ...(this.limits.perDay !== undefined ? { perDay: this.limits.perDay } : {}),
      perMinute: this.limits.perMinute,
      dayResetsAt: isoSeconds(nextUtcMidnight(now)),
      ...(this.blockedUntil > now ? { blockedUntil: isoSeconds(this.blockedUntil) } : {}),
    };
  }

  private rollDay(now: number): void {
    if (dayOf(now) !== this.day) {
      this.day = dayOf(now);
      this.usedToday = 0;
    }
  }

  private async takeInTurn(): Promise<void> {
    for (;;) {
      const now = this.timing.now();
      this.rollDay(now);
      if (this.blockedUntil > now) {
        if (this.dailyBlock) throw this.quotaError(this.blockedReason, this.blockedUntil);
        await this.wait(this.blockedUntil - now, this.blockedReason);
        continue;
      }
      const { perDay } = this.limits;
      if (perDay !== undefined && this.usedToday >= perDay) {
        const why = `the day's quota of ${perDay} calls is spent (${this.usedToday} counted here since 00:00 UTC)`;
        throw this.quotaError(why, nextUtcMidnight(now));
      }
      this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.perMs);
      this.refilledAt = now;
      // A hair under 1 still counts as a token: floating-point refills must not add a 1 ms wait.
      if (this.tokens >= 1 - 1e-9) {
        this.tokens -= 1;
        this.usedToday += 1;
        return;
      }
      const why = `${this.limits.perMinute} calls a minute are allowed`;
      await this.wait(Math.ceil((1 - this.tokens) / this.perMs), why);
    }
  }

  private async wait(ms: number, why: string): Promise<void> {
    if (ms > this.maxWaitMs) {
      const retryAt = this.timing.now() + ms;
      throw new SourceRateLimitedError(
        this.service,
        `${this.service} is rate limited (${why}): the next call may go at ${isoSeconds(retryAt)}, ` +
          `${Math.ceil(ms / 1000)} s from now, longer than this client waits (${this.maxWaitMs / 1000} s)`,
        new Date(retryAt),
      );
    }
    await this.timing.sleep(ms);
  }

  private quotaError(why: string, resetsAt: number): SourceQuotaExhaustedError {
    const hours = (resetsAt - this.timing.now()) / 3_600_000;
    return new SourceQuotaExhaustedError(
      this.service,
      `${this.service}: ${why}; it resets at ${isoSeconds(resetsAt)} (in ${hours.toFixed(1)} h), ` +
        'and no call is made before then',
      new Date(resetsAt),
    );
  }
}
