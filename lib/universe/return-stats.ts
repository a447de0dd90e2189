/**
 * Expected returns and covariance of a window of periodic returns, annualised as PyPortfolioOpt does for
 * the seed: the compounded mean historical return, (prod(1 + r))^(periodsPerYear / T) - 1, and the sample
 * covariance (T - 1 denominator) times periodsPerYear. With fewer observations than symbols the sample
 * covariance is singular; `shrinkage` δ moves it towards its own diagonal, (1 - δ)·S + δ·diag(S), which is
 * positive definite for any δ > 0 when every variance is positive.
 */

/** T periods × n symbols of simple returns, period-major: values[t * n + i]. */
export interface ReturnWindow {
  symbols: string[];
  periods: number;
  values: Float64Array;
}

export function annualisedMeanReturns(window: ReturnWindow, periodsPerYear: number): Float64Array {
  const n = window.symbols.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let logGrowth = 0;
    for (let t = 0; t < window.periods; t++) logGrowth += Math.log1p(window.values[t * n + i]!);
    out[i] = Math.exp((logGrowth * periodsPerYear) / window.periods) - 1;
  }
  return out;
}

/** n × n, row-major. */
export function annualisedCovariance(
  window: ReturnWindow,
  periodsPerYear: number,
  shrinkage = 0,
): Float64Array {
  const n = window.symbols.length;
  const T = window.periods;
  if (shrinkage < 0 || shrinkage > 1)
    throw new RangeError(`shrinkage must be within [0, 1], got ${shrinkage}`);
  const mean = new Float64Array(n);
  for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) mean[i]! += window.values[t * n + i]! / T;
  const cov = new Float64Array(n * n);
  const centred = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < n; i++) centred[i] = window.values[t * n + i]! - mean[i]!;
    for (let i = 0; i < n; i++) {
      const ci = centred[i]!;
      for (let j = i; j < n; j++) cov[i * n + j]! += ci * centred[j]!;
    }
  }
  const scale = periodsPerYear / (T - 1);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const value = cov[i * n + j]! * scale * (i === j ? 1 : 1 - shrinkage);
      cov[i * n + j] = value;
      cov[j * n + i] = value;
    }
  }
  return cov;
}

/** w'μ, sqrt(w'Σw) and their Sharpe ratio over `riskFreeRate`. */
export function portfolioStats(
  weights: Float64Array,
  expected: Float64Array,
  covariance: Float64Array,
  riskFreeRate: number,
): { expectedReturn: number; volatility: number; sharpe: number } {
  const n = weights.length;
  let expectedReturn = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    expectedReturn += weights[i]! * expected[i]!;
    for (let j = 0; j < n; j++) variance += weights[i]! * covariance[i * n + j]! * weights[j]!;
  }
  const volatility = Math.sqrt(Math.max(variance, 0));
  return {
    expectedReturn,
    volatility,
    sharpe: volatility > 0 ? (expectedReturn - riskFreeRate) / volatility : Number.NaN,
  };
}
