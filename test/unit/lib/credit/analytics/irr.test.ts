/** IRR and NPV against textbook values (sources named in each test). */
import { describe, expect, it } from 'vitest';
import { irr, npv } from '../../../../../lib/credit/analytics/irr.js';
import { brentRoot } from '../../../../../lib/credit/analytics/root.js';
import { levelPayment } from '../../../../../lib/credit/conventions.js';

describe('npv', () => {
  it('matches Gitman, Principles of Managerial Finance (numpy-financial docs): 3065.22', () => {
    // -40,000 now, then 5,000, 8,000, 12,000, 30,000 at 8%.
    expect(npv(0.08, [-40_000, 5000, 8000, 12_000, 30_000])).toBeCloseTo(3065.2226681795255, 8);
  });
});

describe('irr', () => {
  it('finds 28.095% for -100, 39, 59, 55, 20 (Gitman, as in numpy-financial irr docs)', () => {
    const found = irr([-100, 39, 59, 55, 20]);
    expect(found.exists).toBe(true);
    if (found.exists) {
      expect(found.rate).toBeCloseTo(0.28095, 5);
      expect(found.unique).toBe(true);
      expect(npv(found.rate, [-100, 39, 59, 55, 20])).toBeCloseTo(0, 9);
    }
  });

  it('finds a negative IRR: -100 then 74 in year 3 is -9.55% a year (74/100 = (1 + r)^3)', () => {
    const found = irr([-100, 0, 0, 74]);
    expect(found.exists && found.rate).toBeCloseTo(Math.cbrt(0.74) - 1, 10);
  });

  it('says no IRR exists when every flow is positive: the NPV never reaches zero', () => {
    const found = irr([100, 50, 25]);
    expect(found).toMatchObject({ exists: false, reason: 'flows-of-one-sign' });
  });

  it('says no IRR exists when the flows change sign but the NPV never crosses zero', () => {
    // -100 + 250 v - 160 v^2 (v = 1/(1+r)) has discriminant 250² - 4·160·100 = -1500 < 0: no real root.
    const found = irr([-100, 250, -160]);
    expect(found).toMatchObject({ exists: false, reason: 'npv-never-zero' });
  });

  it('with two IRRs (10% and 20% for -100, 230, -132; Brealey-Myers) returns the one nearest the guess', () => {
    const low = irr([-100, 230, -132], { guess: 0.05 });
    const high = irr([-100, 230, -132], { guess: 0.25 });
    expect(low.exists && low.rate).toBeCloseTo(0.1, 10);
    expect(high.exists && high.rate).toBeCloseTo(0.2, 10);
    expect(low.exists && low.unique).toBe(false);
  });

  it('solves a 360-month mortgage: paying 1,199.10 on 200,000 yields 0.5% a month', () => {
    const flows = [-200_000, ...Array.from({ length: 360 }, () => levelPayment(200_000, 0.005, 360))];
    const found = irr(flows);
    expect(found.exists && found.rate).toBeCloseTo(0.005, 10);
  });
});

describe('brentRoot', () => {
  it('finds √2 as the root of x² − 2 on [0, 2], and nothing without a sign change', () => {
    expect(brentRoot((x) => x * x - 2, 0, 2)!.root).toBeCloseTo(Math.SQRT2, 12);
    expect(brentRoot((x) => x * x + 1, -1, 1)).toBeNull();
  });
});
