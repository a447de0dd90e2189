/**
 * The synthetic cross-section: valid bars for any seed and size (a property over a grid of both), the
 * same data for the same seed, factors in Ken French's monthly layout, and a structure the analytics can
 * find (estimated market betas follow the true ones; liquidity differs by orders of magnitude).
 */
import { describe, expect, it } from 'vitest';
import { symbolRanges } from '../../../../lib/market-data.js';
import { generateSyntheticUniverse } from '../../../../lib/universe/synthetic-universe.js';
import { splitBySymbol } from '../../../../lib/universe/symbol-bars.js';
import { analyseSymbols } from '../../../../lib/universe/symbol-stage.js';
import { chooseFactorSet } from '../../../../lib/universe/factors.js';
import { resolveUniverseOptions } from '../../../../lib/universe/options.js';

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const ma = Array.from(a).reduce((s, v) => s + v, 0) / n;
  const mb = Array.from(b).reduce((s, v) => s + v, 0) / n;
  let [sab, saa, sbb] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('generateSyntheticUniverse', () => {
  it('gives valid bars for every seed and size tried', () => {
    for (const seed of [1, 2, 99, 123456, 2 ** 31 - 1]) {
      for (const [symbols, days, sectors] of [
        [1, 2, 1],
        [3, 40, 2],
        [17, 300, 5],
        [40, 130, 11],
      ] as const) {
        const { market, calendar, factors, benchmark } = generateSyntheticUniverse({
          seed,
          symbols,
          days,
          sectors,
        });
        expect(market.close.length).toBe(symbols * days);
        expect(calendar.length).toBe(days);
        const ranges = symbolRanges(market);
        expect(ranges.length).toBe(symbols);
        for (const { start, end } of ranges) {
          expect(end - start).toBe(days);
          expect(market.date.slice(start, end)).toEqual(calendar);
        }
        // Checked in plain code, one assertion for the lot: a million expect() calls would be slow.
        const problems: string[] = [];
        for (let i = 0; i < market.close.length; i++) {
          const [o, h, l, c, v] = [
            market.open[i]!,
            market.high[i]!,
            market.low[i]!,
            market.close[i]!,
            market.volume[i]!,
          ];
          const bad =
            ![o, h, l, c, v].every((x) => Number.isFinite(x) && x > 0) ||
            h < Math.max(o, c) ||
            l > Math.min(o, c) ||
            !Number.isInteger(v);
          if (bad) problems.push(`seed ${seed} row ${i}: ${[o, h, l, c, v].join(',')}`);
        }
        expect(problems).toEqual([]);
        expect(factors.months[0]).toBe(calendar[0]!.slice(0, 7));
        expect(factors.months[factors.months.length - 1]).toBe(calendar[days - 1]!.slice(0, 7));
        expect(Object.keys(factors.columns)).toEqual(['Mkt-RF', 'SMB', 'HML', 'RF']);
        expect(benchmark.returns.every(Number.isFinite)).toBe(true);
      }
    }
  });

  it('is reproducible: the same seed gives the same data, another seed other data', () => {
    const a = generateSyntheticUniverse({ seed: 5, symbols: 4, days: 50 });
    const b = generateSyntheticUniverse({ seed: 5, symbols: 4, days: 50 });
    const c = generateSyntheticUniverse({ seed: 6, symbols: 4, days: 50 });
    expect(b.market).toEqual(a.market);
    expect(b.factors).toEqual(a.factors);
    expect(c.market.close).not.toEqual(a.market.close);
  });

  it('has a cross-section the analytics can read: betas follow the truth, liquidity spreads widely', () => {
    const universe = generateSyntheticUniverse({ seed: 11, symbols: 60, days: 4 * 252 });
    const factorSet = chooseFactorSet(universe.factors);
    expect(factorSet.name).toBe('ff3');
    const analyses = analyseSymbols(splitBySymbol(universe.market), factorSet, resolveUniverseOptions());
    const meanBeta = analyses.map((a) => {
      const betas = Array.from(a.monthly['Mkt-RF']!).filter(Number.isFinite);
      return betas.reduce((s, v) => s + v, 0) / betas.length;
    });
    expect(correlation(meanBeta, universe.truth.beta)).toBeGreaterThan(0.6);
    const volume = analyses.map((a) => a.monthly.dollar_volume![a.months.length - 1]!);
    expect(Math.max(...volume) / Math.min(...volume)).toBeGreaterThan(50);
  });
});
