/** Small hand-made series for the market-flow tests. */
import type { MarketSeries, SourceLabel } from '../../../../lib/market-flow/series.js';
import { businessDays } from '../../../../lib/sources/synthetic.js';

export const testSource: SourceLabel = { kind: 'real', name: 'hand-made test data' };

export function makeSeries(
  id: string,
  dates: readonly string[],
  values: readonly number[],
  extra: Partial<MarketSeries> = {},
): MarketSeries {
  return { id, dates, values: Float64Array.from(values), source: testSource, ...extra };
}

/** Business days from Monday 2023-12-25 to Friday 2024-01-12: 15 days, the last week the one the tests look at. */
export const threeWeeks = businessDays('2023-12-25', 15);

/** 100 for ten days, then 100 · exp(cumulative sum of `returns`) over the last five: returns exactly as given. */
export function flatThenReturns(returns: readonly number[], start = 100): number[] {
  let log = Math.log(start);
  return [...Array<number>(15 - returns.length).fill(start), ...returns.map((r) => Math.exp((log += r)))];
}

/** The first of each month from `from` (YYYY-MM) for `count` months. */
export function monthStarts(from: string, count: number): string[] {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, k) =>
    new Date(Date.UTC(y, m - 1 + k, 1)).toISOString().slice(0, 10),
  );
}
