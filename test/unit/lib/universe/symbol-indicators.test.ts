/** The per-symbol indicator columns, with values worked out by hand in the comments. */
import { describe, expect, it } from 'vitest';
import { garmanKlass, rsi } from '../../../../lib/indicators.js';
import {
  computeSymbolIndicators,
  expandingZScore,
  indicatorNames,
} from '../../../../lib/universe/symbol-indicators.js';

const f = (...v: number[]) => Float64Array.from(v);

describe('symbol indicators', () => {
  it('expandingZScore uses only the history up to each value', () => {
    // x = 1, 2, 3, 10 with at least 3 values: t=2 mean 2, sample std 1 -> (3 - 2) / 1 = 1;
    // t=3 mean 4, deviations -3 -2 -1 6, ss = 9+4+1+36 = 50, std sqrt(50/3) -> (10 - 4) / 4.0825 = 1.4697.
    const z = expandingZScore(f(1, 2, 3, 10), 3);
    expect(z[0]).toBeNaN();
    expect(z[1]).toBeNaN();
    expect(z[2]).toBeCloseTo(1, 12);
    expect(z[3]).toBeCloseTo(6 / Math.sqrt(50 / 3), 12);
    // Warm-up NaNs are skipped, not counted; a constant series scores 0.
    const warm = expandingZScore(f(Number.NaN, 5, 5, 5), 2);
    expect(warm[1]).toBeNaN();
    expect(Array.from(warm.slice(2))).toEqual([0, 0]);
  });

  it('computes every column of the seed on one symbol', () => {
    const n = 60;
    const close = Float64Array.from({ length: n }, (_, t) => 100 + 10 * Math.sin(t / 5) + t / 4);
    const open = close.map((c, t) => c - Math.cos(t));
    const high = close.map((c, t) => Math.max(c, open[t]!) + 1);
    const low = close.map((c, t) => Math.min(c, open[t]!) - 1);
    const volume = close.map((_, t) => 1_000_000 + 1000 * t);
    const bars = {
      symbol: 'X',
      date: close.map(() => 0) as unknown as string[],
      open,
      high,
      low,
      close,
      volume,
    };
    const columns = computeSymbolIndicators(bars);
    expect(Object.keys(columns).sort()).toEqual([...indicatorNames].sort());
    // Dollar volume in millions: 100 + 10 sin(0) = 100 × 1,000,000 / 1e6 = 100.
    expect(columns.dollar_volume[0]).toBeCloseTo(100, 12);
    // RSI over 20 days and Garman-Klass are the shared functions' values.
    expect(Array.from(columns.rsi)).toEqual(Array.from(rsi(close, 20)));
    expect(Array.from(columns.garman_klass_vol)).toEqual(Array.from(garmanKlass(open, high, low, close, 20)));
    // Bollinger on log(1 + close): the middle band is the 20-day mean of log1p(close), bands around it.
    const t = n - 1;
    const logs = Array.from(close.subarray(t - 19, t + 1), Math.log1p);
    const mid = logs.reduce((s, v) => s + v, 0) / 20;
    const std = Math.sqrt(logs.reduce((s, v) => s + (v - mid) ** 2, 0) / 20);
    expect(columns.bb_mid[t]).toBeCloseTo(mid, 12);
    expect(columns.bb_high[t]).toBeCloseTo(mid + 2 * std, 12);
    expect(columns.bb_low[t]).toBeCloseTo(mid - 2 * std, 12);
    // ATR and MACD are z-scores: defined after warm-up, and of unit scale.
    expect(columns.atr[10]).toBeNaN();
    expect(Number.isFinite(columns.atr[t])).toBe(true);
    expect(Math.abs(columns.macd[t]!)).toBeLessThan(5);
  });
});
