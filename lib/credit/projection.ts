/**
 * The one output shape of every projection engine, so analytics, the Monte Carlo summary and the API treat
 * mortgages, auto loans, consumer credit, commercial loans and CLO collateral alike.
 *
 * Time convention: element t of every array is period t + 1, i.e. flows at the END of the (t + 1)-th period
 * from the valuation date; `balance[t]` is the balance left after that period's defaults and payments.
 */

export interface CashFlowProjection {
  /** Number of periods in every array below. */
  periods: number;
  /** Periods per year (12 for monthly projections): how analytics turn period indices into years. */
  periodsPerYear: number;
  /** Performing balance at the end of the period. */
  balance: Float64Array;
  interest: Float64Array;
  scheduledPrincipal: Float64Array;
  prepayment: Float64Array;
  /** Balance that defaulted in the period (leaves the performing balance; loss and recovery come later). */
  defaults: Float64Array;
  /** Loss realised in the period (defaults of `recoveryLag` periods ago times their severity). */
  loss: Float64Array;
  /** Recovery received in the period (defaults of `recoveryLag` periods ago times one minus severity). */
  recovery: Float64Array;
  /** interest + scheduledPrincipal + prepayment + recovery: what the holder receives. */
  totalCashFlow: Float64Array;
}

export const PROJECTION_SERIES = [
  'balance',
  'interest',
  'scheduledPrincipal',
  'prepayment',
  'defaults',
  'loss',
  'recovery',
  'totalCashFlow',
] as const;
export type ProjectionSeries = (typeof PROJECTION_SERIES)[number];

export function emptyProjection(periods: number, periodsPerYear = 12): CashFlowProjection {
  const a = () => new Float64Array(periods);
  return {
    periods,
    periodsPerYear,
    balance: a(),
    interest: a(),
    scheduledPrincipal: a(),
    prepayment: a(),
    defaults: a(),
    loss: a(),
    recovery: a(),
    totalCashFlow: a(),
  };
}

/** Fills `totalCashFlow` from its parts; engines call it once at the end. */
export function finishTotals(p: CashFlowProjection): CashFlowProjection {
  for (let t = 0; t < p.periods; t++) {
    p.totalCashFlow[t] = p.interest[t]! + p.scheduledPrincipal[t]! + p.prepayment[t]! + p.recovery[t]!;
  }
  return p;
}

/** Principal returned to the holder in each period: scheduled + prepaid + recovered. */
export function principalCashFlow(p: CashFlowProjection): Float64Array {
  const out = new Float64Array(p.periods);
  for (let t = 0; t < p.periods; t++) out[t] = p.scheduledPrincipal[t]! + p.prepayment[t]! + p.recovery[t]!;
  return out;
}

/** Fall of the performing balance in each period (scheduled + prepaid + defaulted): what WAL weighs. */
export function balanceReduction(p: CashFlowProjection): Float64Array {
  const out = new Float64Array(p.periods);
  for (let t = 0; t < p.periods; t++) out[t] = p.scheduledPrincipal[t]! + p.prepayment[t]! + p.defaults[t]!;
  return out;
}

/** Adds projections period by period (a pool is the sum of its loans); the result is as long as the longest. */
export function sumProjections(parts: readonly CashFlowProjection[]): CashFlowProjection {
  if (parts.length === 0) throw new RangeError('sumProjections needs at least one projection');
  const periodsPerYear = parts[0]!.periodsPerYear;
  if (parts.some((p) => p.periodsPerYear !== periodsPerYear)) {
    throw new RangeError('sumProjections: every projection must have the same periodsPerYear');
  }
  const out = emptyProjection(Math.max(...parts.map((p) => p.periods)), periodsPerYear);
  for (const p of parts) {
    for (const key of PROJECTION_SERIES) {
      const from = p[key];
      const into = out[key];
      for (let t = 0; t < p.periods; t++) into[t] = into[t]! + from[t]!;
    }
  }
  return out;
}

/**
 * Groups `factor` consecutive periods into one (e.g. 3 months into a quarter for a CLO paying quarterly):
 * flows add up, the balance is the one at the end of the group.
 */
export function aggregatePeriods(p: CashFlowProjection, factor: number): CashFlowProjection {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError('factor must be a positive integer');
  if (p.periodsPerYear % factor !== 0) {
    throw new RangeError(`periodsPerYear ${p.periodsPerYear} is not divisible by ${factor}`);
  }
  const out = emptyProjection(Math.ceil(p.periods / factor), p.periodsPerYear / factor);
  for (const key of PROJECTION_SERIES) {
    const from = p[key];
    const into = out[key];
    for (let t = 0; t < p.periods; t++) {
      const g = Math.floor(t / factor);
      into[g] = key === 'balance' ? from[t]! : into[g]! + from[t]!;
    }
  }
  return out;
}
