/** Monthly aggregation, each value worked out by hand in the comment beside it. */
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  monthEndValues,
  monthlyMeans,
  monthlyReturns,
  monthRanges,
  rollingMean,
} from '../../../../lib/universe/monthly.js';

const f = (...v: number[]) => Float64Array.from(v);

describe('monthly aggregation', () => {
  const dates = ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-29', '2024-03-01'];

  it('month ranges, month-end values and monthly means', () => {
    const ranges = monthRanges(dates);
    expect(ranges.months).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(Array.from(ranges.start)).toEqual([0, 2, 4]);
    expect(Array.from(ranges.end)).toEqual([2, 4, 5]);
    expect(Array.from(monthEndValues(f(1, 2, 3, 4, 5), ranges))).toEqual([2, 4, 5]);
    // NaN days are left out of the mean: January (1 + 3) / 2 = 2, February only 6.
    expect(Array.from(monthlyMeans(f(1, 3, Number.NaN, 6, 8), ranges))).toEqual([2, 6, 8]);
    expect(() => monthRanges(['2024-02-01', '2024-01-31'])).toThrow(/not ascending/);
  });

  it('returns over lag months are geometric monthly averages, NaN across a gap', () => {
    const months = ['2024-01', '2024-02', '2024-03', '2024-05'];
    const close = f(100, 110, 121, 150);
    // 1 month: 110/100 - 1 = 0.1, 121/110 - 1 = 0.1; May has no April: NaN.
    const one = monthlyReturns(months, close, 1);
    expect(one[0]).toBeNaN();
    expect(one[1]).toBeCloseTo(0.1, 12);
    expect(one[2]).toBeCloseTo(0.1, 12);
    expect(one[3]).toBeNaN();
    // 2 months: (121/100)^(1/2) - 1 = 0.1; May over March: (150/121)^(1/2) - 1.
    const two = monthlyReturns(months, close, 2);
    expect(two[2]).toBeCloseTo(0.1, 12);
    expect(two[3]).toBeCloseTo(Math.sqrt(150 / 121) - 1, 12);
  });

  it('rolling mean with a minimum count, and month arithmetic', () => {
    // Window 3, at least 2 finite values: t=0 {1} and t=1 {1, NaN} have one -> NaN; t=2 {1, NaN, 3} -> 2;
    // t=3 {NaN, 3, 5} -> 4; t=4 {3, 5, 7} -> 5.
    const r = rollingMean(f(1, Number.NaN, 3, 5, 7), 3, 2);
    expect(r[0]).toBeNaN();
    expect(r[1]).toBeNaN();
    expect(Array.from(r.slice(2))).toEqual([2, 4, 5]);
    expect(addMonths('2024-11', 2)).toBe('2025-01');
    expect(addMonths('2024-01', -13)).toBe('2022-12');
  });
});
