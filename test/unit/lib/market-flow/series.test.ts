/** Series preparation: frequency inference, field-named refusals, resampling to coarser periods, rate levels. */
import { describe, expect, it } from 'vitest';
import type { MarketFlowInputError } from '../../../../lib/market-flow/errors.js';
import { bondIndexFromYields, indexFromPeriodReturns } from '../../../../lib/market-flow/level-transforms.js';
import {
  inferFrequency,
  prepareSeries,
  prepareSeriesSet,
  resampled,
} from '../../../../lib/market-flow/series.js';
import { makeSeries, monthStarts, threeWeeks } from './fixtures.js';

const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as MarketFlowInputError).field;
  }
  return undefined;
};

describe('market series', () => {
  it('infers the frequency from the median spacing and annualises by it', () => {
    const daily = prepareSeries(makeSeries('d', threeWeeks, Array(15).fill(1)));
    expect([daily.frequency, daily.periodsPerYear]).toEqual(['daily', 252]);
    const monthly = prepareSeries(makeSeries('m', monthStarts('2020-01', 6), Array(6).fill(1)));
    expect([monthly.frequency, monthly.periodsPerYear]).toEqual(['monthly', 12]);
    const crypto = prepareSeries(makeSeries('c', threeWeeks, Array(15).fill(1), { periodsPerYear: 365 }));
    expect(crypto.periodsPerYear).toBe(365);
    // Hourly bars over two days: intraday, periods a year estimated from the data.
    const hours = Array.from({ length: 48 }, (_, h) => new Date(Date.UTC(2024, 0, 1, h)).toISOString());
    const hourly = prepareSeries(makeSeries('h', hours, Array(48).fill(1)));
    expect(hourly.frequency).toBe('intraday');
    expect(hourly.periodsPerYear).toBeCloseTo(47 / (47 / 24 / 365.25), 6);
    expect(inferFrequency(Float64Array.of(0, 7, 14, 21))).toBe('weekly');
    expect(inferFrequency(Float64Array.of(0, 91, 182, 273))).toBe('quarterly');
    expect(inferFrequency(Float64Array.of(0, 365, 730))).toBe('annual');
  });

  it('refuses bad series naming the field', () => {
    expect(
      fieldOf(() => prepareSeries(makeSeries('x', ['2024-01-01', '2024-01-01'], [1, 2]), 'series[4]')),
    ).toBe('series[4].dates[1]');
    expect(fieldOf(() => prepareSeries(makeSeries('x', ['2024-01-01', 'soon'], [1, 2])))).toBe(
      'series.dates[1]',
    );
    expect(fieldOf(() => prepareSeries(makeSeries('x', ['2024-01-01', '2024-01-02'], [1, -2])))).toBe(
      'series.values[1]',
    );
    expect(fieldOf(() => prepareSeries(makeSeries('x', ['2024-01-01', '2024-01-02'], [1])))).toBe(
      'series.values',
    );
    expect(fieldOf(() => prepareSeries(makeSeries('x', ['2024-01-01'], [1])))).toBe('series.dates');
    expect(
      fieldOf(() =>
        prepareSeries({
          ...makeSeries('x', ['2024-01-01', '2024-01-02'], [1, 2]),
          source: { kind: 'made up' as 'real', name: '' },
        }),
      ),
    ).toBe('series.source.kind');
    // Rates may be zero or negative; prices may not.
    expect(
      prepareSeries(makeSeries('y', ['2024-01-01', '2024-01-02'], [0.1, -0.2], { kind: 'rate' })).kind,
    ).toBe('rate');
    const twice = [
      makeSeries('a', threeWeeks, Array(15).fill(1)),
      makeSeries('a', threeWeeks, Array(15).fill(1)),
    ];
    expect(fieldOf(() => prepareSeriesSet(twice))).toBe('series[1].id');
  });

  it('resamples to a coarser frequency with the last observation of each period', () => {
    const s = prepareSeries(
      makeSeries(
        'd',
        threeWeeks,
        threeWeeks.map((_, k) => k + 1),
      ),
    );
    const weekly = resampled(s, 'weekly');
    // Three Monday-to-Friday weeks: the Fridays, values 5, 10 and 15.
    expect(Array.from(weekly.values)).toEqual([5, 10, 15]);
    const monthly = resampled(s, 'monthly');
    // December ends on Friday 2023-12-29 (value 5), January so far on 2024-01-12 (15).
    expect(Array.from(monthly.values)).toEqual([5, 15]);
    expect(resampled(s, 'weekly')).toBe(weekly);
  });

  it('turns yields into a bond or cash index and period returns into an index', () => {
    const yields = makeSeries('y', ['2024-01-01', '2024-01-31'], [4, 5], { kind: 'rate' });
    // 30 days of 4 % carry = 0.04 · 30 / 365.25 = 0.0032854; a 1-point rise at duration 7 costs 0.07:
    // 100 · exp(0.0032854 - 0.07) = 93.5462. At duration 0 only the carry: 100 · exp(0.0032854) = 100.3291.
    const bond = bondIndexFromYields(yields, { id: 'b', duration: 7 });
    expect(bond.kind).toBe('price');
    expect(bond.values[0]).toBe(100);
    expect(bond.values[1]).toBeCloseTo(93.5462, 4);
    expect(bond.source.name).toBe('bond index (duration 7) from hand-made test data');
    expect(bondIndexFromYields(yields, { id: 'c', duration: 0 }).values[1]).toBeCloseTo(100.3291, 4);
    // 0.5 % then 1 % a month: 100.5, then 100.5 · 1.01 = 101.505.
    const cash = indexFromPeriodReturns(
      makeSeries('rf', ['2024-01-31', '2024-02-29'], [0.5, 1], { kind: 'rate' }),
      { id: 'cash' },
    );
    expect(Array.from(cash.values).map((v) => Number(v.toFixed(9)))).toEqual([100.5, 101.505]);
  });
});
