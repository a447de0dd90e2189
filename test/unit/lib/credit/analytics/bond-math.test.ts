/** Duration, convexity, WAL and yield against textbook values and closed forms (sources in each test). */
import { describe, expect, it } from 'vitest';
import {
  convexity,
  macaulayDuration,
  modifiedDuration,
  priceFromYield,
  weightedAverageLife,
  yieldFromPrice,
} from '../../../../../lib/credit/analytics/bond-math.js';
import { levelPayment } from '../../../../../lib/credit/conventions.js';

/** Annual-pay bond: coupon each year, 100 at maturity with the last coupon. */
const bond = (coupon: number, years: number) =>
  Float64Array.from({ length: years }, (_, t) => coupon + (t === years - 1 ? 100 : 0));

describe('duration and convexity', () => {
  it("a zero-coupon bond's Macaulay duration is its maturity (any yield, any frequency)", () => {
    const zero = new Float64Array(20); // 10 years, semiannual
    zero[19] = 100;
    expect(macaulayDuration(zero, 0.07, 2)).toBeCloseTo(10, 12);
    expect(modifiedDuration(zero, 0.07, 2)).toBeCloseTo(10 / 1.035, 12);
    // Its convexity in closed form: T·(T + 1/f) / (1 + y/f)² = 10 · 10.5 / 1.035².
    expect(convexity(zero, 0.07, 2)).toBeCloseTo((10 * 10.5) / 1.035 ** 2, 10);
  });

  it('10-year 8% annual bond at par: Macaulay 7.2469 years (CFA Institute curriculum, par-bond closed form)', () => {
    const cf = bond(8, 10);
    expect(priceFromYield(cf, 0.08, 1)).toBeCloseTo(100, 10);
    // Par bond closed form: D = (1 + y)/y · (1 − (1 + y)^−N).
    expect(macaulayDuration(cf, 0.08, 1)).toBeCloseTo((1.08 / 0.08) * (1 - 1.08 ** -10), 10);
    expect(macaulayDuration(cf, 0.08, 1)).toBeCloseTo(7.2469, 4);
    expect(modifiedDuration(cf, 0.08, 1)).toBeCloseTo(7.2469 / 1.08, 4);
  });

  it("convexity of a 20-year 9% bond at 6% matches Fabozzi's closed form for P''(y)/P", () => {
    // Fabozzi, "Bond Markets, Analysis, and Strategies", closed form for the second derivative of an
    // annual-pay bond's price: 2C/y³·(1 − (1+y)^−n) − 2Cn/(y²(1+y)^(n+1)) + n(n+1)(M − C/y)/(1+y)^(n+2).
    const C = 9;
    const y = 0.06;
    const n = 20;
    const M = 100;
    const second =
      ((2 * C) / y ** 3) * (1 - (1 + y) ** -n) -
      (2 * C * n) / (y ** 2 * (1 + y) ** (n + 1)) +
      (n * (n + 1) * (M - C / y)) / (1 + y) ** (n + 2);
    const cf = bond(C, n);
    expect(convexity(cf, y, 1)).toBeCloseTo(second / priceFromYield(cf, y, 1), 8);
  });
});

describe('weighted average life', () => {
  it('straight-line repayment of 25 a year for 4 years has a WAL of 2.5 years', () => {
    expect(weightedAverageLife([25, 25, 25, 25], 1)).toBeCloseTo(2.5, 12);
    expect(weightedAverageLife([0, 0, 0, 100], 4)).toBeCloseTo(1, 12); // a 1-year bullet, quarterly
  });

  it('a 30-year 6% level-pay mortgage: WAL from the closed form Σ k·A·g^(k−1) / B = 19.3 years', () => {
    // Principal in month k is A·g^(k−1) with g = 1.005 and A the first month's principal;
    // Σ_{k=1..N} k·g^(k−1) = (N·g^(N+1) − (N+1)·g^N + 1) / (g − 1)².
    const B = 200_000;
    const i = 0.005;
    const N = 360;
    const g = 1 + i;
    const A = levelPayment(B, i, N) - B * i;
    const principal = Float64Array.from({ length: N }, (_, k) => A * g ** k);
    const closed = (A * (N * g ** (N + 1) - (N + 1) * g ** N + 1)) / (g - 1) ** 2 / B / 12;
    expect(weightedAverageLife(principal, 12)).toBeCloseTo(closed, 8);
    expect(closed).toBeCloseTo(19.3, 1);
  });
});

describe('yield', () => {
  it("a par bond's yield is its coupon; a discount bond yields more", () => {
    const cf = bond(5, 10);
    const par = yieldFromPrice(cf, 100, 1);
    expect(par.exists && par.annualYield).toBeCloseTo(0.05, 10);
    const discount = yieldFromPrice(cf, 90, 1);
    expect(discount.exists && discount.annualYield).toBeGreaterThan(0.05);
    expect(discount.exists && priceFromYield(cf, discount.annualYield, 1)).toBeCloseTo(90, 8);
  });

  it('no yield exists for a negative price of positive flows', () => {
    expect(yieldFromPrice(bond(5, 3), -10, 1)).toMatchObject({ exists: false });
  });
});
