/**
 * What can go wrong when a live data source is asked for data, as errors that name the service and say what
 * to do: it did not answer (retry later), it refused the request (fix the request or the key: retrying
 * cannot help), it answered something that is not in its documented format, or it limits the rate (wait
 * until `retryAt`; a spent daily quota says when it resets). A missing key is `MissingApiKeyError`
 * (http-json.ts), which names the environment variable.
 */

export abstract class SourceError extends Error {
  /** Whether asking again later (without changing the request) can succeed. */
  abstract readonly retryable: boolean;
  constructor(
    readonly service: string,
    message: string,
  ) {
    super(message);
  }
}

/** No answer, a timeout or a 5xx: the service may answer later. */
export class SourceUnavailableError extends SourceError {
  override name = 'SourceUnavailableError';
  readonly retryable = true;
}

/**
 * The service understood the request and said no (unknown symbol, invalid key, a plan that does not cover
 * the data): `code` is the service's own error code when it gave one.
 */
export class SourceRefusedError extends SourceError {
  override name = 'SourceRefusedError';
  readonly retryable = false;
  constructor(
    service: string,
    message: string,
    readonly code?: number,
  ) {
    super(service, message);
  }
}

/** An answer that is not in the service's documented format (not JSON, a field missing, a non-number). */
export class SourceAnswerError extends SourceError {
  override name = 'SourceAnswerError';
  readonly retryable = true;
}

/**
 * The rate limit: counted here (the client keeps its calls inside the documented limits) or announced by
 * the service (HTTP 429, a "Note"). Nothing is sent to the service before `retryAt` when it is known.
 */
export class SourceRateLimitedError extends SourceError {
  override name = 'SourceRateLimitedError';
  readonly retryable = true;
  constructor(
    service: string,
    message: string,
    readonly retryAt?: Date,
  ) {
    super(service, message);
  }
}

/** The daily quota is spent: no call is made before it resets at `retryAt`. */
export class SourceQuotaExhaustedError extends SourceRateLimitedError {
  override name = 'SourceQuotaExhaustedError';
}

/** `2024-03-01T00:00:00.000Z` without the milliseconds, for messages. */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The next midnight UTC after `ms`: when UTC-day quotas reset. */
export function nextUtcMidnight(ms: number): number {
  const day = new Date(ms);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1);
}

/** The start of the next clock minute after `ms`: when per-minute counters reset. */
export const nextMinute = (ms: number) => (Math.floor(ms / 60_000) + 1) * 60_000;
