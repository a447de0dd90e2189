/**
 * Symbols whose bars end on different dates (a delisted stock, a shorter file): the rows of the early
 * ending symbol whose outcome is unknown used to sit in the middle of the date order, where the splits
 * handed them to training as NaN targets.
 */
import { describe, expect, it } from 'vitest';
import { buildFeatures, timeOrderedSplits } from '../../../lib/features.js';
import { selectRows, type MarketData } from '../../../lib/market-data.js';
import { generateSyntheticMarket } from '../../../lib/sources/synthetic.js';

/** Keeps the first `days` bars of `symbol` and every bar of the others. */
function cut(data: MarketData, symbol: string, days: number): MarketData {
  const keep: number[] = [];
  let seen = 0;
  data.date.forEach((_, i) => {
    if (data.symbol[i] !== symbol || seen++ < days) keep.push(i);
  });
  return selectRows(data, keep);
}

describe('buildFeatures with symbols that end early', () => {
  // SYN0000 stops after 300 of 500 days; SYN0001 goes on.
  const data = cut(generateSyntheticMarket({ rows: 1_000, symbols: 2, seed: 11 }), 'SYN0000', 300);
  const set = buildFeatures(data, { horizon: 5, riskThreshold: 0.03 });
  const splits = timeOrderedSplits(set, { validationFraction: 0.15, holdoutFraction: 0.15, embargo: 5 });

  it('gives every row of every split a known target', () => {
    for (const [start, end] of [splits.train, splits.validation, splits.holdout]) {
      const unknown = Array.from(set.target.subarray(start, end)).filter((t) => !Number.isFinite(t));
      expect(unknown).toEqual([]);
    }
  });

  it('drops only the early symbol’s last 5 rows, keeping the trailing unlabelled rows for drift', () => {
    const early = set.symbol.filter((s) => s === 'SYN0000').length;
    expect(early).toBe(300 - 49 - 5);
    const late = set.symbol.flatMap((s, i) => (s === 'SYN0001' ? [i] : []));
    expect(late.length).toBe(500 - 49);
    expect(late.slice(-5).every((i) => Number.isNaN(set.target[i]))).toBe(true);
  });
});
