/**
 * Alpha Vantage answers every request with HTTP 200, its errors included, told apart by the body's key
 * (https://www.alphavantage.co/documentation/; the wordings below are the service's as its users quote
 * them):
 *  - `"Error Message"`: an invalid call, e.g. "Invalid API call. Please retry or visit the documentation..."
 *    for an unknown symbol, or "the parameter apikey is invalid or missing...";
 *  - `"Note"` (older answers) or `"Information"` (current ones): the rate limit ("Thank you for using Alpha
 *    Vantage! Our standard API rate limit is 25 requests per day...", "...API call frequency is 5 calls per
 *    minute and 500 calls per day", "...spreading out your free API requests more sparingly (1 request per
 *    second)"), or another notice (a premium-only endpoint, an invalid key). A rate-limit answer carries no
 *    data and must never be read as an empty series.
 * The free key allows 25 requests a day; the service does not document when its day starts, so a spent
 * daily quota has no reset time here.
 */
import type { CallLimits } from './call-budget.js';
import {
  SourceQuotaExhaustedError,
  SourceRateLimitedError,
  SourceRefusedError,
  type SourceError,
} from './source-errors.js';

export const alphaVantage = 'Alpha Vantage';

/** The free key's limits, for a `CallBudget` in front of the clients. */
export const alphaVantageFreeLimits: CallLimits = { perMinute: 5, perDay: 25 };

const rateLimitWording =
  /rate limit|call frequency|requests per day|calls per (minute|day)|per second|sparingly/i;

/** The error an Alpha Vantage answer stands for, or `undefined` when it is data. `what` names the request. */
export function alphaVantageProblem(body: unknown, what: string): SourceError | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const error = record['Error Message'];
  const notice = record['Note'] ?? record['Information'];
  if (typeof error === 'string') {
    const hint = /apikey/i.test(error) ? ' (check ALPHA_VANTAGE_API_KEY)' : '';
    return new SourceRefusedError(alphaVantage, `${alphaVantage} refused ${what}: ${error}${hint}`);
  }
  if (typeof notice !== 'string') return undefined;
  if (!rateLimitWording.test(notice) || /apikey is invalid/i.test(notice))
    return new SourceRefusedError(alphaVantage, `${alphaVantage} refused ${what}: ${notice}`);
  const message = `${alphaVantage} refused ${what}: ${notice} (rate limited: no data in this answer)`;
  return /per day/i.test(notice) && !/per (minute|second)/i.test(notice)
    ? new SourceQuotaExhaustedError(alphaVantage, message)
    : new SourceRateLimitedError(alphaVantage, message);
}
