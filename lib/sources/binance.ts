/**
 * Binance spot klines (public market data, no key) within the request-weight limit. Binance counts weight
 * per IP: every answer carries the weight used so far in `X-MBX-USED-WEIGHT-1M`, klines cost 2, and all
 * /api/ endpoints share 6,000 a minute (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits).
 * Before each request the client checks the last reported weight: when the request would pass the limit
 * it waits for the next minute. A 429 or 418 stops every request until its `Retry-After`: the docs make
 * backing off the client's obligation, and repeated 429s end in an IP ban. Requests go one at a time.
 */
import type { MarketSeries } from '../market-flow/series.js';
import { realTiming, type Timing } from './call-budget.js';
import { binance, binanceProblem, parseKlines, type Kline } from './binance-answers.js';
import { getAnswer } from './http-answer.js';
import {
  isoSeconds,
  nextMinute,
  SourceRateLimitedError,
  SourceRefusedError,
  SourceUnavailableError,
} from './source-errors.js';

export type { Kline } from './binance-answers.js';

export const binanceDefaults = {
  baseUrl: 'https://api.binance.com',
  weightPerMinute: 6_000,
  klinesWeight: 2,
  /** Klines per request at most (the default is 500). */
  maxLimit: 1_000,
} as const;

export const binanceIntervals = [
  ...['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h'],
  ...['1d', '3d', '1w', '1M'],
] as const;
export type BinanceInterval = (typeof binanceIntervals)[number];

export interface KlinesRequest {
  /** e.g. BTCUSDT. */
  symbol: string;
  interval: BinanceInterval;
  /** 1..1000; the service's default is 500. */
  limit?: number;
  /** Epoch milliseconds, inclusive. */
  startTime?: number;
  endTime?: number;
}

export interface BinanceOptions {
  baseUrl?: string;
  weightPerMinute?: number;
  /** The longest a request waits for the limit to clear; longer is refused as rate limited (default 60 s). */
  maxWaitMs?: number;
  timeoutMs?: number;
  timing?: Timing;
}

export interface BinanceClient {
  klines(request: KlinesRequest): Promise<Kline[]>;
  /** Every kline from `startTime` to `endTime`, paged 1,000 at a time. */
  klineHistory(request: KlinesRequest & { startTime: number; endTime: number }): Promise<Kline[]>;
  /** The weight the service last reported for this minute, and any block it imposed. */
  weight(): { used: number; limit: number; blockedUntil?: string };
}

export function createBinanceClient(options: BinanceOptions = {}): BinanceClient {
  const timing = options.timing ?? realTiming;
  const limit = options.weightPerMinute ?? binanceDefaults.weightPerMinute;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const baseUrl = options.baseUrl ?? binanceDefaults.baseUrl;
  const reported = { weight: 0, minute: -1 };
  let blockedUntil = 0;
  let blockReason = '';
  let turn: Promise<unknown> = Promise.resolve();

  const usedNow = () => (Math.floor(timing.now() / 60_000) === reported.minute ? reported.weight : 0);

  async function waitForRoom(): Promise<void> {
    for (;;) {
      const now = timing.now();
      let until = 0;
      let why = '';
      if (blockedUntil > now) [until, why] = [blockedUntil, blockReason];
      else if (usedNow() + binanceDefaults.klinesWeight > limit)
        [until, why] = [nextMinute(now), `${usedNow()} of ${limit} weight used this minute`];
      if (until === 0) return;
      if (until - now > maxWaitMs)
        throw new SourceRateLimitedError(
          binance,
          `${binance} is rate limited (${why}): the next request may go at ${isoSeconds(until)}, ` +
            `longer than this client waits (${maxWaitMs / 1000} s)`,
          new Date(until),
        );
      await timing.sleep(until - now);
    }
  }

  async function requestKlines(request: KlinesRequest): Promise<Kline[]> {
    await waitForRoom();
    const url = new URL('/api/v3/klines', baseUrl);
    url.searchParams.set('symbol', request.symbol);
    url.searchParams.set('interval', request.interval);
    if (request.limit !== undefined) url.searchParams.set('limit', String(request.limit));
    if (request.startTime !== undefined) url.searchParams.set('startTime', String(request.startTime));
    if (request.endTime !== undefined) url.searchParams.set('endTime', String(request.endTime));
    const answer = await getAnswer(binance, url, options.timeoutMs);
    const weight = Number(answer.headers.get('x-mbx-used-weight-1m'));
    if (Number.isFinite(weight))
      Object.assign(reported, { weight, minute: Math.floor(timing.now() / 60_000) });
    const problem = binanceProblem(answer);
    if (!problem) return parseKlines(request.symbol, answer);
    const quoted = `${binance} answered ${problem.status} to klines for ${request.symbol}: ${problem.message}`;
    if (problem.kind === 'rate-limited' || problem.kind === 'banned') {
      const now = timing.now();
      blockedUntil = problem.retryAfterMs !== undefined ? now + problem.retryAfterMs : nextMinute(now);
      blockReason = problem.kind === 'banned' ? 'the IP is banned (418)' : 'the service answered 429';
      throw new SourceRateLimitedError(
        binance,
        `${quoted}; no request is sent before ${isoSeconds(blockedUntil)}`,
        new Date(blockedUntil),
      );
    }
    if (problem.kind === 'unavailable') throw new SourceUnavailableError(binance, quoted);
    throw new SourceRefusedError(binance, quoted, problem.code);
  }

  /** One request at a time, in order, so the weight check before each one sees the one before. */
  function klines(request: KlinesRequest): Promise<Kline[]> {
    const mine = turn.then(() => requestKlines(request));
    turn = mine.catch(() => undefined);
    return mine;
  }

  return {
    klines,
    async klineHistory(request) {
      const all: Kline[] = [];
      let from = request.startTime;
      while (from <= request.endTime) {
        const page = await klines({ ...request, startTime: from, limit: binanceDefaults.maxLimit });
        all.push(...page);
        const last = page.at(-1);
        // A short page is the end; a page that does not move forward would loop for ever.
        if (!last || page.length < binanceDefaults.maxLimit || last.openTime < from) break;
        from = last.openTime + 1;
      }
      return all;
    },
    weight() {
      const now = timing.now();
      return {
        used: usedNow(),
        limit,
        ...(blockedUntil > now ? { blockedUntil: isoSeconds(blockedUntil) } : {}),
      };
    },
  };
}

/** Closes as a market-flow series: dates for daily and longer intervals, ISO timestamps for intraday ones. */
export function klinesToMarketSeries(
  id: string,
  symbol: string,
  interval: BinanceInterval,
  klines: readonly Kline[],
): MarketSeries {
  const intraday = /^\d+[smh]$/.test(interval);
  const dates = klines.map((k) => {
    const iso = new Date(k.openTime).toISOString();
    return intraday ? iso : iso.slice(0, 10);
  });
  const range = dates.length > 0 ? `${dates[0]}..${dates.at(-1)}` : 'no data';
  return {
    id,
    dates,
    values: Float64Array.from(klines, (k) => k.close),
    source: { kind: 'real', name: `Binance klines ${symbol} ${interval} close (${range})` },
    kind: 'price',
  };
}
