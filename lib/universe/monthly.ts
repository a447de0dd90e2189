/**
 * Daily series to monthly ones, as the seed resamples: indicators take their month-end value, dollar
 * volume its monthly mean; returns over 1, 2, 3, 6, 9 and 12 months are geometric monthly averages,
 * (close[m] / close[m - lag])^(1 / lag) - 1, so every lag is on the same per-month scale.
 * Months are 'YYYY-MM' keys; the last month of the data may be partial (its value is the latest day's).
 */

export const returnLags = [1, 2, 3, 6, 9, 12] as const;
export type ReturnName = `return_${(typeof returnLags)[number]}m`;
export const returnNames = returnLags.map((lag) => `return_${lag}m` as ReturnName);

/** Each month's rows [start, end) in a daily series sorted by date. */
export interface MonthRanges {
  months: string[];
  start: Int32Array;
  end: Int32Array;
}

export function monthRanges(dates: readonly string[]): MonthRanges {
  const months: string[] = [];
  const starts: number[] = [];
  for (let t = 0; t < dates.length; t++) {
    const month = dates[t]!.slice(0, 7);
    if (months.length === 0 || months[months.length - 1] !== month) {
      if (months.length > 0 && month < months[months.length - 1]!) {
        throw new RangeError(`dates are not ascending: ${dates[t]} after ${dates[t - 1]}`);
      }
      months.push(month);
      starts.push(t);
    }
  }
  const start = Int32Array.from(starts);
  const end = Int32Array.from(starts.slice(1).concat(dates.length));
  return { months, start, end };
}

/** The last value of each month. */
export function monthEndValues(x: Float64Array, ranges: MonthRanges): Float64Array {
  return Float64Array.from(ranges.end, (end) => x[end - 1]!);
}

/** The mean of each month's finite values (NaN for a month without any). */
export function monthlyMeans(x: Float64Array, ranges: MonthRanges): Float64Array {
  const out = new Float64Array(ranges.months.length);
  for (let m = 0; m < out.length; m++) {
    let sum = 0;
    let n = 0;
    for (let t = ranges.start[m]!; t < ranges.end[m]!; t++) {
      if (Number.isFinite(x[t])) {
        sum += x[t]!;
        n++;
      }
    }
    out[m] = n > 0 ? sum / n : Number.NaN;
  }
  return out;
}

/** Months since year 0 of a 'YYYY-MM' key, so gaps in a series are seen as gaps. */
export function monthOrdinal(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** The 'YYYY-MM' key `offset` months after `month` (negative goes back). */
export function addMonths(month: string, offset: number): string {
  const ordinal = monthOrdinal(month) + offset;
  return `${String(Math.floor(ordinal / 12)).padStart(4, '0')}-${String((ordinal % 12) + 1).padStart(2, '0')}`;
}

/**
 * Geometric average monthly return over `lag` calendar months; NaN when the month `lag` back is not in
 * the series (a gap or the start of the history).
 */
export function monthlyReturns(months: readonly string[], close: Float64Array, lag: number): Float64Array {
  const index = new Map(months.map((m, i) => [monthOrdinal(m), i]));
  return Float64Array.from(months, (month, i) => {
    const back = index.get(monthOrdinal(month) - lag);
    if (back === undefined) return Number.NaN;
    return (close[i]! / close[back]!) ** (1 / lag) - 1;
  });
}

/** Trailing mean over `window` values, defined once `minPeriods` finite values are in the window. */
export function rollingMean(x: Float64Array, window: number, minPeriods: number): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  let sum = 0;
  let n = 0;
  for (let t = 0; t < x.length; t++) {
    if (Number.isFinite(x[t])) {
      sum += x[t]!;
      n++;
    }
    const leaving = t - window;
    if (leaving >= 0 && Number.isFinite(x[leaving])) {
      sum -= x[leaving]!;
      n--;
    }
    if (n >= minPeriods) out[t] = sum / n;
  }
  return out;
}
