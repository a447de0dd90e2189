import { describe, expect, it } from 'vitest';
import {
  baselineOf,
  featureDrift,
  ksPValue,
  ksStatistic,
  psi,
  wasserstein1,
} from '../../../lib/drift-stats.js';
import { seededRandom } from '../../../lib/sources/synthetic.js';

const normal = (n: number, mean: number, sd: number, seed: number) => {
  const r = seededRandom(seed);
  return Float64Array.from(
    { length: n },
    () => mean + sd * Math.sqrt(-2 * Math.log(Math.max(r(), 1e-12))) * Math.cos(2 * Math.PI * r()),
  );
};

describe('drift statistics', () => {
  it('KS statistic: largest gap between the empirical CDFs', () => {
    // CDFs of {1,2,3,4} and {3,4,5,6}: after 2 they differ by 0.5 - 0 = 0.5
    expect(ksStatistic([1, 2, 3, 4], [3, 4, 5, 6])).toBe(0.5);
    expect(ksStatistic([1, 2, 3], [1, 2, 3])).toBe(0);
  });

  it('KS p-value: near 1 for no difference, tiny for a large one', () => {
    expect(ksPValue(0.01, 1000, 1000)).toBeGreaterThan(0.99);
    expect(ksPValue(0.2, 1000, 1000)).toBeLessThan(1e-10);
  });

  it('Wasserstein-1 of a shifted sample is the shift', () => {
    const a = Float64Array.from({ length: 100 }, (_, i) => i);
    expect(
      wasserstein1(
        a,
        a.map((v) => v + 3),
      ),
    ).toBeCloseTo(3, 9);
  });

  it('PSI and normalised Wasserstein stay small for the same distribution and grow with a shift', () => {
    const baseline = baselineOf(normal(5000, 0, 1, 1));
    const same = featureDrift(baseline, normal(5000, 0, 1, 2));
    const shifted = featureDrift(baseline, normal(5000, 1, 1, 3));
    expect(same.psi).toBeLessThan(0.02);
    expect(same.wassersteinNormalized).toBeLessThan(0.05);
    expect(shifted.psi).toBeGreaterThan(0.5);
    expect(shifted.wassersteinNormalized).toBeCloseTo(1, 1);
  });

  it('normalised Wasserstein does not fire on large samples of the same distribution, while the KS p-value does', () => {
    const a = normal(200_000, 0, 1, 4).sort();
    const b = normal(200_000, 0.03, 1, 5).sort();
    // A shift of 3 % of a standard deviation: "significant" for KS at this size, practically no drift.
    expect(ksPValue(ksStatistic(a, b), a.length, b.length)).toBeLessThan(0.01);
    expect(featureDrift(baselineOf(a), b).wassersteinNormalized).toBeLessThan(0.1);
  });

  it('PSI of the baseline against itself is zero', () => {
    const values = normal(1000, 5, 2, 6);
    const baseline = baselineOf(values);
    expect(psi(baseline, Float64Array.from(values).sort())).toBeCloseTo(0, 9);
  });
});
