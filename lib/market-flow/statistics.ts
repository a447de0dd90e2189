/**
 * The statistics every view is made of, on typed arrays of returns:
 *
 *   mean        m = Σ x / n
 *   volatility  σ = sqrt(Σ (x - m)² / (n - 1)) · sqrt(P)   the sample standard deviation of the period
 *                                                            returns, annualised by the square root of the
 *                                                            P return periods a year (252 for daily data)
 *   Pearson     ρ = Σ (x - mx)(y - my) / sqrt(Σ (x - mx)² · Σ (y - my)²)
 *
 * Returns are log returns for prices and differences for rates (series.ts). NaN marks a missing value;
 * correlations use the pairs where both values are present ("pairwise complete"). A correlation with a
 * constant side is undefined and comes back NaN, never 0.
 */
import { periodReturn, type SeriesKind } from './series.js';

/** Returns between consecutive levels: n levels give n - 1 returns. */
export function returnsOf(levels: Float64Array, kind: SeriesKind = 'price'): Float64Array {
  const out = new Float64Array(Math.max(0, levels.length - 1));
  for (let i = 1; i < levels.length; i++) out[i - 1] = periodReturn(kind, levels[i - 1]!, levels[i]!);
  return out;
}

export function mean(x: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]!;
  return sum / x.length;
}

/** Sample standard deviation (n - 1 denominator); NaN below two values. */
export function sampleStandardDeviation(x: Float64Array): number {
  if (x.length < 2) return Number.NaN;
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i]! - m) ** 2;
  return Math.sqrt(ss / (x.length - 1));
}

/** Annualised volatility: sample standard deviation of the returns times sqrt(periods a year). */
export function annualisedVolatility(returns: Float64Array, periodsPerYear: number): number {
  return sampleStandardDeviation(returns) * Math.sqrt(periodsPerYear);
}

/** Pearson correlation over the pairs where both are finite; NaN below two pairs or with a constant side. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      count++;
      sx += x[i]!;
      sy += y[i]!;
    }
  }
  if (count < 2) return Number.NaN;
  const mx = sx / count;
  const my = sy / count;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  // Rounding can push |ρ| a hair past 1 for perfectly related series.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * The n × n Pearson correlation matrix (row-major) of a period-major panel of returns, values[t * n + i],
 * pairwise complete: each pair uses the periods where both are present.
 */
export function correlationMatrix(panel: Float64Array, n: number): Float64Array {
  if (n <= 0 || panel.length % n !== 0)
    throw new RangeError(`a panel of ${panel.length} values is not T × ${n}`);
  const periods = panel.length / n;
  const columns = Array.from({ length: n }, (_, i) =>
    Float64Array.from({ length: periods }, (_, t) => panel[t * n + i]!),
  );
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const r = pearson(columns[i]!, columns[j]!);
      out[i * n + j] = r;
      out[j * n + i] = r;
    }
  }
  return out;
}

/**
 * Correlation of the last `window` pairs ending at each t (NaN before the first full window and for any
 * window holding a missing value). Running sums of values centred on their overall means keep it O(n)
 * without the cancellation raw sums of squares would suffer.
 */
export function rollingCorrelation(x: Float64Array, y: Float64Array, window: number): Float64Array {
  if (x.length !== y.length) throw new RangeError(`x has ${x.length} values, y ${y.length}`);
  if (!(Number.isInteger(window) && window >= 2)) throw new RangeError(`window must be an integer >= 2`);
  const n = x.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const finite = (i: number) => Number.isFinite(x[i]) && Number.isFinite(y[i]);
  let cx = 0;
  let cy = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (finite(i)) {
      cx += x[i]!;
      cy += y[i]!;
      count++;
    }
  }
  cx /= Math.max(count, 1);
  cy /= Math.max(count, 1);
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let missing = 0;
  const add = (i: number, sign: 1 | -1) => {
    if (!finite(i)) {
      missing += sign;
      return;
    }
    const a = x[i]! - cx;
    const b = y[i]! - cy;
    sx += sign * a;
    sy += sign * b;
    sxx += sign * a * a;
    syy += sign * b * b;
    sxy += sign * a * b;
  };
  for (let t = 0; t < n; t++) {
    add(t, 1);
    if (t >= window) add(t - window, -1);
    if (t < window - 1 || missing > 0) continue;
    const varX = sxx - (sx * sx) / window;
    const varY = syy - (sy * sy) / window;
    const cov = sxy - (sx * sy) / window;
    // A constant window leaves only rounding noise in its variance: treat it as constant.
    const constant = varX <= 1e-12 * sxx || varY <= 1e-12 * syy;
    out[t] = constant ? Number.NaN : Math.max(-1, Math.min(1, cov / Math.sqrt(varX * varY)));
  }
  return out;
}
