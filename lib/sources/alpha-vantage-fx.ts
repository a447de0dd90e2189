/**
 * Alpha Vantage daily FX rates (function FX_DAILY, https://www.alphavantage.co/documentation/#fx-daily):
 * `?function=FX_DAILY&from_symbol=EUR&to_symbol=USD&outputsize=compact|full&apikey=...` answers
 * `{"Meta Data": {"1. Information","2. From Symbol","3. To Symbol","4. Output Size","5. Last Refreshed",
 * "6. Time Zone"}, "Time Series FX (Daily)": {"2024-01-25": {"1. open","2. high","3. low","4. close"}, ...}}`
 * (no volume: FX has none), numbers as strings, newest first; errors and rate limits as
 * alpha-vantage-answer.ts reads them. `compact` is the latest 100 days, `full` the whole history.
 */
import type { MarketSeries } from '../market-flow/series.js';
import { alphaVantage, alphaVantageProblem } from './alpha-vantage-answer.js';
import type { CallBudget } from './call-budget.js';
import { excerpt, getAnswer } from './http-answer.js';
import { MissingApiKeyError } from './http-json.js';
import { SourceAnswerError, SourceRefusedError } from './source-errors.js';

export interface FxDailySeries {
  /** `EUR/USD`: the price of one EUR in USD. */
  pair: string;
  /** Ascending `YYYY-MM-DD`. */
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  lastRefreshed?: string;
}

export interface FxDailyOptions {
  /** Pairs written `EUR/USD`. */
  pairs: readonly string[];
  apiKey?: string;
  baseUrl: string;
  outputsize?: 'compact' | 'full';
  from?: string;
  to?: string;
  budget?: CallBudget;
  timeoutMs?: number;
}

const currency = /^[A-Z]{3}$/;

/** `eur/usd` -> `{from: 'EUR', to: 'USD'}`; anything else is refused before a call is spent on it. */
export function parseFxPair(pair: string): { from: string; to: string } {
  const [from, to, extra] = pair.toUpperCase().split('/');
  if (extra !== undefined || !from || !to || !currency.test(from) || !currency.test(to))
    throw new SourceRefusedError(alphaVantage, `${JSON.stringify(pair)} is not a currency pair like EUR/USD`);
  return { from, to };
}

export async function fetchAlphaVantageFxDaily(options: FxDailyOptions): Promise<FxDailySeries[]> {
  if (!options.apiKey) throw new MissingApiKeyError(alphaVantage, 'ALPHA_VANTAGE_API_KEY');
  const wanted = options.pairs.map((pair) => ({ pair: pair.toUpperCase(), ...parseFxPair(pair) }));
  const out: FxDailySeries[] = [];
  for (const { pair, from, to } of wanted) {
    const url = new URL(options.baseUrl);
    url.searchParams.set('function', 'FX_DAILY');
    url.searchParams.set('from_symbol', from);
    url.searchParams.set('to_symbol', to);
    url.searchParams.set('outputsize', options.outputsize ?? 'full');
    url.searchParams.set('datatype', 'json');
    url.searchParams.set('apikey', options.apiKey);
    await options.budget?.take();
    const answer = await getAnswer(alphaVantage, url, options.timeoutMs);
    const fail = (why: string) =>
      new SourceAnswerError(
        alphaVantage,
        `${alphaVantage} answered FX_DAILY for ${pair} in an unexpected format: ${why}`,
      );
    if (answer.json === undefined) throw fail(`the body is not JSON: ${excerpt(answer.text)}`);
    const problem = alphaVantageProblem(answer.json, `FX_DAILY ${pair}`);
    if (problem) throw problem;
    out.push(readFxDaily(pair, answer.json, fail, options));
  }
  return out;
}

function readFxDaily(
  pair: string,
  body: unknown,
  fail: (why: string) => SourceAnswerError,
  range: { from?: string; to?: string },
): FxDailySeries {
  const record = body as Record<string, unknown>;
  const series = record['Time Series FX (Daily)'];
  if (typeof series !== 'object' || series === null || Array.isArray(series))
    throw fail('no "Time Series FX (Daily)" object');
  const rows = Object.entries(series as Record<string, unknown>)
    .filter(([date]) => (!range.from || date >= range.from) && (!range.to || date <= range.to))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, bar]) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw fail(`${JSON.stringify(date)} is not a date`);
      const field = (name: string) => {
        const raw = (bar as Record<string, unknown> | null)?.[name];
        const value = typeof raw === 'string' ? Number(raw) : Number.NaN;
        if (!(value > 0)) throw fail(`${date} "${name}" is ${JSON.stringify(raw)}, not a positive rate`);
        return value;
      };
      return {
        date,
        open: field('1. open'),
        high: field('2. high'),
        low: field('3. low'),
        close: field('4. close'),
      };
    });
  const meta = record['Meta Data'] as Record<string, unknown> | undefined;
  const refreshed = meta?.['5. Last Refreshed'];
  return {
    pair,
    dates: rows.map((r) => r.date),
    open: Float64Array.from(rows, (r) => r.open),
    high: Float64Array.from(rows, (r) => r.high),
    low: Float64Array.from(rows, (r) => r.low),
    close: Float64Array.from(rows, (r) => r.close),
    ...(typeof refreshed === 'string' ? { lastRefreshed: refreshed } : {}),
  };
}

/** Daily closes as a market-flow price series, labelled with the source and range. */
export function fxToMarketSeries(
  series: FxDailySeries,
  id = `fx-${series.pair.replace('/', '').toLowerCase()}`,
): MarketSeries {
  const range = series.dates.length > 0 ? `${series.dates[0]}..${series.dates.at(-1)}` : 'no data';
  return {
    id,
    dates: series.dates,
    values: series.close,
    source: { kind: 'real', name: `Alpha Vantage FX_DAILY ${series.pair} close (${range})` },
    kind: 'price',
  };
}
