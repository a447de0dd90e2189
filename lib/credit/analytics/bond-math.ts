/**
 * Price, yield, duration, convexity and WAL of cash flows paid at the end of periods 1, 2, ... (element t
 * at period t + 1, the projection convention), with an annual yield compounded `periodsPerYear` times a
 * year (the bond-equivalent convention when that is the payment frequency).
 *
 * Formulas: Fabozzi, "Bond Markets, Analysis, and Strategies", chapters on yield measures and on price
 * volatility (Macaulay duration, modified duration = Macaulay / (1 + y/f), convexity = P''(y) / P).
 */
import { irr, type IrrResult } from './irr.js';

type Flows = ArrayLike<number>;

export function priceFromYield(cashflows: Flows, annualYield: number, periodsPerYear: number): number {
  const v = 1 / (1 + annualYield / periodsPerYear);
  let sum = 0;
  for (let t = cashflows.length - 1; t >= 0; t--) sum = (sum + cashflows[t]!) * v;
  return sum;
}

export type YieldResult = { exists: true; annualYield: number } | { exists: false; message: string };

/** The annual yield at which the cash flows are worth `price` today (an IRR of [−price, ...cashflows]). */
export function yieldFromPrice(
  cashflows: Flows,
  price: number,
  periodsPerYear: number,
  guess = 0.05,
): YieldResult {
  const flows = new Float64Array(cashflows.length + 1);
  flows[0] = -price;
  flows.set(Array.from(cashflows), 1);
  const found: IrrResult = irr(flows, { guess: guess / periodsPerYear });
  return found.exists
    ? { exists: true, annualYield: found.rate * periodsPerYear }
    : { exists: false, message: found.message };
}

/** Macaulay duration in years: the present-value-weighted average time of the cash flows. */
export function macaulayDuration(cashflows: Flows, annualYield: number, periodsPerYear: number): number {
  const v = 1 / (1 + annualYield / periodsPerYear);
  let price = 0;
  let weighted = 0;
  let discount = 1;
  for (let t = 0; t < cashflows.length; t++) {
    discount *= v;
    const pv = cashflows[t]! * discount;
    price += pv;
    weighted += (t + 1) * pv;
  }
  return weighted / price / periodsPerYear;
}

/** Modified duration in years: −(dP/dy)/P, the price change per unit change of the annual yield. */
export function modifiedDuration(cashflows: Flows, annualYield: number, periodsPerYear: number): number {
  return macaulayDuration(cashflows, annualYield, periodsPerYear) / (1 + annualYield / periodsPerYear);
}

/** Convexity in years²: (d²P/dy²)/P for the annual yield y compounded periodsPerYear times. */
export function convexity(cashflows: Flows, annualYield: number, periodsPerYear: number): number {
  const v = 1 / (1 + annualYield / periodsPerYear);
  let price = 0;
  let second = 0;
  let discount = 1;
  for (let t = 0; t < cashflows.length; t++) {
    discount *= v;
    const pv = cashflows[t]! * discount;
    price += pv;
    second += (t + 1) * (t + 2) * pv;
  }
  return (second * v * v) / price / (periodsPerYear * periodsPerYear);
}

/**
 * Weighted average life in years: Σ time × principal / Σ principal, for the principal paid (or the balance
 * reduction) in each period.
 */
export function weightedAverageLife(principal: Flows, periodsPerYear: number): number {
  let total = 0;
  let weighted = 0;
  for (let t = 0; t < principal.length; t++) {
    total += principal[t]!;
    weighted += (t + 1) * principal[t]!;
  }
  return total === 0 ? 0 : weighted / total / periodsPerYear;
}
