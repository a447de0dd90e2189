/**
 * Long-only maximum-Sharpe weights with a cap per symbol, by quadratic programming (quadprog, the
 * Goldfarb-Idnani dual method):
 *
 *   maximise (μ - r)'w / sqrt(w'Σw)   subject to  sum(w) = 1,  0 <= w_i <= cap
 *
 * The ratio is not a QP, but it is scale-free, so with y = κw (κ > 0) it becomes the convex problem
 *
 *   minimise y'Σy   subject to  (μ - r)'y = 1,  y_i >= 0,  y_i <= cap · sum(y)
 *
 * and w = y / sum(y). The cap must be written in this homogenised form: a plain y_i <= cap would bound y,
 * whose scale is arbitrary, and the rescaled weights would break the cap or be needlessly tight.
 *
 * When there is no solution the weights are equal and the reason is recorded: fewer than 1 / cap symbols
 * (the cap cannot hold all the money), no capped portfolio with a positive expected excess return (the
 * maximum Sharpe ratio would be negative: the ratio is then maximised by the riskiest portfolio, not a
 * sensible holding), a singular covariance matrix (fewer periods than symbols, or collinear returns), or
 * a solver failure.
 */
import { solveQP } from 'quadprog';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { portfolioStats } from './return-stats.js';

export interface MaxSharpeOptions {
  /** Largest weight of one symbol (the seed: 0.1). */
  maxWeight: number;
  /** Annual risk-free rate, in the units of the expected returns (PyPortfolioOpt's default: 0.02). */
  riskFreeRate: number;
}

export const defaultMaxSharpeOptions: MaxSharpeOptions = { maxWeight: 0.1, riskFreeRate: 0.02 };

export interface PortfolioSolution {
  weights: Float64Array;
  method: 'max-sharpe' | 'equal-weight';
  /** Why the optimisation gave way to equal weights. */
  reason?: string;
  expectedReturn: number;
  volatility: number;
  sharpe: number;
}

/** The largest (μ - r)'w over the capped simplex: the cap on the best symbols first. */
function bestCappedExcess(excess: Float64Array, cap: number): number {
  let left = 1;
  let best = 0;
  for (const e of Float64Array.from(excess).sort().reverse()) {
    const w = Math.min(cap, left);
    best += w * e;
    left -= w;
    if (left <= 0) break;
  }
  return best;
}

function isWellConditioned(covariance: Float64Array, n: number): boolean {
  const matrix = new Matrix(
    Array.from({ length: n }, (_, i) => Array.from(covariance.subarray(i * n, i * n + n))),
  );
  const cholesky = new CholeskyDecomposition(matrix);
  if (!cholesky.isPositiveDefinite()) return false;
  const diagonal = Array.from({ length: n }, (_, i) => cholesky.lowerTriangularMatrix.get(i, i) ** 2);
  return Math.min(...diagonal) > 1e-12 * Math.max(...diagonal);
}

function whyNoSolution(
  expected: Float64Array,
  covariance: Float64Array,
  options: MaxSharpeOptions,
): string | undefined {
  const n = expected.length;
  const cap = options.maxWeight;
  if (n === 0) return 'no symbols to hold';
  if (n * cap < 1 - 1e-12) {
    return `${n} symbol(s) cannot hold the whole portfolio at most ${cap * 100}% each (at least ${Math.ceil(1 / cap - 1e-12)} needed)`;
  }
  if (!expected.every(Number.isFinite) || !covariance.every(Number.isFinite)) {
    return 'the expected returns or the covariance are not finite numbers';
  }
  const best = bestCappedExcess(
    expected.map((m) => m - options.riskFreeRate),
    cap,
  );
  if (best <= 0) {
    return `no long-only portfolio within the ${cap * 100}% cap has a positive expected excess return (best ${best.toPrecision(3)})`;
  }
  if (!isWellConditioned(covariance, n)) {
    return `the covariance matrix of the ${n} symbols is singular (fewer periods than symbols, or collinear returns)`;
  }
  return undefined;
}

function solve(
  expected: Float64Array,
  covariance: Float64Array,
  options: MaxSharpeOptions,
): Float64Array | string {
  const n = expected.length;
  const cap = options.maxWeight;
  const excess = expected.map((m) => m - options.riskFreeRate);
  // The normalisation (μ - r)'y = 1 fixes y's scale; dividing by the largest |excess| keeps y near 1.
  const norm = Math.max(...Array.from(excess, Math.abs));
  const q = 1 + 2 * n;
  const D = [[]] as number[][];
  const A = [[]] as number[][];
  for (let i = 1; i <= n; i++) {
    D.push([0, ...Array.from(covariance.subarray((i - 1) * n, i * n))]);
    const row = new Array<number>(q + 1).fill(0);
    row[1] = excess[i - 1]! / norm;
    row[1 + i] = 1;
    for (let k = 1; k <= n; k++) row[1 + n + k] = k === i ? cap - 1 : cap;
    A.push(row);
  }
  const b = [0, 1, ...new Array<number>(2 * n).fill(0)];
  const result = solveQP(D, new Array<number>(n + 1).fill(0), A, b, 1);
  if (result.message) return `the solver found no solution: ${result.message}`;
  const y = Float64Array.from({ length: n }, (_, i) => Math.max(result.solution[i + 1]!, 0));
  const total = y.reduce((s, v) => s + v, 0);
  if (!(total > 0) || !Number.isFinite(total)) return 'the solver returned no usable weights';
  // Round-off can leave a weight a hair outside [0, cap]; clip and renormalise once.
  const w = y.map((v) => Math.min(v / total, cap));
  const sum = w.reduce((s, v) => s + v, 0);
  return w.map((v) => v / sum);
}

export function maxSharpeWeights(
  expected: Float64Array,
  covariance: Float64Array,
  options: MaxSharpeOptions = defaultMaxSharpeOptions,
): PortfolioSolution {
  const n = expected.length;
  if (covariance.length !== n * n) {
    throw new RangeError(`covariance has ${covariance.length} entries for ${n} symbols (need ${n * n})`);
  }
  let reason = whyNoSolution(expected, covariance, options);
  let weights: Float64Array | undefined;
  if (reason === undefined) {
    const solved = solve(expected, covariance, options);
    if (typeof solved === 'string') reason = solved;
    else weights = solved;
  }
  const method = weights ? 'max-sharpe' : 'equal-weight';
  weights ??= new Float64Array(n).fill(1 / n);
  const stats =
    n > 0
      ? portfolioStats(weights, expected, covariance, options.riskFreeRate)
      : { expectedReturn: 0, volatility: 0, sharpe: Number.NaN };
  return reason === undefined ? { weights, method, ...stats } : { weights, method, reason, ...stats };
}
