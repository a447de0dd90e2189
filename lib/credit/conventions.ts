/**
 * Market conventions that turn quoted speeds into monthly rates.
 *
 * Sources: the PSA Standard Prepayment Model and the CPR/SMM and CDR/MDR identities as given in the Bond
 * Market Association's "Uniform Practices / Standard Formulas" (section SF) and Fabozzi, "The Handbook of
 * Mortgage-Backed Securities", ch. on prepayment conventions; the ABS convention from Fabozzi, "The Handbook
 * of Fixed Income Securities", ch. on auto-loan ABS.
 */

/** A rate given once for every period, or per period (element t applies to period t + 1). */
export type RateVector = number | ArrayLike<number>;

/** Value of a rate vector in period t (0-based); a vector must cover every projected period. */
export function valueAt(v: RateVector, t: number): number {
  if (typeof v === 'number') return v;
  if (t >= v.length)
    throw new RangeError(`rate vector of length ${v.length} has no value for period ${t + 1}`);
  return v[t]!;
}

/** Conditional prepayment rate (annual) to single monthly mortality: SMM = 1 − (1 − CPR)^(1/12). */
export function cprToSmm(cpr: number): number {
  return 1 - Math.pow(1 - cpr, 1 / 12);
}

/** Inverse of cprToSmm: CPR = 1 − (1 − SMM)^12. */
export function smmToCpr(smm: number): number {
  return 1 - Math.pow(1 - smm, 12);
}

/** Constant default rate (annual) to monthly default rate: the same identity as CPR to SMM. */
export const cdrToMdr = cprToSmm;

/**
 * CPR of the PSA model in the loan's `ageMonth`-th month (1-based) at `speed` percent PSA: 100% PSA is
 * 0.2% CPR in month 1, rising 0.2% a month to 6% in month 30, then 6% flat.
 */
export function psaCpr(ageMonth: number, speed: number): number {
  const base = ageMonth >= 30 ? 0.06 : 0.002 * Math.max(ageMonth, 0);
  return Math.min(1, (base * speed) / 100);
}

/**
 * SMM under the ABS convention (auto loans): the ABS speed is a constant share of the ORIGINAL number of
 * loans prepaying each month, so as the pool shrinks the monthly rate on what is left rises:
 * SMM = ABS / (1 − ABS · (month − 1)), month counted from origination (1-based).
 */
export function absToSmm(abs: number, ageMonth: number): number {
  const denominator = 1 - abs * (ageMonth - 1);
  return denominator <= abs ? 1 : abs / denominator;
}

/** Level payment that amortises `balance` over `periods` at `ratePerPeriod` (annuity formula). */
export function levelPayment(balance: number, ratePerPeriod: number, periods: number): number {
  if (periods <= 0) return balance;
  if (ratePerPeriod === 0) return balance / periods;
  return (balance * ratePerPeriod) / (1 - Math.pow(1 + ratePerPeriod, -periods));
}

/** Balance left after `paid` of `periods` level payments, no prepayment (closed form of the schedule). */
export function scheduledBalance(
  balance: number,
  ratePerPeriod: number,
  periods: number,
  paid: number,
): number {
  if (paid >= periods) return 0;
  if (ratePerPeriod === 0) return balance * (1 - paid / periods);
  const g = 1 + ratePerPeriod;
  return (balance * (Math.pow(g, periods) - Math.pow(g, paid))) / (Math.pow(g, periods) - 1);
}
