import { describe, expect, it } from 'vitest';
import { buildFeatures, timeOrderedSplits } from '../../../lib/features.js';
import { generateSyntheticMarket } from '../../../lib/sources/synthetic.js';
import type { MarketData } from '../../../lib/market-data.js';

const options = { horizon: 5, riskThreshold: 0.03 };

function clone(data: MarketData): MarketData {
  return {
    ...data,
    date: [...data.date],
    symbol: [...data.symbol],
    open: data.open.slice(),
    high: data.high.slice(),
    low: data.low.slice(),
    close: data.close.slice(),
    volume: data.volume.slice(),
  };
}

describe('buildFeatures', () => {
  const data = generateSyntheticMarket({ rows: 600, symbols: 2, seed: 7 });
  const set = buildFeatures(data, options);

  it("computes the reference request's bar fields by default, in catalogue order", () => {
    expect(set.featureNames).toEqual([
      'stock_price',
      'volatility',
      'volume',
      'sma_20',
      'sma_50',
      'rsi',
      'macd',
      'bollinger_upper',
      'bollinger_lower',
    ]);
    // 300 days per symbol, the first 49 lack sma_50
    expect(set.nRows).toBe(2 * (300 - 49));
    expect(set.x.every(Number.isFinite)).toBe(true);
  });

  it('adds the extended set on request and the macro fields its source provides', () => {
    const macro = { vix: new Float64Array(data.close.length).fill(20) };
    const extended = buildFeatures(data, { ...options, features: 'extended' }, macro);
    expect(extended.featureNames).toEqual([
      ...set.featureNames,
      'vix',
      'atr_14',
      'garman_klass_vol',
      'dollar_volume',
      'return_1d',
      'return_5d',
    ]);
    // the same rows: every extra is known once sma_50 is
    expect(extended.nRows).toBe(set.nRows);
    const d = extended.nFeatures;
    const row = 100;
    const day = data.date.findIndex(
      (dt, i) => dt === extended.date[row] && data.symbol[i] === extended.symbol[row],
    );
    expect(extended.x[row * d + 9]).toBe(20);
    // dollar volume is close × volume; the 1-day return close / previous close − 1
    expect(extended.x[row * d + 12]).toBeCloseTo(data.close[day]! * data.volume[day]!, 6);
    expect(extended.x[row * d + 13]).toBeCloseTo(data.close[day]! / data.close[day - 1]! - 1, 12);
  });

  it('orders rows by date and computes the forward cash flow of a unit position', () => {
    for (let i = 1; i < set.nRows; i++) expect(set.date[i]! >= set.date[i - 1]!).toBe(true);
    const row = 10;
    const symbol = set.symbol[row]!;
    const day = data.date.findIndex((d, i) => d === set.date[row] && data.symbol[i] === symbol);
    expect(set.target[row]).toBeCloseTo(data.close[day + 5]! - data.close[day]!, 9);
    expect(set.targetPath[row * 5]).toBeCloseTo(data.close[day + 1]! - data.close[day]!, 9);
  });

  it('uses no data after t: changing every later row leaves the features up to t unchanged', () => {
    const cut = '2000-08-01';
    const changed = clone(data);
    for (let i = 0; i < changed.date.length; i++) {
      if (changed.date[i]! > cut) {
        changed.close[i] = changed.close[i]! * 1.7;
        changed.open[i] = changed.open[i]! * 0.6;
        changed.high[i] = changed.high[i]! * 1.9;
        changed.low[i] = changed.low[i]! * 0.5;
        changed.volume[i] = changed.volume[i]! * 3;
      }
    }
    const after = buildFeatures(changed, options);
    const d = set.nFeatures;
    let compared = 0;
    for (let i = 0; i < set.nRows && set.date[i]! <= cut; i++) {
      expect(after.date[i]).toBe(set.date[i]);
      expect(Array.from(after.x.subarray(i * d, (i + 1) * d))).toEqual(
        Array.from(set.x.subarray(i * d, (i + 1) * d)),
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
    // ... and the change is visible right after the cut, so the test can tell.
    const firstAfter = set.date.findIndex((dt) => dt > cut);
    expect(after.x[firstAfter * d]).not.toBe(set.x[firstAfter * d]);
  });
});

describe('timeOrderedSplits', () => {
  const set = buildFeatures(generateSyntheticMarket({ rows: 1000, symbols: 2, seed: 3 }), options);
  const splits = timeOrderedSplits(set, { validationFraction: 0.15, holdoutFraction: 0.15, embargo: 5 });

  it('keeps splits in time order with an embargo of H dates between them', () => {
    const dates = [...new Set(set.date)];
    const gap = (endRow: number, startRow: number) =>
      dates.indexOf(set.date[startRow]!) - dates.indexOf(set.date[endRow - 1]!) - 1;
    expect(gap(splits.train[1], splits.validation[0])).toBe(5);
    expect(gap(splits.validation[1], splits.holdout[0])).toBe(5);
    expect(splits.train[0]).toBe(0);
  });

  it('keeps all symbols of a date in one split and rows without a target out', () => {
    expect(set.date[splits.train[1] - 1]).not.toBe(set.date[splits.train[1]]);
    for (let i = splits.holdout[0]; i < splits.holdout[1]; i++)
      expect(Number.isFinite(set.target[i])).toBe(true);
  });

  it('says why when there are too few dates', () => {
    const small = buildFeatures(generateSyntheticMarket({ rows: 70, symbols: 1, seed: 1 }), options);
    expect(() =>
      timeOrderedSplits(small, { validationFraction: 0.15, holdoutFraction: 0.15, embargo: 5 }),
    ).toThrow(/too few/);
  });
});
