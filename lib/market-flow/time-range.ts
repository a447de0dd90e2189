/**
 * The seed's time ranges on series of any native frequency. A range ending at `asOf` starts one calendar
 * day (1D), 7 days (1W), 1, 3 or 12 calendar months (1M, 3M, 1Y) earlier. A series serves a range when
 *
 *   - its native frequency is at least as fine as the range's (daily for 1D, weekly for 1W, monthly for
 *     1M, quarterly for 3M, annual for 1Y): monthly bond yields cannot say what happened over a day or a
 *     week, so for 1D and 1W they are "coarser-than-range", never interpolated;
 *   - it has an observation at or before `asOf` no older than its frequency's tolerance (else "stale"),
 *     one at or before the range's start within the same tolerance (else "history-too-short" or "gap"),
 *     and a newer one inside the range (else "no-observation-in-range").
 *
 * The change over the range runs from the last observation at or before the start (the baseline) to the
 * last at or before `asOf`. Statistics (volatility, correlation) use the returns inside the range, and
 * when those are fewer than `minReturns`, the last `minReturns` returns up to `asOf` (a 1D range has one
 * daily return; its volatility is that of the last 20 days by default). Fewer in the whole history:
 * "too-few-returns".
 */
import { formatEpochDay, lastIndexAtOrBefore, subtractMonths, type Frequency } from './calendar.js';
import { MarketFlowInputError } from './errors.js';
import { frequencyRank, type PreparedSeries } from './series.js';
import { returnsOf } from './statistics.js';

export const timeRanges = ['1D', '1W', '1M', '3M', '1Y'] as const;
export type TimeRange = (typeof timeRanges)[number];

/** The coarsest native frequency that can serve each range. */
export const rangeFrequency: Record<TimeRange, Frequency> = {
  '1D': 'daily',
  '1W': 'weekly',
  '1M': 'monthly',
  '3M': 'quarterly',
  '1Y': 'annual',
};

/** How the previous period is named in sentences. */
export const previousPeriodLabel: Record<TimeRange, string> = {
  '1D': 'the previous day',
  '1W': 'last week',
  '1M': 'last month',
  '3M': 'the previous 3 months',
  '1Y': 'the previous year',
};

/** Days a series may lag `asOf` or a range's start and still count as observed there (weekends, holidays, month-start dating). */
export const toleranceDays: Record<Frequency, number> = {
  intraday: 5,
  daily: 5,
  weekly: 10,
  monthly: 35,
  quarterly: 100,
  annual: 370,
};

export type UnavailableReason =
  | 'coarser-than-range'
  | 'no-data'
  | 'stale'
  | 'history-too-short'
  | 'gap'
  | 'no-observation-in-range'
  | 'too-few-returns'
  | 'constant-returns';

/** A metric that cannot be computed honestly for this range and series: why, in words and as a code. */
export interface Unavailable {
  available: false;
  reason: UnavailableReason;
  message: string;
}

export const unavailable = (reason: UnavailableReason, message: string): Unavailable => ({
  available: false,
  reason,
  message,
});

export function parseTimeRange(value: unknown, field = 'timeRange'): TimeRange {
  if (typeof value === 'string' && (timeRanges as readonly string[]).includes(value))
    return value as TimeRange;
  throw new MarketFlowInputError(
    field,
    `must be one of ${timeRanges.join(', ')}, got ${JSON.stringify(value)}`,
  );
}

/** The epoch day a range ending at `asOf` starts. */
export function rangeStart(range: TimeRange, asOf: number): number {
  switch (range) {
    case '1D':
      return asOf - 1;
    case '1W':
      return asOf - 7;
    case '1M':
      return subtractMonths(asOf, 1);
    case '3M':
      return subtractMonths(asOf, 3);
    case '1Y':
      return subtractMonths(asOf, 12);
  }
}

export interface ChangeWindow {
  available: true;
  baseIndex: number;
  endIndex: number;
  baseValue: number;
  endValue: number;
  /** end / base - 1 for prices (a fraction), end - base for rates (their unit, e.g. percentage points). */
  change: number;
}

/** The baseline and end observations of `series` for `range` ending at `asOf`, or why there are none. */
export function changeWindow(
  series: PreparedSeries,
  range: TimeRange,
  asOf: number,
): ChangeWindow | Unavailable {
  const { id, frequency, times, values } = series;
  const needed = rangeFrequency[range];
  if (frequencyRank(frequency) > frequencyRank(needed))
    return unavailable(
      'coarser-than-range',
      `${id} is ${frequency}: the ${range} range needs ${needed} or finer observations`,
    );
  const tolerance = toleranceDays[frequency];
  const endIndex = lastIndexAtOrBefore(times, asOf);
  const asOfText = formatEpochDay(asOf);
  if (endIndex < 0) return unavailable('no-data', `${id} has no observation at or before ${asOfText}`);
  if (asOf - times[endIndex]! > tolerance)
    return unavailable(
      'stale',
      `${id}'s last observation (${formatEpochDay(times[endIndex]!)}) is more than ${tolerance} days before ${asOfText}`,
    );
  const start = rangeStart(range, asOf);
  const baseIndex = lastIndexAtOrBefore(times, start);
  if (baseIndex < 0)
    return unavailable(
      'history-too-short',
      `${id} starts ${formatEpochDay(times[0]!)}, after the start of the ${range} range (${formatEpochDay(start)})`,
    );
  if (start - times[baseIndex]! > tolerance)
    return unavailable(
      'gap',
      `${id} has no observation within ${tolerance} days before the start of the ${range} range ` +
        `(${formatEpochDay(start)}); the last is ${formatEpochDay(times[baseIndex]!)}`,
    );
  if (baseIndex === endIndex)
    return unavailable(
      'no-observation-in-range',
      `${id} has no observation between ${formatEpochDay(start)} and ${asOfText}`,
    );
  const baseValue = values[baseIndex]!;
  const endValue = values[endIndex]!;
  const change = series.kind === 'price' ? endValue / baseValue - 1 : endValue - baseValue;
  return { available: true, baseIndex, endIndex, baseValue, endValue, change };
}

export interface ReturnWindow {
  available: true;
  returns: Float64Array;
  /** How many of them fall inside the range (the rest extend it back to `minReturns`). */
  inRange: number;
}

/** The series' own returns for the statistics of `range` (see the file's comment for the window). */
export function statisticsReturns(
  series: PreparedSeries,
  range: TimeRange,
  asOf: number,
  minReturns: number,
): ReturnWindow | Unavailable {
  const endIndex = lastIndexAtOrBefore(series.times, asOf);
  const inRange = endIndex - lastIndexAtOrBefore(series.times, rangeStart(range, asOf));
  const count = Math.max(inRange, minReturns);
  if (endIndex - count < 0)
    return unavailable(
      'too-few-returns',
      `${series.id} has ${Math.max(endIndex, 0)} returns up to ${formatEpochDay(asOf)}; the statistics need ${count}`,
    );
  return {
    available: true,
    returns: returnsOf(series.values.subarray(endIndex - count, endIndex + 1), series.kind),
    inRange,
  };
}
