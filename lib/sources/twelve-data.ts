/**
 * Twelve Data REST client (time_series and quote) for instruments written `SYMBOL:EXCHANGE`, inside the
 * free tier's limits: 8 API credits a minute and 800 a day, the day counted from midnight UTC
 * (https://twelvedata.com/changelog/clarifies-api-credit-limits-in-the-docs-13); each of these calls costs
 * one credit per symbol. Calls are spaced and counted by a `CallBudget`, answers are cached (a quote for a
 * minute, a series for 15 minutes by default) so repeated questions cost nothing, and the service's own 429
 * stops all calls until its limit resets. The key goes in the `apikey` query parameter
 * (https://twelvedata.com/auth.md); it comes from the caller (the configuration reads the environment).
 */
import { parseInstrumentId } from '../risk/instrument-id.js';
import { createAnswerCache } from './answer-cache.js';
import { CallBudget, realTiming, type BudgetUsage, type CallLimits, type Timing } from './call-budget.js';
import { getAnswer, type HttpAnswer } from './http-answer.js';
import { MissingApiKeyError } from './http-json.js';
import {
  isoSeconds,
  nextMinute,
  SourceQuotaExhaustedError,
  SourceRateLimitedError,
  SourceRefusedError,
  SourceUnavailableError,
} from './source-errors.js';
import {
  parseQuote,
  parseTimeSeries,
  twelveData,
  twelveDataProblem,
  type TwelveDataQuote,
  type TwelveDataSeries,
} from './twelve-data-answers.js';

export type { TwelveDataQuote, TwelveDataSeries } from './twelve-data-answers.js';

export const twelveDataDefaults = {
  baseUrl: 'https://api.twelvedata.com',
  /** The free ("Basic") plan. */
  limits: { perMinute: 8, perDay: 800 } satisfies CallLimits,
  cacheMs: { quote: 60_000, timeSeries: 15 * 60_000 },
} as const;

/** Intervals the time_series endpoint documents. */
export const twelveDataIntervals = [
  ...['1min', '5min', '15min', '30min', '45min', '1h', '2h', '4h'],
  ...['1day', '1week', '1month'],
] as const;
export type TwelveDataInterval = (typeof twelveDataIntervals)[number];

export interface TwelveDataOptions {
  /** Unset: every call fails with `MissingApiKeyError` naming TWELVE_DATA_API_KEY. */
  apiKey?: string;
  baseUrl?: string;
  limits?: CallLimits;
  cacheMs?: { quote?: number; timeSeries?: number };
  timeoutMs?: number;
  timing?: Timing;
}

export interface TimeSeriesRequest {
  interval?: TwelveDataInterval;
  /** Bars wanted, 1..5000 (the service's default is 30). */
  outputsize?: number;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, in the exchange's time zone. */
  startDate?: string;
  endDate?: string;
}

export interface TwelveDataClient {
  timeSeries(instrument: string, request?: TimeSeriesRequest): Promise<TwelveDataSeries>;
  quote(instrument: string): Promise<TwelveDataQuote>;
  /** Credits counted today, the limits, and any block the service imposed. */
  usage(): BudgetUsage;
}

export function createTwelveDataClient(options: TwelveDataOptions = {}): TwelveDataClient {
  const timing = options.timing ?? realTiming;
  const budget = new CallBudget(twelveData, options.limits ?? twelveDataDefaults.limits, timing);
  const cache = createAnswerCache({ now: timing.now });
  const cacheMs = { ...twelveDataDefaults.cacheMs, ...options.cacheMs };
  const baseUrl = options.baseUrl ?? twelveDataDefaults.baseUrl;

  /** One call: its turn in the budget, the request, and the service's verdict on it. */
  async function call(endpoint: string, params: Record<string, string>): Promise<HttpAnswer> {
    if (!options.apiKey) throw new MissingApiKeyError(twelveData, 'TWELVE_DATA_API_KEY');
    await budget.take();
    const url = new URL(endpoint, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    url.searchParams.set('apikey', options.apiKey);
    const answer = await getAnswer(twelveData, url, options.timeoutMs);
    const problem = twelveDataProblem(answer);
    if (!problem) return answer;
    const what = `${endpoint} for ${params.symbol}:${params.exchange}`;
    const quoted = `${twelveData} answered ${problem.code} to ${what}: "${problem.message}"`;
    switch (problem.kind) {
      case 'daily-quota': {
        const resetsAt = budget.dailyQuotaSpent(`the service says the day's credits are spent`);
        throw new SourceQuotaExhaustedError(
          twelveData,
          `${quoted}; the day's credits reset at ${isoSeconds(resetsAt.getTime())}, no call is made before then`,
          resetsAt,
        );
      }
      case 'minute-limit': {
        const retryAt = nextMinute(timing.now());
        budget.blockUntil(retryAt, `the service answered 429 for its per-minute limit`);
        throw new SourceRateLimitedError(
          twelveData,
          `${quoted}; calls resume at ${isoSeconds(retryAt)}`,
          new Date(retryAt),
        );
      }
      case 'unavailable':
        throw new SourceUnavailableError(twelveData, quoted);
      default:
        throw new SourceRefusedError(
          twelveData,
          problem.code === 401 ? `${quoted} (check TWELVE_DATA_API_KEY)` : quoted,
          problem.code,
        );
    }
  }

  return {
    async timeSeries(instrumentId, request = {}) {
      const { symbol, exchange, id } = parseInstrumentId(instrumentId);
      const params: Record<string, string> = { symbol, exchange, interval: request.interval ?? '1day' };
      if (request.outputsize !== undefined) params.outputsize = String(request.outputsize);
      if (request.startDate) params.start_date = request.startDate;
      if (request.endDate) params.end_date = request.endDate;
      const key = `time_series?${new URLSearchParams(params).toString()}`;
      return cache.remember(key, cacheMs.timeSeries, async () =>
        parseTimeSeries(id, await call('time_series', params)),
      );
    },
    async quote(instrumentId) {
      const { symbol, exchange, id } = parseInstrumentId(instrumentId);
      return cache.remember(`quote?${id}`, cacheMs.quote, async () =>
        parseQuote(id, await call('quote', { symbol, exchange })),
      );
    },
    usage: () => budget.usage(),
  };
}
