/**
 * A zero (spot) curve and the Z-spread over it: the constant spread that, added to every spot rate,
 * discounts the cash flows to the given price (Fabozzi, "Bond Markets, Analysis, and Strategies", on
 * static spread). Spot rates are linearly interpolated in time and held flat beyond both ends.
 */
import { brentRoot } from './root.js';

export interface ZeroCurve {
  /** Increasing times in years. */
  times: readonly number[];
  /** Annual spot rate at each time. */
  rates: readonly number[];
  /** 'continuous', or the number of compounding periods a year (e.g. 2 for semiannual). */
  compounding: 'continuous' | number;
}

export function spotRate(curve: ZeroCurve, time: number): number {
  const { times, rates } = curve;
  if (time <= times[0]!) return rates[0]!;
  const last = times.length - 1;
  if (time >= times[last]!) return rates[last]!;
  let k = 1;
  while (times[k]! < time) k++;
  const w = (time - times[k - 1]!) / (times[k]! - times[k - 1]!);
  return rates[k - 1]! + w * (rates[k]! - rates[k - 1]!);
}

export function discountFactor(curve: ZeroCurve, time: number, spread = 0): number {
  const rate = spotRate(curve, time) + spread;
  if (curve.compounding === 'continuous') return Math.exp(-rate * time);
  const m = curve.compounding;
  return Math.pow(1 + rate / m, -m * time);
}

/** Parallel shift of every spot rate (a rate shock). */
export function shiftCurve(curve: ZeroCurve, shift: number): ZeroCurve {
  return { ...curve, rates: curve.rates.map((r) => r + shift) };
}

/** Value of cash flows at periods 1, 2, ... (element t at (t + 1) / periodsPerYear years) on the curve. */
export function priceOnCurve(
  cashflows: ArrayLike<number>,
  curve: ZeroCurve,
  periodsPerYear: number,
  spread = 0,
): number {
  let sum = 0;
  for (let t = 0; t < cashflows.length; t++) {
    if (cashflows[t] !== 0) sum += cashflows[t]! * discountFactor(curve, (t + 1) / periodsPerYear, spread);
  }
  return sum;
}

export type ZSpreadResult = { exists: true; spread: number } | { exists: false; message: string };

/** The Z-spread (annual, same compounding as the curve) that prices the cash flows at `price`. */
export function zSpread(
  cashflows: ArrayLike<number>,
  price: number,
  curve: ZeroCurve,
  periodsPerYear: number,
): ZSpreadResult {
  const f = (s: number) => priceOnCurve(cashflows, curve, periodsPerYear, s) - price;
  // Price falls as the spread rises; ±50% a year brackets any spread a credit asset trades at.
  const found = brentRoot(f, -0.5, 0.5, { tolerance: 1e-12 });
  return found
    ? { exists: true, spread: found.root }
    : { exists: false, message: `no Z-spread between -50% and 50% prices these cash flows at ${price}` };
}
