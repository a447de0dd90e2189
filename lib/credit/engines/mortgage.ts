/**
 * Residential mortgages: level-pay fixed-rate and adjustable-rate loans with prepayment (CPR vector or PSA
 * speed), defaults (CDR), loss severity and recovery lag. Monthly periods.
 */
import { cdrToMdr, cprToSmm, psaCpr, valueAt, type RateVector } from '../conventions.js';
import { amortise, type AmortisedProjection } from './amortise.js';

/** Reset rules of an adjustable-rate mortgage: note rate = index + margin, capped and floored. */
export interface ArmTerms {
  /** Annual index rate per month of the projection (e.g. a SOFR or Treasury path). */
  indexRate: RateVector;
  margin: number;
  /** Months from now to the first reset (the initial rate applies before it). */
  monthsToFirstReset: number;
  /** Months between resets after the first one. */
  resetEveryMonths: number;
  /** Largest change of the note rate at one reset (e.g. 0.02). Infinity for none. */
  periodicCap: number;
  /** Highest and lowest note rate over the loan's life. */
  lifetimeCap: number;
  lifetimeFloor: number;
}

export interface MortgageLoan {
  balance: number;
  /** Current annual note rate (the initial rate of an ARM). */
  noteRate: number;
  remainingTermMonths: number;
  /** Months since origination (PSA's ramp counts from origination). Default 0. */
  ageMonths?: number;
  arm?: ArmTerms;
}

export type Prepayment = { kind: 'cpr'; cpr: RateVector } | { kind: 'psa'; speed: number };

export interface MortgageAssumptions {
  prepayment: Prepayment;
  /** Annual constant default rate. */
  cdr: RateVector;
  /** Share of a defaulted balance lost. */
  severity: RateVector;
  recoveryLagMonths: number;
}

/** The note rate in each month of an ARM: index + margin at each reset, limited by the caps. */
export function armRatePath(loan: MortgageLoan & { arm: ArmTerms }): Float64Array {
  const { arm } = loan;
  const path = new Float64Array(loan.remainingTermMonths);
  let rate = loan.noteRate;
  for (let t = 0; t < path.length; t++) {
    const sinceFirst = t - arm.monthsToFirstReset;
    if (sinceFirst >= 0 && sinceFirst % arm.resetEveryMonths === 0) {
      const target = valueAt(arm.indexRate, t) + arm.margin;
      const capped = Math.min(rate + arm.periodicCap, Math.max(rate - arm.periodicCap, target));
      rate = Math.min(arm.lifetimeCap, Math.max(arm.lifetimeFloor, capped));
    }
    path[t] = rate;
  }
  return path;
}

export function monthlyPrepaymentRate(prepayment: Prepayment, ageMonths: number): (t: number) => number {
  if (prepayment.kind === 'psa') return (t) => cprToSmm(psaCpr(ageMonths + t + 1, prepayment.speed));
  return (t) => cprToSmm(valueAt(prepayment.cpr, t));
}

export function projectMortgage(loan: MortgageLoan, assumptions: MortgageAssumptions): AmortisedProjection {
  const noteRate = loan.arm ? armRatePath({ ...loan, arm: loan.arm }) : loan.noteRate;
  return amortise(
    { balance: loan.balance, termPeriods: loan.remainingTermMonths, noteRate, periodsPerYear: 12 },
    {
      smm: monthlyPrepaymentRate(assumptions.prepayment, loan.ageMonths ?? 0),
      mdr: (t) => cdrToMdr(valueAt(assumptions.cdr, t)),
      severity: assumptions.severity,
      recoveryLag: assumptions.recoveryLagMonths,
    },
  );
}
