/**
 * Two series side by side for a correlation: both resampled to the coarser of their native frequencies
 * (the last observation of each period: a daily index against a monthly yield is compared month-end to
 * month-end), kept on the periods both observed, and turned into returns over the same intervals. The
 * window is the statistics window of time-range.ts counted in common periods: the returns inside the
 * range, or the last `minReturns` up to `asOf` when those are fewer.
 */
import { formatEpochDay, periodKey } from './calendar.js';
import { coarser, defaultPeriodsPerYear, periodReturn, resampled, type PreparedSeries } from './series.js';
import { rangeStart, unavailable, type TimeRange, type Unavailable } from './time-range.js';
import { pearson, sampleStandardDeviation } from './statistics.js';

export interface PairReturns {
  available: true;
  x: Float64Array;
  y: Float64Array;
  /** Return periods a year at the pair's frequency. */
  periodsPerYear: number;
}

export function pairReturns(
  a: PreparedSeries,
  b: PreparedSeries,
  range: TimeRange,
  asOf: number,
  minReturns: number,
): PairReturns | Unavailable {
  const frequency = coarser(a.frequency, b.frequency);
  const A = resampled(a, frequency);
  const B = resampled(b, frequency);
  const endKey = periodKey(asOf, frequency);
  const startKey = periodKey(rangeStart(range, asOf), frequency);
  // Walk back from asOf over the periods both observed until the range is covered and enough returns are in.
  const xs: number[] = [];
  const ys: number[] = [];
  let i = A.keys.length - 1;
  let j = B.keys.length - 1;
  while (i >= 0 && A.keys[i]! > endKey) i--;
  while (j >= 0 && B.keys[j]! > endKey) j--;
  let lastKey = Number.POSITIVE_INFINITY;
  while (i >= 0 && j >= 0 && (lastKey > startKey || xs.length <= minReturns)) {
    if (A.keys[i] === B.keys[j]) {
      xs.push(A.values[i]!);
      ys.push(B.values[j]!);
      lastKey = A.keys[i]!;
      i--;
      j--;
    } else if (A.keys[i]! > B.keys[j]!) i--;
    else j--;
  }
  const count = xs.length - 1;
  if (count < minReturns || lastKey > startKey)
    return unavailable(
      'too-few-returns',
      `${a.id} and ${b.id} share ${Math.max(count, 0)} ${frequency} returns up to ${formatEpochDay(asOf)}; ` +
        `the statistics need ${minReturns} and the whole ${range} range`,
    );
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  // xs and ys run backwards in time.
  for (let k = 0; k < count; k++) {
    x[k] = periodReturn(a.kind, xs[count - k]!, xs[count - k - 1]!);
    y[k] = periodReturn(b.kind, ys[count - k]!, ys[count - k - 1]!);
  }
  // Both native (daily stocks 252 against daily crypto 365 meet on ~252 common days a year): the smaller.
  const periodsPerYear =
    frequency === 'intraday' || (frequency === a.frequency && frequency === b.frequency)
      ? Math.min(a.periodsPerYear, b.periodsPerYear)
      : defaultPeriodsPerYear[frequency];
  return { available: true, x, y, periodsPerYear };
}

export type PairCorrelation = { available: true; correlation: number; returns: number } | Unavailable;

/** Pearson correlation of aligned returns, or why there is none (a side that never moves). */
export function correlationOf(pair: PairReturns, a: PreparedSeries, b: PreparedSeries): PairCorrelation {
  const correlation = pearson(pair.x, pair.y);
  if (Number.isNaN(correlation))
    return unavailable(
      'constant-returns',
      `${a.id} or ${b.id} does not move over the window: no correlation`,
    );
  // A series against itself is exactly 1, not 1 less a rounding error.
  return { available: true, correlation: a === b ? 1 : correlation, returns: pair.x.length };
}

/** Pearson correlation of the pair's returns over the statistics window of `range`, or why there is none. */
export function pairCorrelation(
  a: PreparedSeries,
  b: PreparedSeries,
  range: TimeRange,
  asOf: number,
  minReturns: number,
): PairCorrelation {
  const pair = pairReturns(a, b, range, asOf, minReturns);
  return pair.available ? correlationOf(pair, a, b) : pair;
}

/** Annualised volatility of y's return minus x's (log returns of prices): the noise a relative move is judged against. */
export function relativeVolatility(pair: PairReturns): number {
  const d = Float64Array.from(pair.y, (v, k) => v - pair.x[k]!);
  return sampleStandardDeviation(d) * Math.sqrt(pair.periodsPerYear);
}
