/**
 * Alpha Vantage daily prices (function TIME_SERIES_DAILY, outputsize=full). The service answers errors
 * with HTTP 200 and an "Error Message", "Note" or "Information" field, read by alpha-vantage-answer.ts (a
 * rate-limit note is a `SourceRateLimitedError`, never an empty series). A `CallBudget` given as `budget`
 * spaces and counts the calls (`alphaVantageFreeLimits` for the free key).
 */
import { emptyMarketData, type MarketData } from '../market-data.js';
import { alphaVantageProblem } from './alpha-vantage-answer.js';
import type { CallBudget } from './call-budget.js';
import { getJson, MissingApiKeyError } from './http-json.js';
import { SourceAnswerError } from './source-errors.js';

type DailyBar = Record<'1. open' | '2. high' | '3. low' | '4. close' | '5. volume', string>;

export async function fetchAlphaVantageDaily(options: {
  symbols: string[];
  apiKey?: string;
  baseUrl: string;
  from?: string;
  to?: string;
  budget?: CallBudget;
}): Promise<MarketData> {
  if (!options.apiKey) throw new MissingApiKeyError('Alpha Vantage', 'ALPHA_VANTAGE_API_KEY');
  const rows: { symbol: string; date: string; bar: DailyBar }[] = [];
  for (const symbol of [...options.symbols].sort()) {
    const url = new URL(options.baseUrl);
    url.searchParams.set('function', 'TIME_SERIES_DAILY');
    url.searchParams.set('symbol', symbol);
    url.searchParams.set('outputsize', 'full');
    url.searchParams.set('datatype', 'json');
    url.searchParams.set('apikey', options.apiKey);
    await options.budget?.take();
    const body = (await getJson('Alpha Vantage', url)) as Record<string, unknown> | null;
    const problem = alphaVantageProblem(body, symbol);
    if (problem) throw problem;
    const series = body?.['Time Series (Daily)'] as Record<string, DailyBar> | undefined;
    if (!series)
      throw new SourceAnswerError(
        'Alpha Vantage',
        `Alpha Vantage answered for ${symbol} without a "Time Series (Daily)" field`,
      );
    for (const [date, bar] of Object.entries(series)) {
      if ((options.from && date < options.from) || (options.to && date > options.to)) continue;
      rows.push({ symbol, date, bar });
    }
  }
  rows.sort((a, b) =>
    a.symbol === b.symbol ? a.date.localeCompare(b.date) : a.symbol.localeCompare(b.symbol),
  );
  const data = emptyMarketData(rows.length);
  rows.forEach(({ symbol, date, bar }, i) => {
    data.date[i] = date;
    data.symbol[i] = symbol;
    data.open[i] = Number(bar['1. open']);
    data.high[i] = Number(bar['2. high']);
    data.low[i] = Number(bar['3. low']);
    data.close[i] = Number(bar['4. close']);
    data.volume[i] = Number(bar['5. volume']);
  });
  return data;
}
