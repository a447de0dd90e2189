/**
 * Factor betas by ordinary least squares with an intercept, over a trailing window of months, as the seed's
 * RollingOLS: y[t] = alpha + sum_k beta_k · f_k[t] + e[t]. `olsFit` is the general one-off fit by QR
 * (ml-matrix); `rollingBetas` solves the same least squares per window on typed arrays, because it runs
 * for every symbol and month. A window whose regressors are collinear gives NaN, not an arbitrary answer.
 */
import { Matrix, QrDecomposition } from 'ml-matrix';

export interface OlsFit {
  alpha: number;
  betas: Float64Array;
}

/** One OLS fit by QR; rows of `x` are observations, columns the regressors (no intercept column: it is added). */
export function olsFit(x: readonly (readonly number[])[], y: readonly number[]): OlsFit | undefined {
  const n = y.length;
  const k = x[0]?.length ?? 0;
  if (n < k + 1) return undefined;
  const design = new Matrix(n, k + 1);
  for (let i = 0; i < n; i++) {
    design.set(i, 0, 1);
    for (let j = 0; j < k; j++) design.set(i, j + 1, x[i]![j]!);
  }
  const qr = new QrDecomposition(design);
  const r = qr.upperTriangularMatrix;
  const diag = Array.from({ length: k + 1 }, (_, j) => Math.abs(r.get(j, j)));
  if (Math.min(...diag) <= 1e-10 * Math.max(...diag)) return undefined;
  const solution = qr.solve(Matrix.columnVector(y as number[]));
  return {
    alpha: solution.get(0, 0),
    betas: Float64Array.from({ length: k }, (_, j) => solution.get(j + 1, 0)),
  };
}

export interface RollingBetaOptions {
  /** Months in the window ending at each month (the seed: 24). */
  window: number;
  /** Fewest complete observations in the window for a fit (the issue: 12). */
  minObservations: number;
}

export const defaultRollingBetaOptions: RollingBetaOptions = { window: 24, minObservations: 12 };

export interface RollingBetas {
  alpha: Float64Array;
  /** One column per factor, in the order given. */
  betas: Float64Array[];
  /** Complete observations used at each month. */
  observations: Int32Array;
}

/**
 * Least squares on the window's rows `rows[0..count)`, centred so the intercept drops out: with x̄ and ȳ
 * the window means, beta solves (X_c'X_c) beta = X_c'y_c by Cholesky, alpha = ȳ - x̄'beta. Centring keeps
 * the small Gram matrix well conditioned; a pivot that vanishes against the diagonal means collinear
 * regressors in that window, and the fit is refused. Writes alpha then the betas into `out`.
 */
function fitWindow(
  y: Float64Array,
  factors: readonly Float64Array[],
  rows: Int32Array,
  count: number,
  scratch: { mean: Float64Array; gram: Float64Array; rhs: Float64Array },
  out: Float64Array,
): boolean {
  const k = factors.length;
  const { mean, gram, rhs } = scratch;
  mean.fill(0);
  gram.fill(0);
  rhs.fill(0);
  let meanY = 0;
  for (let r = 0; r < count; r++) {
    const i = rows[r]!;
    meanY += y[i]! / count;
    for (let a = 0; a < k; a++) mean[a]! += factors[a]![i]! / count;
  }
  for (let r = 0; r < count; r++) {
    const i = rows[r]!;
    const dy = y[i]! - meanY;
    for (let a = 0; a < k; a++) {
      const da = factors[a]![i]! - mean[a]!;
      rhs[a]! += da * dy;
      for (let b = 0; b <= a; b++) gram[a * k + b]! += da * (factors[b]![i]! - mean[b]!);
    }
  }
  // In-place Cholesky of the lower triangle, then forward and back substitution.
  let largest = 0;
  for (let a = 0; a < k; a++) largest = Math.max(largest, gram[a * k + a]!);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = gram[a * k + b]!;
      for (let c = 0; c < b; c++) sum -= gram[a * k + c]! * gram[b * k + c]!;
      if (a === b) {
        if (!(sum > 1e-12 * largest)) return false;
        gram[a * k + a] = Math.sqrt(sum);
      } else gram[a * k + b] = sum / gram[b * k + b]!;
    }
  }
  for (let a = 0; a < k; a++) {
    let sum = rhs[a]!;
    for (let c = 0; c < a; c++) sum -= gram[a * k + c]! * rhs[c]!;
    rhs[a] = sum / gram[a * k + a]!;
  }
  for (let a = k - 1; a >= 0; a--) {
    let sum = rhs[a]!;
    for (let c = a + 1; c < k; c++) sum -= gram[c * k + a]! * rhs[c]!;
    rhs[a] = sum / gram[a * k + a]!;
  }
  let alpha = meanY;
  for (let a = 0; a < k; a++) alpha -= mean[a]! * rhs[a]!;
  out[0] = alpha;
  out.set(rhs, 1);
  return true;
}

/**
 * Rolling OLS of `y` on the factor columns (all aligned to the same months). The fit at month t uses the
 * complete rows among t - window + 1 .. t; with fewer than `minObservations` of them (or fewer than the
 * number of parameters) the month is NaN. Each window is fitted afresh (no running sums to drift); at
 * 24 rows and a handful of factors that is a few hundred operations, where a general QR per window
 * (`olsFit`) costs a hundred times more and would dominate the per-symbol stage.
 */
export function rollingBetas(
  y: Float64Array,
  factors: readonly Float64Array[],
  options: RollingBetaOptions = defaultRollingBetaOptions,
): RollingBetas {
  const n = y.length;
  const k = factors.length;
  const alpha = new Float64Array(n).fill(Number.NaN);
  const betas = factors.map(() => new Float64Array(n).fill(Number.NaN));
  const observations = new Int32Array(n);
  const complete = Uint8Array.from(
    { length: n },
    (_, t) => +(Number.isFinite(y[t]) && factors.every((f) => Number.isFinite(f[t]))),
  );
  const minRows = Math.max(options.minObservations, k + 1);
  const rows = new Int32Array(options.window);
  const fit = new Float64Array(k + 1);
  // Scratch space reused by every window: allocating it per window would cost more than the fit.
  const scratch = { mean: new Float64Array(k), gram: new Float64Array(k * k), rhs: new Float64Array(k) };
  for (let t = 0; t < n; t++) {
    let count = 0;
    for (let i = Math.max(0, t - options.window + 1); i <= t; i++) if (complete[i]) rows[count++] = i;
    observations[t] = count;
    if (count < minRows || !fitWindow(y, factors, rows, count, scratch, fit)) continue;
    alpha[t] = fit[0]!;
    for (let a = 0; a < k; a++) betas[a]![t] = fit[a + 1]!;
  }
  return { alpha, betas, observations };
}
