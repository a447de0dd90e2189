/** Zero curve, Z-spread and shocks, checked against flat-curve identities worked out in the comments. */
import { describe, expect, it } from 'vitest';
import { priceFromYield } from '../../../../../lib/credit/analytics/bond-math.js';
import {
  discountFactor,
  priceOnCurve,
  shiftCurve,
  spotRate,
  zSpread,
  type ZeroCurve,
} from '../../../../../lib/credit/analytics/curve.js';
import { effectiveMeasures, shockGrid } from '../../../../../lib/credit/analytics/sensitivity.js';
import { modifiedDuration } from '../../../../../lib/credit/analytics/bond-math.js';

const flat = (rate: number, compounding: ZeroCurve['compounding'] = 2): ZeroCurve => ({
  times: [0.5, 30],
  rates: [rate, rate],
  compounding,
});
const bond = Float64Array.from({ length: 20 }, (_, t) => 3 + (t === 19 ? 100 : 0)); // 10y 6% semiannual

describe('zero curve', () => {
  it('interpolates spot rates linearly and holds them flat beyond the ends', () => {
    const curve: ZeroCurve = { times: [1, 3], rates: [0.02, 0.04], compounding: 'continuous' };
    expect(spotRate(curve, 2)).toBeCloseTo(0.03, 12);
    expect(spotRate(curve, 0.25)).toBe(0.02);
    expect(spotRate(curve, 10)).toBe(0.04);
    expect(discountFactor(curve, 2)).toBeCloseTo(Math.exp(-0.06), 12);
  });

  it('on a flat curve with the same compounding, pricing on the curve is pricing at that yield', () => {
    expect(priceOnCurve(bond, flat(0.05), 2)).toBeCloseTo(priceFromYield(bond, 0.05, 2), 10);
  });
});

describe('z-spread', () => {
  it('over a flat 5% curve, a bond priced at a 6.25% yield has a Z-spread of 125 bp', () => {
    const price = priceFromYield(bond, 0.0625, 2);
    const z = zSpread(bond, price, flat(0.05), 2);
    expect(z.exists && z.spread).toBeCloseTo(0.0125, 10);
  });

  it('a shifted curve moves the Z-spread by the shift the other way', () => {
    const price = priceFromYield(bond, 0.0625, 2);
    const z = zSpread(bond, price, shiftCurve(flat(0.05), 0.01), 2);
    expect(z.exists && z.spread).toBeCloseTo(0.0025, 10);
  });
});

describe('sensitivity', () => {
  const valuer = (rateShock: number, spreadShock: number) =>
    priceFromYield(bond, 0.06 + rateShock + spreadShock, 2);

  it('effective duration of fixed cash flows converges to the modified duration', () => {
    const m = effectiveMeasures(valuer, 1);
    expect(m.base).toBeCloseTo(100, 10);
    expect(m.duration).toBeCloseTo(modifiedDuration(bond, 0.06, 2), 5);
    expect(m.convexity).toBeGreaterThan(0);
  });

  it('a shock grid gives one point per pair, rates up means value down', () => {
    const grid = shockGrid(valuer, [-100, 0, 100], [0, 50]);
    expect(grid).toHaveLength(6);
    const up = grid.find((p) => p.rateShockBp === 100 && p.spreadShockBp === 0)!;
    expect(up.change).toBeLessThan(0);
    expect(up.value).toBeCloseTo(priceFromYield(bond, 0.07, 2), 10);
    expect(grid.find((p) => p.rateShockBp === 0 && p.spreadShockBp === 0)!.change).toBe(0);
  });
});
