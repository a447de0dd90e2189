/** Mortgage projections checked against the amortisation table and hand-worked months (see comments). */
import { describe, expect, it } from 'vitest';
import {
  cdrToMdr,
  cprToSmm,
  levelPayment,
  psaCpr,
  scheduledBalance,
} from '../../../../../lib/credit/conventions.js';
import { armRatePath, projectMortgage } from '../../../../../lib/credit/engines/mortgage.js';
import { balanceReduction, sumProjections } from '../../../../../lib/credit/projection.js';
import { weightedAverageLife } from '../../../../../lib/credit/analytics/bond-math.js';

const loan = { balance: 200_000, noteRate: 0.06, remainingTermMonths: 360 };
const none = { prepayment: { kind: 'cpr' as const, cpr: 0 }, cdr: 0, severity: 0.35, recoveryLagMonths: 0 };
const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);

describe('level-pay fixed-rate mortgage', () => {
  it('with no prepayment or default follows the amortisation table: $1,199.10 a month', () => {
    const p = projectMortgage(loan, none);
    expect(p.interest[0]! + p.scheduledPrincipal[0]!).toBeCloseTo(1199.1, 2);
    expect(p.interest[0]).toBeCloseTo(1000, 10);
    for (const month of [1, 12, 120, 359]) {
      expect(p.balance[month - 1]).toBeCloseTo(scheduledBalance(200_000, 0.005, 360, month), 6);
    }
    expect(p.balance[359]).toBe(0);
    expect(sum(p.scheduledPrincipal)).toBeCloseTo(200_000, 6);
    expect(sum(p.totalCashFlow)).toBeCloseTo(360 * levelPayment(200_000, 0.005, 360), 4);
  });

  it('at 100% PSA, month 1 prepays SMM(0.2% CPR) of the balance after scheduled principal', () => {
    const p = projectMortgage(loan, { ...none, prepayment: { kind: 'psa', speed: 100 } });
    const afterScheduled = 200_000 - (levelPayment(200_000, 0.005, 360) - 1000);
    expect(p.prepayment[0]).toBeCloseTo(afterScheduled * cprToSmm(psaCpr(1, 100)), 8);
    // A seasoned loan (age 40) prepays at the flat 6% from the first projected month.
    const seasoned = projectMortgage(
      { ...loan, ageMonths: 40 },
      { ...none, prepayment: { kind: 'psa', speed: 100 } },
    );
    expect(seasoned.prepayment[0]).toBeCloseTo(afterScheduled * cprToSmm(0.06), 8);
    expect(weightedAverageLife(balanceReduction(p), 12)).toBeLessThan(
      weightedAverageLife(balanceReduction(projectMortgage(loan, none)), 12),
    );
  });

  it('defaults leave the balance first; loss and recovery arrive recoveryLag months later', () => {
    const p = projectMortgage(loan, { ...none, cdr: 0.12, recoveryLagMonths: 6 });
    const defaulted = 200_000 * cdrToMdr(0.12);
    expect(p.defaults[0]).toBeCloseTo(defaulted, 8);
    expect(p.interest[0]).toBeCloseTo((200_000 - defaulted) * 0.005, 8);
    expect(p.loss[5]).toBe(0);
    expect(p.loss[6]).toBeCloseTo(defaulted * 0.35, 8);
    expect(p.recovery[6]).toBeCloseTo(defaulted * 0.65, 8);
    expect(p.periods).toBe(366);
    // Every unit of balance leaves by exactly one door.
    expect(sum(p.scheduledPrincipal) + sum(p.prepayment) + sum(p.defaults)).toBeCloseTo(200_000, 6);
    expect(sum(p.loss) + sum(p.recovery)).toBeCloseTo(sum(p.defaults), 6);
  });

  it('a pool is the sum of its loans', () => {
    const a = projectMortgage(loan, none);
    const b = projectMortgage({ ...loan, remainingTermMonths: 180 }, none);
    const pool = sumProjections([a, b]);
    expect(pool.periods).toBe(360);
    expect(pool.interest[0]).toBeCloseTo(a.interest[0]! + b.interest[0]!, 10);
    expect(pool.balance[200]).toBeCloseTo(a.balance[200]!, 10);
  });
});

describe('adjustable-rate mortgage', () => {
  const arm = {
    ...loan,
    noteRate: 0.04,
    arm: {
      indexRate: 0.05,
      margin: 0.025,
      monthsToFirstReset: 60,
      resetEveryMonths: 12,
      periodicCap: 0.02,
      lifetimeCap: 0.09,
      lifetimeFloor: 0.03,
    },
  };

  it('resets to index + margin within the periodic and lifetime caps', () => {
    const path = armRatePath(arm);
    expect(path[59]).toBe(0.04); // initial rate before the first reset
    expect(path[60]).toBeCloseTo(0.06, 12); // 7.5% target, capped at +2%
    expect(path[72]).toBeCloseTo(0.075, 12); // the rest of the way
    const high = armRatePath({ ...arm, arm: { ...arm.arm, indexRate: 0.2 } });
    expect(high[96]).toBeCloseTo(0.09, 12); // lifetime cap
  });

  it('recasts the payment at a reset on the balance and months left', () => {
    const p = projectMortgage(arm, none);
    const balance = scheduledBalance(200_000, 0.04 / 12, 360, 60);
    expect(p.balance[59]).toBeCloseTo(balance, 6);
    expect(p.interest[60]! + p.scheduledPrincipal[60]!).toBeCloseTo(levelPayment(balance, 0.005, 300), 8);
    expect(p.noteRate[60]).toBeCloseTo(0.06, 12);
  });
});
