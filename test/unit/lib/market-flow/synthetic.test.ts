/**
 * The synthetic generator: valid by construction for any seed, the same data for the same seed, the
 * target correlation found again in the returns, and refusals of structures that are not correlations.
 */
import { describe, expect, it } from 'vitest';
import { MarketFlowInputError } from '../../../../lib/market-flow/errors.js';
import { pearson, returnsOf } from '../../../../lib/market-flow/statistics.js';
import {
  choleskyOfCorrelation,
  correlationFromLoadings,
  generateSyntheticSeries,
  type SyntheticSeriesSpec,
} from '../../../../lib/market-flow/synthetic.js';
import { defaultSyntheticSpecs } from '../../../../lib/market-flow/synthetic-defaults.js';

const spec = (
  id: string,
  loadings: SyntheticSeriesSpec['loadings'],
  extra: Partial<SyntheticSeriesSpec> = {},
): SyntheticSeriesSpec => ({
  id,
  description: id,
  kind: 'price',
  start: 100,
  drift: 0.05,
  volatility: 0.2,
  calendar: 'business',
  loadings,
  ...extra,
});

describe('synthetic market-flow series', () => {
  it('correlation from loadings: Σ l_i·l_j off the diagonal', () => {
    // a (equity .8), b (equity .6, dollar .5), c (dollar -.9): ρ_ab = .48, ρ_ac = 0, ρ_bc = -.45.
    const c = correlationFromLoadings([
      spec('a', { equity: 0.8 }),
      spec('b', { equity: 0.6, dollar: 0.5 }),
      spec('c', { dollar: -0.9 }),
    ]);
    expect(Array.from(c).map((x) => Number(x.toFixed(12)))).toEqual([
      1, 0.48, 0, 0.48, 1, -0.45, 0, -0.45, 1,
    ]);
    expect(() => correlationFromLoadings([spec('a', { equity: 0.8, dollar: 0.6 })])).toThrow(
      expect.objectContaining({ field: 'specs[0].loadings' }),
    );
  });

  it('refuses a matrix that is not a correlation matrix', () => {
    const notPd = Float64Array.of(1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1);
    expect(() => choleskyOfCorrelation(notPd, 3)).toThrow(/correlation: is not positive definite/);
    expect(() => choleskyOfCorrelation(Float64Array.of(1, 0.2, 0.3, 1), 2)).toThrow(/not symmetric/);
    expect(() => choleskyOfCorrelation(Float64Array.of(2, 0, 0, 1), 2)).toThrow(MarketFlowInputError);
    // 2 × 2 with ρ = 0.6: L = [1, 0; 0.6, 0.8].
    expect(
      Array.from(choleskyOfCorrelation(Float64Array.of(1, 0.6, 0.6, 1), 2)).map((x) => Number(x.toFixed(12))),
    ).toEqual([1, 0, 0.6, 0.8]);
  });

  it('valid by construction for every seed tried, and the same for the same seed', () => {
    for (const seed of [1, 2, 99, 2 ** 31 - 1]) {
      const series = generateSyntheticSeries({
        seed,
        start: '2023-01-01',
        end: '2023-06-30',
        specs: defaultSyntheticSpecs,
      });
      expect(series).toHaveLength(defaultSyntheticSpecs.length);
      for (const s of series) {
        expect(s.source.kind).toBe('synthetic');
        expect(s.source.name).toContain(`(seed ${seed})`);
        expect(s.values.every(Number.isFinite)).toBe(true);
        if (s.kind === 'price') expect(s.values.every((v) => v > 0)).toBe(true);
        expect([...s.dates].sort()).toEqual(s.dates);
        const weekend = s.dates.filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
        // 2023-01-01 to 2023-06-30: 181 days, 130 of them weekdays.
        expect(s.dates.length).toBe(s.id === 'crypto' ? 181 : 130);
        expect(weekend.length > 0).toBe(s.id === 'crypto');
      }
    }
    const again = (seed: number) =>
      generateSyntheticSeries({
        seed,
        start: '2023-01-01',
        end: '2023-03-31',
        specs: defaultSyntheticSpecs,
      })[2]!.values;
    expect(again(5)).toEqual(again(5));
    expect(again(5)).not.toEqual(again(6));
  });

  it('the returns carry the target correlation', () => {
    // a and b load .9 and .8 on one factor (ρ = .72), c loads -.7 on it (ρ_ac = -.63, ρ_bc = -.56).
    // Ten years of every-day returns: 3,652 draws, a standard error of about (1 - ρ²) / sqrt(n) < 0.02.
    const specs = [
      spec('a', { equity: 0.9 }, { calendar: 'every-day' }),
      spec('b', { equity: 0.8 }, { calendar: 'every-day' }),
      spec('c', { equity: -0.7 }, { calendar: 'every-day' }),
    ];
    const [a, b, c] = generateSyntheticSeries({
      seed: 11,
      start: '2014-01-01',
      end: '2023-12-31',
      specs,
    }).map((s) => returnsOf(s.values));
    expect(Math.abs(pearson(a!, b!) - 0.72)).toBeLessThan(0.05);
    expect(Math.abs(pearson(a!, c!) + 0.63)).toBeLessThan(0.05);
    expect(Math.abs(pearson(b!, c!) + 0.56)).toBeLessThan(0.05);
  });
});
