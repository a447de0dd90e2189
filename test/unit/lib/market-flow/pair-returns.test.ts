/** Two series compared at the coarser of their frequencies, on the periods both observed. */
import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../../lib/market-flow/calendar.js';
import { pairCorrelation, pairReturns } from '../../../../lib/market-flow/pair-returns.js';
import { prepareSeries } from '../../../../lib/market-flow/series.js';
import { makeSeries } from './fixtures.js';

describe('pair returns', () => {
  it('a daily index against monthly data is compared month end to month end', () => {
    const daily = prepareSeries(
      makeSeries(
        'idx',
        ['2024-01-30', '2024-01-31', '2024-02-28', '2024-02-29', '2024-03-28'],
        [100, 110, 121, 110, 132],
        {
          frequency: 'daily',
        },
      ),
    );
    const monthly = prepareSeries(makeSeries('m', ['2024-01-01', '2024-02-01', '2024-03-01'], [50, 55, 66]));
    // Month ends of the index: January 110, February 110, March (so far) 132.
    const pair = pairReturns(daily, monthly, '1M', epochDay('2024-03-31'), 2);
    if (!pair.available) throw new Error(pair.message);
    expect(Array.from(pair.x)).toEqual([0, Math.log(132 / 110)]);
    expect(Array.from(pair.y)).toEqual([Math.log(55 / 50), Math.log(66 / 55)]);
    expect(pair.periodsPerYear).toBe(12);
    // Three returns are more than the history holds.
    expect(pairReturns(daily, monthly, '1M', epochDay('2024-03-31'), 3)).toMatchObject({
      available: false,
      reason: 'too-few-returns',
    });
  });

  it('a weekday index against a 7-day market meets on weekdays, over the same intervals', () => {
    // Friday 2024-01-05 to Monday 2024-01-08: the stock moves once, crypto three times; their common return
    // is Friday -> Monday for both: ln(101/100) and ln(9/10).
    const stocks = prepareSeries(
      makeSeries('s', ['2024-01-04', '2024-01-05', '2024-01-08'], [99, 100, 101], { frequency: 'daily' }),
    );
    const crypto = prepareSeries(
      makeSeries(
        'c',
        ['2024-01-04', '2024-01-05', '2024-01-06', '2024-01-07', '2024-01-08'],
        [10, 10, 11, 12, 9],
        {
          periodsPerYear: 365,
        },
      ),
    );
    const pair = pairReturns(stocks, crypto, '1D', epochDay('2024-01-08'), 2);
    if (!pair.available) throw new Error(pair.message);
    expect(pair.x[1]).toBeCloseTo(Math.log(1.01), 14);
    expect(pair.y[1]).toBeCloseTo(Math.log(0.9), 14);
    // Thursday -> Friday: ln(100/99) and ln(10/10) = 0.
    expect(pair.y[0]).toBe(0);
    // Both daily: the smaller count a year, the weekdays' 252.
    expect(pair.periodsPerYear).toBe(252);
  });

  it('a side that never moves has no correlation, and says so', () => {
    const dates = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'];
    const flat = prepareSeries(makeSeries('flat', dates, [5, 5, 5, 5]));
    const moving = prepareSeries(makeSeries('moving', dates, [1, 2, 3, 5]));
    expect(pairCorrelation(flat, moving, '1D', epochDay('2024-01-04'), 3)).toMatchObject({
      available: false,
      reason: 'constant-returns',
    });
    expect(pairCorrelation(moving, moving, '1D', epochDay('2024-01-04'), 3)).toMatchObject({
      correlation: 1,
      returns: 3,
    });
  });
});
