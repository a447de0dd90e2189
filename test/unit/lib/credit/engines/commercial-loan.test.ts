/** Commercial loan: interest-only, amortisation, balloon, DSCR/LTV triggers; values worked out in comments. */
import { describe, expect, it } from 'vitest';
import { levelPayment, scheduledBalance } from '../../../../../lib/credit/conventions.js';
import {
  commercialStressGrid,
  projectCommercialLoan,
} from '../../../../../lib/credit/engines/commercial-loan.js';

const loan = {
  balance: 10_000_000,
  noteRate: 0.05,
  termMonths: 120,
  amortisationMonths: 360,
  interestOnlyMonths: 24,
  noi: 800_000,
  propertyValue: 12_000_000,
};
const base = {
  termDefaultDscr: 1.0,
  refinanceMaxLtv: 0.75,
  refinanceMinDscr: 1.25,
  refinanceRate: 0.06,
  refinanceAmortisationMonths: 360,
  liquidationCost: 0.1,
  recoveryLagMonths: 12,
};
const r = 0.05 / 12;

describe('commercial loan', () => {
  it('pays interest only for 24 months, then amortises on 30 years, with a balloon at month 120', () => {
    const p = projectCommercialLoan(loan, base);
    expect(p.scheduledPrincipal[23]).toBe(0);
    expect(p.interest[23]).toBeCloseTo(10_000_000 * r, 6);
    expect(p.interest[24]! + p.scheduledPrincipal[24]!).toBeCloseTo(levelPayment(10_000_000, r, 360), 6);
    const balloon = scheduledBalance(10_000_000, r, 360, 95);
    const lastRegular = levelPayment(10_000_000, r, 360) - balloon * r;
    expect(p.scheduledPrincipal[119]).toBeCloseTo(balloon, 4);
    expect(p.balloon[119]).toBeCloseTo(balloon - lastRegular, 4);
    // DSCR: 800k / 500k interest-only = 1.6, then 800k / (12 · 53,682.16) = 1.2419; LTV starts at 10/12.
    expect(p.dscr[0]).toBeCloseTo(1.6, 10);
    expect(p.dscr[30]).toBeCloseTo(800_000 / (12 * levelPayment(10_000_000, r, 360)), 10);
    expect(p.ltv[0]).toBeCloseTo(10 / 12, 10);
    expect(p.termDefaultMonth).toBeNull();
    expect(p.balloonDefault).toBe(false);
  });

  it('defaults in the first amortising month when a 30% NOI fall leaves DSCR below 1', () => {
    // 560k / 500k = 1.12 while interest-only, 560k / 644k = 0.87 from month 25.
    const p = projectCommercialLoan(loan, { ...base, noiShock: -0.3, valueShock: -0.3 });
    expect(p.termDefaultMonth).toBe(25);
    expect(p.defaults[24]).toBeCloseTo(10_000_000, 4);
    // Severity 1 − 8.4M · 0.9 / 10M = 24.4%, realised 12 months later.
    expect(p.loss[36]).toBeCloseTo(10_000_000 * 0.244, 2);
    expect(p.recovery[36]).toBeCloseTo(7_560_000, 2);
  });

  it('the balloon defaults when the property is worth too little to refinance', () => {
    const p = projectCommercialLoan(loan, { ...base, valueShock: -0.4 });
    expect(p.termDefaultMonth).toBeNull();
    expect(p.balloonDefault).toBe(true);
    const owed = scheduledBalance(10_000_000, r, 360, 95);
    expect(p.defaults[119]).toBeCloseTo(owed, 4);
    expect(p.loss[131]).toBeCloseTo(owed - 7_200_000 * 0.9, 2);
  });

  it('a stress grid reports DSCR, LTV and losses per pair of shocks', () => {
    const grid = commercialStressGrid(loan, base, [0, -0.3], [0, -0.4]);
    expect(grid).toHaveLength(4);
    const calm = grid.find((c) => c.noiShock === 0 && c.valueShock === 0)!;
    expect(calm.lossRate).toBe(0);
    expect(calm.minDscr).toBeCloseTo(1.2419, 4);
    const worst = grid.find((c) => c.noiShock === -0.3 && c.valueShock === -0.4)!;
    expect(worst.termDefaultMonth).toBe(25);
    expect(worst.lossRate).toBeCloseTo(1 - (7_200_000 * 0.9) / 10_000_000, 10);
    expect(worst.maxLtv).toBeCloseTo(10 / 7.2, 10);
  });
});
