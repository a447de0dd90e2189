/** Validation answers name the field the client sent, down to the vector element. */
import { describe, expect, it } from 'vitest';
import {
  validateAutoLoan,
  validateCommercialLoan,
  validateConsumerCredit,
  validateMortgage,
  validateTranches,
} from '../../../../../lib/credit/validation/assumptions.js';
import {
  validateLoanPool,
  validateMonteCarloModel,
  validatePathRange,
} from '../../../../../lib/credit/validation/monte-carlo.js';
import { DEFAULT_MORTGAGE_MODEL } from '../../../../../lib/credit/monte-carlo/model.js';
import { syntheticMortgagePool } from '../../../../../lib/credit/monte-carlo/pool.js';

const loan = { balance: 100_000, noteRate: 0.05, remainingTermMonths: 6 };
const assumptions = { prepayment: { kind: 'cpr', cpr: 0.1 }, cdr: 0.01, severity: 0.3, recoveryLagMonths: 3 };
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('mortgage validation', () => {
  it('accepts valid inputs', () => {
    expect(validateMortgage(loan, assumptions)).toEqual([]);
  });

  it('names the element of a vector that is out of range', () => {
    const problems = validateMortgage(loan, {
      ...assumptions,
      prepayment: { kind: 'cpr', cpr: [0.1, 0.1, 0.1, 1.5, 0.1, 0.1] },
    });
    expect(problems).toEqual([
      { field: 'assumptions.prepayment.cpr[3]', message: 'must be at least 0 and at most 1 (got 1.5)' },
    ]);
    const cdr = validateMortgage(loan, { ...assumptions, cdr: [0, 0, 0, -0.1, 0, 0] });
    expect(fields(cdr)).toEqual(['assumptions.cdr[3]']);
  });

  it('wants one value per period of the loan', () => {
    const problems = validateMortgage(loan, { ...assumptions, cdr: [0.01, 0.02] });
    expect(fields(problems)).toEqual(['assumptions.cdr']);
    expect(problems[0]!.message).toMatch(/6 values \(got 2\)/);
  });

  it('collects every problem at once, with the paths given', () => {
    const problems = validateMortgage(
      { balance: -1, noteRate: 'x', remainingTermMonths: 6.5 },
      { prepayment: { kind: 'fast' }, cdr: 0, severity: 2, recoveryLagMonths: -1 },
      { loan: 'body.loan', assumptions: 'body.assumptions' },
    );
    expect(fields(problems)).toEqual([
      'body.loan.balance',
      'body.loan.noteRate',
      'body.loan.remainingTermMonths',
      'body.assumptions.prepayment.kind',
      'body.assumptions.recoveryLagMonths',
    ]);
  });

  it('checks ARM caps against each other', () => {
    const arm = {
      indexRate: 0.03,
      margin: 0.02,
      monthsToFirstReset: 2,
      resetEveryMonths: 1,
      periodicCap: 0.01,
      lifetimeCap: 0.02,
      lifetimeFloor: 0.04,
    };
    expect(fields(validateMortgage({ ...loan, arm }, assumptions))).toEqual(['loan.arm.lifetimeCap']);
  });
});

describe('other engines', () => {
  it('auto loans: ABS speed in range', () => {
    expect(
      fields(validateAutoLoan(loan, { absSpeed: 0.5, cdr: 0, severity: 0.5, recoveryLagMonths: 0 })),
    ).toEqual(['assumptions.absSpeed']);
  });

  it('consumer credit: matrix rows must add up to 1', () => {
    const matrix = Array.from({ length: 7 }, (_, i) =>
      Array.from({ length: 7 }, (_, j): number => (i === j ? 1 : 0)),
    );
    matrix[2]![3] = 0.2;
    const problems = validateConsumerCredit(
      { balances: [100, 0, 0, 0, 0, 0, 0], annualRate: 0.2 },
      { matrix, paymentRate: 0.03, severity: 0.8, recoveryLagMonths: 2, months: 12 },
    );
    expect(problems).toEqual([
      { field: 'assumptions.matrix[2]', message: 'must add up to 1 (adds up to 1.2)' },
    ]);
  });

  it('commercial loans: interest-only cannot outlast the term', () => {
    const cre = {
      balance: 1e6,
      noteRate: 0.05,
      termMonths: 60,
      amortisationMonths: 360,
      interestOnlyMonths: 72,
      noi: 1e5,
      propertyValue: 2e6,
    };
    const a = {
      termDefaultDscr: 1,
      refinanceMaxLtv: 0.75,
      refinanceMinDscr: 1.25,
      refinanceRate: 0.06,
      refinanceAmortisationMonths: 360,
      liquidationCost: 0.1,
      recoveryLagMonths: 12,
    };
    expect(fields(validateCommercialLoan(cre, a))).toEqual(['loan.interestOnlyMonths']);
  });

  it('tranches: unique names, coupons in range', () => {
    const problems = validateTranches([
      { name: 'A', balance: 10, coupon: 0.05 },
      { name: 'A', balance: 10, coupon: 2 },
    ]);
    expect(fields(problems)).toEqual(['tranches[1].name', 'tranches[1].coupon']);
  });
});

describe('Monte Carlo validation', () => {
  it('accepts the default model and a synthetic pool', () => {
    expect(validateMonteCarloModel(DEFAULT_MORTGAGE_MODEL)).toEqual([]);
    expect(validateLoanPool(syntheticMortgagePool(20, 1), 360)).toEqual([]);
  });

  it('names bad model fields, pool columns and path ranges', () => {
    const model = {
      ...DEFAULT_MORTGAGE_MODEL,
      prepayment: { ...DEFAULT_MORTGAGE_MODEL.prepayment, maxCpr: 0.01 },
    };
    expect(fields(validateMonteCarloModel(model))).toEqual(['model.prepayment.maxCpr']);
    const pool = syntheticMortgagePool(3, 1);
    pool.severity[1] = 1.2;
    expect(fields(validateLoanPool(pool, 360))).toEqual(['pool.severity[1]']);
    expect(fields(validateLoanPool(pool, 120))).toContain('pool.remainingTermMonths[0]');
    expect(fields(validatePathRange({ seed: 1, fromPath: 10, toPath: 10 }))).toEqual(['range.toPath']);
  });
});
