/** CLO waterfall: one quarter worked by hand for each test, then a multi-period run's cash conservation. */
import { describe, expect, it } from 'vitest';
import { projectCollateralPool } from '../../../../../lib/credit/engines/collateral-pool.js';
import { runWaterfall } from '../../../../../lib/credit/engines/clo-waterfall.js';
import { emptyProjection, finishTotals } from '../../../../../lib/credit/projection.js';

/** One quarter of collateral: end balance, interest, principal collected and defaults. */
function quarter(balance: number, interest: number, principal: number, defaults: number) {
  const p = emptyProjection(1, 4);
  p.balance[0] = balance;
  p.interest[0] = interest;
  p.scheduledPrincipal[0] = principal;
  p.defaults[0] = defaults;
  return finishTotals(p);
}
const tranches = [
  { name: 'A', balance: 70, coupon: 0.04, ocTrigger: 1.2 },
  { name: 'B', balance: 10, coupon: 0.08 },
];

describe('CLO waterfall', () => {
  it('passing its OC test, interest pays A, then B, and the rest goes to the equity', () => {
    const w = runWaterfall({ collateral: quarter(100, 2, 0, 0), tranches, principalPayment: 'sequential' });
    // A: 70 · 4% / 4 = 0.7; B: 10 · 8% / 4 = 0.2; equity 2 − 0.9 = 1.1. OC = 100 / 70 = 1.43 ≥ 1.2.
    expect(w.tranches[0]!.interest[0]).toBeCloseTo(0.7, 12);
    expect(w.tranches[1]!.interest[0]).toBeCloseTo(0.2, 12);
    expect(w.equity[0]).toBeCloseTo(1.1, 12);
    expect(w.tests[0]!.passed[0]).toBe(true);
    expect(w.divertedInterest[0]).toBe(0);
  });

  it('failing its OC test after defaults, the interest below A is diverted to pay down A', () => {
    // 20 of 100 defaulted: OC = 80 / 70 = 1.143 < 1.2. The cure is 70 − 80 / 1.2 = 3.33, more than the 1.3
    // left after A's interest, so all 1.3 pays A's principal; B's 0.2 is deferred and the equity gets 0.
    const w = runWaterfall({ collateral: quarter(80, 2, 0, 20), tranches, principalPayment: 'sequential' });
    expect(w.tests[0]!.ratio[0]).toBeCloseTo(80 / 70, 12);
    expect(w.tests[0]!.passed[0]).toBe(false);
    expect(w.tranches[0]!.interest[0]).toBeCloseTo(0.7, 12);
    expect(w.divertedInterest[0]).toBeCloseTo(1.3, 12);
    expect(w.tranches[0]!.principal[0]).toBeCloseTo(1.3, 12);
    expect(w.tranches[0]!.balance[0]).toBeCloseTo(68.7, 12);
    expect(w.tranches[1]!.interest[0]).toBe(0);
    expect(w.tranches[1]!.interestShortfall[0]).toBeCloseTo(0.2, 12);
    expect(w.equity[0]).toBe(0);
  });

  it('diverts only the cure amount when it is smaller than the interest left', () => {
    // OC = 83 / 70 = 1.186: cure = 70 − 83 / 1.2 = 0.8333; 1.3 − 0.8333 = 0.4667 left pays B (0.2), equity 0.2667.
    const w = runWaterfall({ collateral: quarter(83, 2, 0, 17), tranches, principalPayment: 'sequential' });
    expect(w.divertedInterest[0]).toBeCloseTo(70 - 83 / 1.2, 12);
    expect(w.tranches[1]!.interest[0]).toBeCloseTo(0.2, 12);
    expect(w.equity[0]).toBeCloseTo(1.3 - (70 - 83 / 1.2) - 0.2, 12);
  });

  it('failing an IC test diverts interest too', () => {
    // IC = 0.8 / 0.7 = 1.143 < 1.5: the cure pays down A by (0.7 − 0.8/1.5) / 1% = 16.67, more than the 0.1 left.
    const w = runWaterfall({
      collateral: quarter(100, 0.8, 0, 0),
      tranches: [{ ...tranches[0]!, ocTrigger: undefined, icTrigger: 1.5 }, tranches[1]!],
      principalPayment: 'sequential',
    });
    expect(w.tests[0]!.kind).toBe('IC');
    expect(w.tests[0]!.ratio[0]).toBeCloseTo(0.8 / 0.7, 12);
    expect(w.divertedInterest[0]).toBeCloseTo(0.1, 12);
    expect(w.tranches[0]!.balance[0]).toBeCloseTo(69.9, 12);
  });

  it('pays principal sequentially, or pro rata by balance while the tests pass', () => {
    const seq = runWaterfall({ collateral: quarter(90, 2, 10, 0), tranches, principalPayment: 'sequential' });
    expect(seq.tranches[0]!.principal[0]).toBeCloseTo(10, 12);
    expect(seq.tranches[1]!.principal[0]).toBe(0);
    const pro = runWaterfall({ collateral: quarter(90, 2, 10, 0), tranches, principalPayment: 'pro-rata' });
    expect(pro.tranches[0]!.principal[0]).toBeCloseTo(8.75, 12);
    expect(pro.tranches[1]!.principal[0]).toBeCloseTo(1.25, 12);
  });

  it('over a defaulting collateral pool, every unit of collateral cash reaches a class, the fees or the equity', () => {
    const collateral = projectCollateralPool(
      { par: 500, coupon: 0.08, termPeriods: 28, periodsPerYear: 4 },
      { cpr: 0.15, cdr: 0.08, severity: 0.6, recoveryLagPeriods: 2 },
    );
    const w = runWaterfall({
      collateral,
      tranches: [
        { name: 'A', balance: 320, coupon: 0.05, ocTrigger: 1.3, icTrigger: 1.2 },
        { name: 'B', balance: 60, coupon: 0.07, ocTrigger: 1.15 },
        { name: 'C', balance: 40, coupon: 0.1, ocTrigger: 1.05 },
      ],
      principalPayment: 'pro-rata',
      seniorFeeRate: 0.004,
    });
    const total = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
    const paidOut = w.tranches.reduce((s, t) => s + total(t.cashFlow), 0) + total(w.equity) + total(w.fees);
    expect(paidOut).toBeCloseTo(total(collateral.totalCashFlow), 8);
    expect(total(w.divertedInterest)).toBeGreaterThan(0);
    expect(w.tests.some((t) => t.passed.includes(false))).toBe(true);
  });
});
