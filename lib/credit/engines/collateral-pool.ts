/**
 * A pool of bullet loans (the leveraged loans under a CLO, or bonds under a CDO) with annual prepayment
 * and default rates, severity and recovery lag, at any payment frequency: interest only, principal at
 * maturity, as the collateral input of the waterfall.
 */
import { valueAt, type RateVector } from '../conventions.js';
import { amortise, type AmortisedProjection } from './amortise.js';

export interface CollateralPool {
  par: number;
  /** Annual coupon per period (a floating pool's index + spread path). */
  coupon: RateVector;
  termPeriods: number;
  periodsPerYear: number;
}

export interface CollateralAssumptions {
  /** Annual prepayment rate. */
  cpr: RateVector;
  /** Annual default rate. */
  cdr: RateVector;
  severity: RateVector;
  recoveryLagPeriods: number;
}

/** Annual rate to the rate over one of `periodsPerYear` periods: 1 − (1 − annual)^(1/f). */
export function perPeriodRate(annual: number, periodsPerYear: number): number {
  return 1 - Math.pow(1 - annual, 1 / periodsPerYear);
}

export function projectCollateralPool(pool: CollateralPool, a: CollateralAssumptions): AmortisedProjection {
  const f = pool.periodsPerYear;
  return amortise(
    {
      balance: pool.par,
      termPeriods: pool.termPeriods,
      noteRate: pool.coupon,
      periodsPerYear: f,
      // Bullet loans: interest only until the last period, which repays what is left.
      interestOnlyPeriods: pool.termPeriods - 1,
      amortisationPeriods: 1,
    },
    {
      smm: (t) => perPeriodRate(valueAt(a.cpr, t), f),
      mdr: (t) => perPeriodRate(valueAt(a.cdr, t), f),
      severity: a.severity,
      recoveryLag: a.recoveryLagPeriods,
    },
  );
}
