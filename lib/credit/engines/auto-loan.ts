/**
 * Auto loans: level-pay instalment loans whose prepayments follow the ABS convention (a constant share of
 * the original loan count per month), with defaults, severity and recovery lag. Monthly periods.
 */
import { absToSmm, cdrToMdr, valueAt, type RateVector } from '../conventions.js';
import { amortise, type AmortisedProjection } from './amortise.js';

export interface AutoLoan {
  balance: number;
  noteRate: number;
  remainingTermMonths: number;
  /** Months since origination: the ABS convention's SMM rises with it. Default 0. */
  ageMonths?: number;
}

export interface AutoLoanAssumptions {
  /** Monthly ABS speed, e.g. 0.015 for 1.5% ABS. */
  absSpeed: number;
  cdr: RateVector;
  severity: RateVector;
  recoveryLagMonths: number;
}

export function projectAutoLoan(loan: AutoLoan, assumptions: AutoLoanAssumptions): AmortisedProjection {
  const age = loan.ageMonths ?? 0;
  return amortise(
    {
      balance: loan.balance,
      termPeriods: loan.remainingTermMonths,
      noteRate: loan.noteRate,
      periodsPerYear: 12,
    },
    {
      smm: (t) => absToSmm(assumptions.absSpeed, age + t + 1),
      mdr: (t) => cdrToMdr(valueAt(assumptions.cdr, t)),
      severity: assumptions.severity,
      recoveryLag: assumptions.recoveryLagMonths,
    },
  );
}
