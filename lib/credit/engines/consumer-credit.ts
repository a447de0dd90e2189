/**
 * Consumer credit (cards, personal loans) with a delinquency roll-rate model: balances move each month
 * between delinquency buckets by a transition matrix (a Markov chain on balances, as in the roll-rate
 * models of consumer ABS), current accounts pay interest and a share of principal, charged-off balances
 * are lost less a recovery that arrives later. Vintage curves: the cumulative charge-off of a vintage by
 * months on book from the same matrix, and a pool's losses from its vintages and a loss-timing curve.
 *
 * Simplifications, on purpose: a cure (a delinquent balance rolling back to current) brings no catch-up
 * payment, and delinquent balances accrue nothing, so cash is on the conservative side.
 */
import { valueAt, type RateVector } from '../conventions.js';
import { emptyProjection, finishTotals, type CashFlowProjection } from '../projection.js';

/** Buckets in the order of the matrix rows and columns; the last two absorb (never leave). */
export const ROLL_STATES = ['current', 'dpd30', 'dpd60', 'dpd90', 'dpd120', 'chargedOff', 'prepaid'] as const;
export type RollState = (typeof ROLL_STATES)[number];
const CURRENT = 0;
const CHARGED_OFF = 5;
const PREPAID = 6;
const K = ROLL_STATES.length;

/** Row i, column j: share of bucket i's balance in bucket j a month later. Rows sum to 1. */
export type RollRateMatrix = readonly (readonly number[])[];

export interface ConsumerPool {
  /** Balance in each bucket today (length 7, charged-off and prepaid normally 0). */
  balances: readonly number[];
  /** Annual rate charged on current balances. */
  annualRate: number;
}

export interface ConsumerAssumptions {
  matrix: RollRateMatrix;
  /** Share of the current balance repaid as scheduled principal each month (minimum payment rate). */
  paymentRate: RateVector;
  severity: RateVector;
  recoveryLagMonths: number;
  months: number;
}

export interface ConsumerProjection extends CashFlowProjection {
  /** Balance in each bucket at the end of each month. */
  buckets: Record<RollState, Float64Array>;
}

export function projectConsumerCredit(pool: ConsumerPool, a: ConsumerAssumptions): ConsumerProjection {
  const lag = a.recoveryLagMonths;
  const p = emptyProjection(a.months + lag, 12);
  const buckets = Object.fromEntries(ROLL_STATES.map((s) => [s, new Float64Array(a.months + lag)])) as Record<
    RollState,
    Float64Array
  >;
  let b = Array.from(pool.balances);
  const rate = pool.annualRate / 12;
  for (let t = 0; t < a.months; t++) {
    const next = new Array<number>(K).fill(0);
    for (let i = 0; i < PREPAID - 1; i++) for (let j = 0; j < K; j++) next[j]! += b[i]! * a.matrix[i]![j]!;
    // Current accounts that stay current pay interest and their scheduled share of principal.
    const stayed = b[CURRENT]! * a.matrix[CURRENT]![CURRENT]!;
    const scheduled = stayed * valueAt(a.paymentRate, t);
    next[CURRENT]! -= scheduled;
    const prepaid = next[PREPAID]!;
    const chargedOff = next[CHARGED_OFF]!;
    p.interest[t] = stayed * rate;
    p.scheduledPrincipal[t] = scheduled;
    p.prepayment[t] = prepaid;
    p.defaults[t] = chargedOff;
    const severity = valueAt(a.severity, t);
    p.loss[t + lag]! += chargedOff * severity;
    p.recovery[t + lag]! += chargedOff * (1 - severity);
    // Charged-off and prepaid balances leave the pool: the buckets record the month's flow into them.
    next[PREPAID] = 0;
    next[CHARGED_OFF] = 0;
    b = next;
    ROLL_STATES.forEach(
      (s, k) => (buckets[s][t] = k === PREPAID ? prepaid : k === CHARGED_OFF ? chargedOff : b[k]!),
    );
    p.balance[t] = b.slice(0, CHARGED_OFF).reduce((s, x) => s + x, 0);
  }
  finishTotals(p);
  return { ...p, buckets };
}

/**
 * Cumulative charge-off of a vintage by months on book (element t: after t + 1 months), as a share of its
 * original balance, from the roll-rate matrix with no scheduled principal: the vintage's loss curve.
 */
export function vintageLossCurve(
  matrix: RollRateMatrix,
  months: number,
  paymentRate: RateVector = 0,
): Float64Array {
  const p = projectConsumerCredit(
    { balances: [1, 0, 0, 0, 0, 0, 0], annualRate: 0 },
    { matrix, paymentRate, severity: 1, recoveryLagMonths: 0, months },
  );
  const curve = new Float64Array(months);
  let sum = 0;
  for (let t = 0; t < months; t++) curve[t] = sum += p.defaults[t]!;
  return curve;
}

export interface Vintage {
  /** Months from the first vintage's origination (0 for the oldest). */
  originationMonth: number;
  originalBalance: number;
}

/**
 * A pool's charge-offs by calendar month from its vintages and a cumulative loss curve by months on book:
 * month m receives Σ balance_v · (curve[m − start_v] − curve[m − start_v − 1]).
 */
export function vintageChargeOffs(
  vintages: readonly Vintage[],
  curve: ArrayLike<number>,
  months: number,
): Float64Array {
  const out = new Float64Array(months);
  for (const v of vintages) {
    for (let age = 0; age < curve.length; age++) {
      const m = v.originationMonth + age;
      if (m >= months) break;
      out[m]! += v.originalBalance * (curve[age]! - (age > 0 ? curve[age - 1]! : 0));
    }
  }
  return out;
}
