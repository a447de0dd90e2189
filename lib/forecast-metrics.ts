/**
 * Holdout metrics of a cash-flow forecast. The random-walk forecast of a price change is zero, so MASE here
 * is MAE(model) / MAE(zero forecast): below 1 beats the random walk.
 */

export interface ForecastMetrics {
  mae: number;
  rmse: number;
  r2: number;
  /** Share of rows where the forecast and the outcome have the same sign (zeros excluded). */
  directionalAccuracy: number;
  mase: number;
  n: number;
}

export function forecastMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>): ForecastMetrics {
  const n = actual.length;
  if (n === 0 || predicted.length !== n)
    throw new Error(`metrics need equal, non-empty series (${n} vs ${predicted.length})`);
  let absErr = 0;
  let sqErr = 0;
  let naiveAbs = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i]! / n;
  let ssTot = 0;
  let hits = 0;
  let signed = 0;
  for (let i = 0; i < n; i++) {
    const a = actual[i]!;
    const p = predicted[i]!;
    absErr += Math.abs(a - p);
    sqErr += (a - p) ** 2;
    naiveAbs += Math.abs(a);
    ssTot += (a - mean) ** 2;
    if (a !== 0 && p !== 0) {
      signed++;
      if (Math.sign(a) === Math.sign(p)) hits++;
    }
  }
  return {
    mae: absErr / n,
    rmse: Math.sqrt(sqErr / n),
    r2: ssTot > 0 ? 1 - sqErr / ssTot : 0,
    directionalAccuracy: signed > 0 ? hits / signed : 0,
    mase: naiveAbs > 0 ? absErr / naiveAbs : Number.POSITIVE_INFINITY,
    n,
  };
}

/** Share of outcomes inside [lower, upper]; for P10-P90 the nominal value is 0.8. */
export function intervalCoverage(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): number {
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) inside++;
  return actual.length > 0 ? inside / actual.length : 0;
}

/** Accuracy of 0/1 predictions. */
export function accuracy(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === predicted[i]) hits++;
  return actual.length > 0 ? hits / actual.length : 0;
}
