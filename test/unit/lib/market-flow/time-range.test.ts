/**
 * Time ranges on series of any frequency: where each range starts, which series can serve it (and the
 * typed reason when one cannot), the change over the range and the returns its statistics use.
 */
import { describe, expect, it } from 'vitest';
import { epochDay, formatEpochDay, periodKey, subtractMonths } from '../../../../lib/market-flow/calendar.js';
import { MarketFlowInputError } from '../../../../lib/market-flow/errors.js';
import { prepareSeries } from '../../../../lib/market-flow/series.js';
import {
  changeWindow,
  parseTimeRange,
  rangeStart,
  statisticsReturns,
  timeRanges,
} from '../../../../lib/market-flow/time-range.js';
import { makeSeries, monthStarts, threeWeeks } from './fixtures.js';

const day = (text: string) => epochDay(text);
const starts = (asOf: string) => timeRanges.map((r) => formatEpochDay(rangeStart(r, day(asOf))));

describe('time ranges', () => {
  it('start one day, a week, or 1, 3 and 12 calendar months before asOf', () => {
    expect(timeRanges).toEqual(['1D', '1W', '1M', '3M', '1Y']);
    expect(starts('2024-03-31')).toEqual([
      '2024-03-30',
      '2024-03-24',
      '2024-02-29',
      '2023-12-31',
      '2023-03-31',
    ]);
    // Month arithmetic clamps to the month's last day and keeps the time of day.
    expect(formatEpochDay(subtractMonths(day('2023-05-31'), 3))).toBe('2023-02-28');
    expect(formatEpochDay(subtractMonths(day('2024-01-15T12:00:00Z'), 1))).toBe('2023-12-15T12:00:00.000Z');
  });

  it('periods: weeks start on Monday, months and quarters follow the calendar', () => {
    // 2024-01-07 is a Sunday, 2024-01-08 a Monday.
    expect(periodKey(day('2024-01-07'), 'weekly')).toBe(periodKey(day('2024-01-01'), 'weekly'));
    expect(periodKey(day('2024-01-08'), 'weekly')).toBe(periodKey(day('2024-01-01'), 'weekly') + 1);
    expect(periodKey(day('2024-02-29'), 'monthly')).toBe((2024 - 1970) * 12 + 1);
    expect(periodKey(day('2024-05-01'), 'quarterly')).toBe((2024 - 1970) * 4 + 1);
  });

  it('an unknown range is refused naming the field', () => {
    expect(parseTimeRange('3M')).toBe('3M');
    expect(() => parseTimeRange('2W')).toThrow(MarketFlowInputError);
    expect(() => parseTimeRange('2W')).toThrow(/^timeRange: must be one of 1D, 1W, 1M, 3M, 1Y, got "2W"$/);
    expect(() => parseTimeRange(7, 'query.timeRange')).toThrow(
      expect.objectContaining({ field: 'query.timeRange' }),
    );
  });

  it('the change over a range runs from the last observation at or before its start', () => {
    // Daily values 1..15 on business days 2023-12-25 .. 2024-01-12.
    const s = prepareSeries(
      makeSeries(
        'idx',
        threeWeeks,
        threeWeeks.map((_, k) => k + 1),
      ),
    );
    expect(s.frequency).toBe('daily');
    // asOf Monday 2024-01-08 (value 11), 1D starts Sunday: the baseline is Friday 2024-01-05 (value 10).
    const monday = changeWindow(s, '1D', day('2024-01-08'));
    expect(monday).toMatchObject({ available: true, baseValue: 10, endValue: 11 });
    if (monday.available) expect(monday.change).toBeCloseTo(0.1, 14);
    // asOf Friday 2024-01-12 (15), 1W starts Friday 2024-01-05 (10): 15 / 10 - 1 = 0.5.
    const week = changeWindow(s, '1W', day('2024-01-12'));
    if (!week.available) throw new Error(week.message);
    expect(week.change).toBeCloseTo(0.5, 14);
    // A rate series changes by differences.
    const rate = prepareSeries(
      makeSeries(
        'y',
        threeWeeks,
        threeWeeks.map((_, k) => 4 + k / 100),
        { kind: 'rate' },
      ),
    );
    const w = changeWindow(rate, '1W', day('2024-01-12'));
    if (!w.available) throw new Error(w.message);
    expect(w.change).toBeCloseTo(0.05, 12);
  });

  it('a series coarser than the range, stale, too short or with a gap says so, with its reason', () => {
    // Monthly yields dated the 1st, January 2023 to January 2024.
    const monthly = prepareSeries(
      makeSeries('aaa', monthStarts('2023-01', 13), Array(13).fill(4.5), { kind: 'rate' }),
    );
    expect(monthly.frequency).toBe('monthly');
    const asOf = day('2024-01-12');
    for (const range of ['1D', '1W'] as const) {
      const w = changeWindow(monthly, range, asOf);
      expect(w).toMatchObject({ available: false, reason: 'coarser-than-range' });
      if (!w.available)
        expect(w.message).toBe(
          `aaa is monthly: the ${range} range needs ${range === '1D' ? 'daily' : 'weekly'} or finer observations`,
        );
    }
    // For 1M the 2024-01-01 value ends the range (11 days before asOf, within 35) and 2023-12-01 starts it.
    expect(changeWindow(monthly, '1M', asOf)).toMatchObject({ available: true, baseIndex: 11, endIndex: 12 });
    expect(changeWindow(monthly, '1Y', asOf)).toMatchObject({ available: true, baseIndex: 0 });

    const daily = prepareSeries(makeSeries('idx', threeWeeks, Array(15).fill(100)));
    expect(changeWindow(daily, '1W', day('2024-01-25'))).toMatchObject({ available: false, reason: 'stale' });
    expect(changeWindow(daily, '1M', day('2024-01-12'))).toMatchObject({
      available: false,
      reason: 'history-too-short',
    });
    expect(changeWindow(daily, '1D', day('2023-12-20'))).toMatchObject({
      available: false,
      reason: 'no-data',
    });
    // A three-week hole before asOf's week: nothing within 5 days of the 1W start.
    const holed = prepareSeries(
      makeSeries('h', ['2023-12-01', '2023-12-04', '2024-01-10', '2024-01-12'], [1, 2, 3, 4], {
        frequency: 'daily',
      }),
    );
    expect(changeWindow(holed, '1W', day('2024-01-12'))).toMatchObject({ available: false, reason: 'gap' });
    // A holiday Monday as asOf with 1D: the last close is Friday, the range's baseline too.
    const toFriday = prepareSeries(makeSeries('f', threeWeeks.slice(0, 10), Array(10).fill(100)));
    expect(changeWindow(toFriday, '1D', day('2024-01-08'))).toMatchObject({
      available: false,
      reason: 'no-observation-in-range',
    });
  });

  it('statistics use the returns in the range, extended back to minReturns', () => {
    const s = prepareSeries(
      makeSeries(
        'idx',
        threeWeeks,
        threeWeeks.map((_, k) => 100 + k),
      ),
    );
    const asOf = day('2024-01-12');
    // 1W holds 5 daily returns (Monday to Friday); with minReturns 3 those 5 are used.
    const week = statisticsReturns(s, '1W', asOf, 3);
    expect(week).toMatchObject({ available: true, inRange: 5 });
    if (week.available) {
      expect(week.returns).toHaveLength(5);
      expect(week.returns[4]).toBeCloseTo(Math.log(114 / 113), 14);
    }
    // 1D holds one; minReturns 10 takes the last 10.
    const oneDay = statisticsReturns(s, '1D', asOf, 10);
    expect(oneDay).toMatchObject({ available: true, inRange: 1 });
    if (oneDay.available) expect(oneDay.returns[0]).toBeCloseTo(Math.log(105 / 104), 14);
    // 15 observations hold 14 returns.
    expect(statisticsReturns(s, '1D', asOf, 14).available).toBe(true);
    expect(statisticsReturns(s, '1D', asOf, 15)).toMatchObject({
      available: false,
      reason: 'too-few-returns',
    });
  });
});
