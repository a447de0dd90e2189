/** Returns, Pearson correlation (one pair, a matrix, rolling) and annualised volatility, worked out by hand. */
import { describe, expect, it } from 'vitest';
import {
  annualisedVolatility,
  correlationMatrix,
  pearson,
  returnsOf,
  rollingCorrelation,
} from '../../../../lib/market-flow/statistics.js';

const f = (...v: number[]) => Float64Array.from(v);

describe('market-flow statistics', () => {
  it('returns are log returns for prices and differences for rates', () => {
    const prices = returnsOf(f(100, 110, 99));
    expect(prices[0]).toBeCloseTo(Math.log(1.1), 14);
    expect(prices[1]).toBeCloseTo(Math.log(0.9), 14);
    // A yield from 4.0 to 4.25 to 3.9 moves +0.25 then -0.35 points.
    const rates = returnsOf(f(4, 4.25, 3.9), 'rate');
    expect(rates[0]).toBeCloseTo(0.25, 14);
    expect(rates[1]).toBeCloseTo(-0.35, 14);
  });

  it('Pearson correlation', () => {
    // x = 1 2 3 4 (mean 2.5), y = 2 4 5 9 (mean 5): deviations -1.5 -0.5 0.5 1.5 and -3 -1 0 4.
    // Σ dx·dy = 4.5 + 0.5 + 0 + 6 = 11, Σ dx² = 5, Σ dy² = 9 + 1 + 0 + 16 = 26: ρ = 11 / sqrt(130) = 0.964764.
    expect(pearson(f(1, 2, 3, 4), f(2, 4, 5, 9))).toBeCloseTo(11 / Math.sqrt(130), 12);
    expect(11 / Math.sqrt(130)).toBeCloseTo(0.964764, 6);
    // A missing value drops its pair only: the same four pairs remain.
    expect(pearson(f(1, 2, Number.NaN, 3, 4), f(2, 4, 7, 5, 9))).toBeCloseTo(0.964764, 6);
    // Undefined, not zero: a constant side, or fewer than two pairs.
    expect(pearson(f(1, 2, 3), f(5, 5, 5))).toBeNaN();
    expect(pearson(f(1), f(2))).toBeNaN();
  });

  it('correlation matrix of a period-major panel', () => {
    // Columns x = 1 2 3 4, y = 2 4 5 9, z = -x: ρ(x,y) = 0.964764, ρ(x,z) = -1, ρ(y,z) = -0.964764.
    const panel = f(1, 2, -1, 2, 4, -2, 3, 5, -3, 4, 9, -4);
    const m = correlationMatrix(panel, 3);
    const r = 11 / Math.sqrt(130);
    const expected = [1, r, -1, r, 1, -r, -1, -r, 1];
    expected.forEach((v, k) => expect(m[k]).toBeCloseTo(v, 12));
    expect(() => correlationMatrix(f(1, 2, 3, 4), 3)).toThrow(/not T × 3/);
  });

  it('annualised volatility: sample standard deviation times sqrt(periods a year)', () => {
    // Returns 0.01 -0.01 0.02 0 (mean 0.005): squared deviations 25e-6 + 225e-6 + 225e-6 + 25e-6 = 500e-6,
    // / (4 - 1) = 166.67e-6, sqrt = 0.0129099, × sqrt(252) = 0.204939.
    expect(annualisedVolatility(f(0.01, -0.01, 0.02, 0), 252)).toBeCloseTo(0.204939, 6);
    // Monthly data annualises with 12: 0.0129099 × sqrt(12) = 0.044721.
    expect(annualisedVolatility(f(0.01, -0.01, 0.02, 0), 12)).toBeCloseTo(0.044721, 6);
    expect(annualisedVolatility(f(0.01), 252)).toBeNaN();
  });

  it('rolling correlation over a window of 3', () => {
    const x = f(1, 2, 3, 4, 5);
    const y = f(1, 3, 2, 5, 4);
    const r = rollingCorrelation(x, y, 3);
    expect(r[0]).toBeNaN();
    expect(r[1]).toBeNaN();
    // t = 2: x 1 2 3, y 1 3 2 -> deviations -1 0 1 and -1 1 0: Σ dx·dy = 1, Σ dx² = 2, Σ dy² = 2 -> 0.5.
    expect(r[2]).toBeCloseTo(0.5, 12);
    // t = 3: x 2 3 4, y 3 2 5 (mean 10/3) -> dy -1/3 -4/3 5/3: Σ dx·dy = 1/3 + 5/3 = 2, Σ dy² = 42/9:
    // 2 / sqrt(2 · 42/9) = 0.654654.
    expect(r[3]).toBeCloseTo(2 / Math.sqrt((2 * 42) / 9), 12);
    expect(r[3]).toBeCloseTo(0.654654, 6);
    // t = 4: x 3 4 5, y 2 5 4 (mean 11/3) -> dy -5/3 4/3 1/3: Σ dx·dy = 5/3 + 1/3 = 2, Σ dy² = 42/9 again.
    expect(r[4]).toBeCloseTo(0.654654, 6);
    // A missing value blanks every window that holds it; a constant window has no correlation.
    const gap = rollingCorrelation(f(1, 2, Number.NaN, 4, 5, 6), f(1, 3, 2, 5, 4, 6), 3);
    expect(Array.from(gap.slice(0, 5)).every(Number.isNaN)).toBe(true);
    expect(gap[5]).toBeCloseTo(pearson(f(4, 5, 6), f(5, 4, 6)), 12);
    expect(rollingCorrelation(f(1, 1, 1, 2), f(1, 2, 3, 4), 3)[2]).toBeNaN();
  });
});
