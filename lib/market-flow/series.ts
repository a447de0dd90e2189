/**
 * The input of every market-flow metric: a level series (index, price, market value, yield) at its native
 * frequency, labelled with where it came from. `prepareSeries` validates it once, converts dates to epoch
 * days and infers the frequency, so every range and pair reuses the work.
 */
import { MarketFlowInputError } from './errors.js';
import { epochDay, frequencies, periodKey, type Frequency } from './calendar.js';

/** Where the numbers came from: real (a package's data set, a live API) or synthetic, never confused. */
export interface SourceLabel {
  kind: 'real' | 'synthetic';
  /** What it is: `vega-datasets sp500.csv`, `arch: Moody's AAA yield (monthly)`, `synthetic seed 42`. */
  name: string;
}

/**
 * `price` levels are positive and move by log returns ln(v[t] / v[t-1]); `rate` levels (yields, in
 * percent) may be zero or negative and move by differences v[t] - v[t-1] (percentage points).
 */
export type SeriesKind = 'price' | 'rate';

export interface MarketSeries {
  id: string;
  /** Ascending ISO dates (`2024-03-01`) or timestamps, one per value. */
  dates: readonly string[];
  values: Float64Array;
  source: SourceLabel;
  /** Default `price`. */
  kind?: SeriesKind;
  /** Inferred from the median spacing of the dates when omitted. */
  frequency?: Frequency;
  /** Return periods per year for annualising; by default from the frequency (daily 252). */
  periodsPerYear?: number;
}

/** Trading periods a year: 252 trading days; intraday has no fixed count and is estimated from the data. */
export const defaultPeriodsPerYear: Record<Exclude<Frequency, 'intraday'>, number> = {
  daily: 252,
  weekly: 52,
  monthly: 12,
  quarterly: 4,
  annual: 1,
};

/** A resampled copy: the last observation of each period. */
export interface Resampled {
  keys: Float64Array;
  times: Float64Array;
  values: Float64Array;
}

export interface PreparedSeries {
  id: string;
  kind: SeriesKind;
  source: SourceLabel;
  frequency: Frequency;
  periodsPerYear: number;
  times: Float64Array;
  values: Float64Array;
  /** Filled on first use by `resampled`. */
  cache: Map<Frequency, Resampled>;
}

export const frequencyRank = (f: Frequency) => frequencies.indexOf(f);
export const coarser = (a: Frequency, b: Frequency): Frequency =>
  frequencyRank(a) >= frequencyRank(b) ? a : b;

/** Median spacing in days: under 0.9 intraday, up to 4 daily, 10 weekly, 40 monthly, 120 quarterly. */
export function inferFrequency(times: Float64Array): Frequency {
  const gaps = Float64Array.from({ length: times.length - 1 }, (_, i) => times[i + 1]! - times[i]!).sort();
  const median = gaps[Math.floor(gaps.length / 2)]!;
  if (median < 0.9) return 'intraday';
  if (median <= 4) return 'daily';
  if (median <= 10) return 'weekly';
  if (median <= 40) return 'monthly';
  return median <= 120 ? 'quarterly' : 'annual';
}

export function prepareSeries(series: MarketSeries, field = 'series'): PreparedSeries {
  const { dates, values } = series;
  if (typeof series.id !== 'string' || series.id === '')
    throw new MarketFlowInputError(`${field}.id`, 'is empty');
  if (!(values instanceof Float64Array))
    throw new MarketFlowInputError(`${field}.values`, 'must be a Float64Array');
  if (dates.length !== values.length)
    throw new MarketFlowInputError(
      `${field}.values`,
      `has ${values.length} values for ${dates.length} dates`,
    );
  if (dates.length < 2) throw new MarketFlowInputError(`${field}.dates`, 'needs at least 2 observations');
  if (series.source?.kind !== 'real' && series.source?.kind !== 'synthetic')
    throw new MarketFlowInputError(`${field}.source.kind`, `must be "real" or "synthetic"`);
  const kind = series.kind ?? 'price';
  const times = new Float64Array(dates.length);
  for (let i = 0; i < dates.length; i++) {
    times[i] = epochDay(dates[i]!);
    if (!Number.isFinite(times[i]))
      throw new MarketFlowInputError(`${field}.dates[${i}]`, `${JSON.stringify(dates[i])} is not a date`);
    if (i > 0 && times[i]! <= times[i - 1]!)
      throw new MarketFlowInputError(`${field}.dates[${i}]`, `${dates[i]} is not after ${dates[i - 1]}`);
    const v = values[i]!;
    if (!Number.isFinite(v) || (kind === 'price' && v <= 0))
      throw new MarketFlowInputError(
        `${field}.values[${i}]`,
        `${v} is not a ${kind === 'price' ? 'positive finite price' : 'finite rate'}`,
      );
  }
  const frequency = series.frequency ?? inferFrequency(times);
  const spanYears = (times[times.length - 1]! - times[0]!) / 365.25;
  const periodsPerYear =
    series.periodsPerYear ??
    (frequency === 'intraday' ? (times.length - 1) / spanYears : defaultPeriodsPerYear[frequency]);
  if (!(periodsPerYear > 0)) throw new MarketFlowInputError(`${field}.periodsPerYear`, 'must be positive');
  return {
    id: series.id,
    kind,
    source: series.source,
    frequency,
    periodsPerYear,
    times,
    values,
    cache: new Map(),
  };
}

/** The series at `frequency` (its own or coarser): the last observation of each period. */
export function resampled(series: PreparedSeries, frequency: Frequency): Resampled {
  const hit = series.cache.get(frequency);
  if (hit) return hit;
  const n = series.times.length;
  const keys = new Float64Array(n);
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const key = periodKey(series.times[i]!, frequency);
    if (m > 0 && keys[m - 1] === key) m--;
    keys[m] = key;
    times[m] = series.times[i]!;
    values[m] = series.values[i]!;
    m++;
  }
  const out = { keys: keys.slice(0, m), times: times.slice(0, m), values: values.slice(0, m) };
  series.cache.set(frequency, out);
  return out;
}

/** Return from one level to the next: log return for prices, difference for rates. */
export function periodReturn(kind: SeriesKind, from: number, to: number): number {
  return kind === 'price' ? Math.log(to / from) : to - from;
}

/** Every series prepared and indexed by id; a repeated id is refused. */
export function prepareSeriesSet(series: readonly MarketSeries[]): Map<string, PreparedSeries> {
  const out = new Map<string, PreparedSeries>();
  series.forEach((s, i) => {
    if (out.has(s.id))
      throw new MarketFlowInputError(`series[${i}].id`, `${JSON.stringify(s.id)} is repeated`);
    out.set(s.id, prepareSeries(s, `series[${i}]`));
  });
  return out;
}
