/** Expected values are from the sources named beside each test, or worked out by hand in the comment. */
import { describe, expect, it } from 'vitest';
import {
  absToSmm,
  cprToSmm,
  levelPayment,
  psaCpr,
  scheduledBalance,
  smmToCpr,
  valueAt,
} from '../../../../lib/credit/conventions.js';

describe('prepayment and default conventions', () => {
  it('100% PSA: 0.2% CPR in month 1, +0.2% a month, 6% from month 30 on (PSA Standard Prepayment Model)', () => {
    expect(psaCpr(1, 100)).toBeCloseTo(0.002, 12);
    expect(psaCpr(15, 100)).toBeCloseTo(0.03, 12);
    expect(psaCpr(29, 100)).toBeCloseTo(0.058, 12);
    expect(psaCpr(30, 100)).toBeCloseTo(0.06, 12);
    expect(psaCpr(200, 100)).toBeCloseTo(0.06, 12);
    // Speeds scale the whole ramp: 150% PSA in month 10 is 1.5 × 2% = 3%; 50% PSA seasoned is 3%.
    expect(psaCpr(10, 150)).toBeCloseTo(0.03, 12);
    expect(psaCpr(45, 50)).toBeCloseTo(0.03, 12);
  });

  it('CPR 6% is SMM 0.5143% (Fabozzi, Handbook of Mortgage-Backed Securities: 1 − 0.94^(1/12))', () => {
    expect(cprToSmm(0.06)).toBeCloseTo(0.005143, 6);
    expect(smmToCpr(cprToSmm(0.06))).toBeCloseTo(0.06, 12);
  });

  it('ABS convention: the pool left after m months (before amortisation) is 1 − m · ABS of the loans', () => {
    // The ABS speed is a share of the ORIGINAL loan count, so the survival product telescopes.
    const abs = 0.015;
    let surviving = 1;
    for (let month = 1; month <= 24; month++) surviving *= 1 - absToSmm(abs, month);
    expect(surviving).toBeCloseTo(1 - 24 * abs, 12);
    expect(absToSmm(abs, 1)).toBe(abs);
  });

  it('level payment of $200,000 over 30 years at 6% is $1,199.10 a month (standard amortisation table)', () => {
    expect(levelPayment(200_000, 0.06 / 12, 360)).toBeCloseTo(1199.1, 2);
    // After one payment: interest 1,000.00, principal 199.10.
    expect(scheduledBalance(200_000, 0.06 / 12, 360, 1)).toBeCloseTo(200_000 - 199.1, 1);
    expect(scheduledBalance(200_000, 0.06 / 12, 360, 360)).toBe(0);
    expect(levelPayment(1200, 0, 12)).toBe(100);
  });

  it('a rate vector must cover the period asked for', () => {
    expect(valueAt(0.05, 99)).toBe(0.05);
    expect(valueAt([0.1, 0.2], 1)).toBe(0.2);
    expect(() => valueAt([0.1, 0.2], 2)).toThrow(/no value for period 3/);
  });
});
