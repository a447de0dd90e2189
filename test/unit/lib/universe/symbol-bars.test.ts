/** Splitting a table by symbol, chunking, and pseudo-bars from returns. */
import { describe, expect, it } from 'vitest';
import { barsFromReturns, chunk, splitBySymbol } from '../../../../lib/universe/symbol-bars.js';
import { generateSyntheticUniverse } from '../../../../lib/universe/synthetic-universe.js';

describe('symbol bars', () => {
  it('splits a table into per-symbol views without copying the numbers', () => {
    const { market } = generateSyntheticUniverse({ seed: 3, symbols: 3, days: 10 });
    const bars = splitBySymbol(market);
    expect(bars.map((b) => b.symbol)).toEqual(['SYN0000', 'SYN0001', 'SYN0002']);
    expect(bars[1]!.close.buffer).toBe(market.close.buffer);
    expect(bars[1]!.close[0]).toBe(market.close[10]);
    expect(bars[2]!.date).toEqual(market.date.slice(20, 30));
  });

  it('chunks in order, the last chunk shorter', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(/positive integer/);
  });

  it('builds pseudo-bars from returns: the body is the return, no volume', () => {
    // Returns +10 %, -50 % from 100: closes 110, 55; opens 100, 110.
    const bars = barsFromReturns('P', ['2024-01', '2024-02'], Float64Array.of(0.1, -0.5));
    const near = (actual: Float64Array, expected: number[]) =>
      expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 10));
    near(bars.close, [110, 55]);
    near(bars.open, [100, 110]);
    near(bars.high, [110, 110]);
    near(bars.low, [100, 55]);
    expect(bars.volume.every(Number.isNaN)).toBe(true);
  });
});
