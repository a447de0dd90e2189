/**
 * The max-Sharpe weights are checked against the optimality (KKT) conditions of the problem itself,
 * computed here from the gradient of the Sharpe ratio, not by solving again:
 *   maximise S(w) = e'w / sqrt(w'Σw)  s.t.  sum(w) = 1, 0 <= w_i <= cap,  e = μ - r.
 * ∇S = e/σ - (e'w) Σw / σ³. At an optimum there is a λ with ∇S_i = λ where 0 < w_i < cap, ∇S_i <= λ where
 * w_i = 0 and ∇S_i >= λ where w_i = cap; S is quasi-concave where e'w > 0, so these are also sufficient.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../lib/sources/synthetic.js';
import { maxSharpeWeights } from '../../../../lib/universe/max-sharpe.js';

const tol = 1e-6;

function sharpeGradient(w: Float64Array, e: Float64Array, cov: Float64Array): Float64Array {
  const n = w.length;
  const sw = Float64Array.from({ length: n }, (_, i) => w.reduce((s, wj, j) => s + cov[i * n + j]! * wj, 0));
  const variance = w.reduce((s, wi, i) => s + wi * sw[i]!, 0);
  const sigma = Math.sqrt(variance);
  const ew = w.reduce((s, wi, i) => s + wi * e[i]!, 0);
  return Float64Array.from({ length: n }, (_, i) => e[i]! / sigma - (ew * sw[i]!) / sigma ** 3);
}

function expectKkt(w: Float64Array, e: Float64Array, cov: Float64Array, cap: number) {
  const g = sharpeGradient(w, e, cov);
  const atZero = [...w.keys()].filter((i) => w[i]! < 1e-9);
  const atCap = [...w.keys()].filter((i) => w[i]! > cap - 1e-9);
  const interior = [...w.keys()].filter((i) => !atZero.includes(i) && !atCap.includes(i));
  // λ: the common gradient of the interior weights, or any value between the bounds' gradients.
  const lower = Math.max(...atZero.map((i) => g[i]!), -Infinity);
  const upper = Math.min(...atCap.map((i) => g[i]!), Infinity);
  const lambda =
    interior.length > 0 ? interior.reduce((s, i) => s + g[i]!, 0) / interior.length : (lower + upper) / 2;
  for (const i of interior) expect(Math.abs(g[i]! - lambda)).toBeLessThan(tol);
  for (const i of atZero) expect(g[i]!).toBeLessThanOrEqual(lambda + tol);
  for (const i of atCap) expect(g[i]!).toBeGreaterThanOrEqual(lambda - tol);
  return { interior, atZero, atCap };
}

function expectFeasible(w: Float64Array, cap: number) {
  expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  for (const v of w) {
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(cap + 1e-12);
  }
}

/** A covariance with the structure of stock returns: one market factor, sector-free, idiosyncratic noise. */
function factorCovariance(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const beta = Float64Array.from({ length: n }, () => 0.5 + random());
  const idio = Float64Array.from({ length: n }, () => (0.1 + 0.3 * random()) ** 2);
  const cov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) cov[i * n + j] = beta[i]! * beta[j]! * 0.04 + (i === j ? idio[i]! : 0);
  }
  return cov;
}

describe('maxSharpeWeights', () => {
  it('satisfies the KKT conditions, the cap and the budget on a 30-symbol problem', () => {
    const n = 30;
    const random = seededRandom(7);
    const mu = Float64Array.from({ length: n }, () => -0.05 + 0.3 * random());
    const cov = factorCovariance(n, 11);
    const result = maxSharpeWeights(mu, cov, { maxWeight: 0.1, riskFreeRate: 0.02 });
    expect(result.method).toBe('max-sharpe');
    expectFeasible(result.weights, 0.1);
    const e = mu.map((m) => m - 0.02);
    const sets = expectKkt(result.weights, e, cov, 0.1);
    // A real test of the cap and of the bounds: each kind of constraint is active somewhere here.
    expect(sets.atCap.length).toBeGreaterThan(0);
    expect(sets.atZero.length).toBeGreaterThan(0);
    expect(sets.interior.length).toBeGreaterThan(0);
    // And no random feasible portfolio does better.
    for (let k = 0; k < 200; k++) {
      const raw = Float64Array.from({ length: n }, () => random());
      const w = raw.map((v) => v / raw.reduce((s, x) => s + x, 0));
      if (w.some((v) => v > 0.1)) continue;
      const ew = w.reduce((s, v, i) => s + v * e[i]!, 0);
      const variance = w.reduce(
        (s, wi, i) => s + wi * w.reduce((t, wj, j) => t + cov[i * n + j]! * wj, 0),
        0,
      );
      expect(ew / Math.sqrt(variance)).toBeLessThanOrEqual(result.sharpe + 1e-12);
    }
  });

  it('equals the tangency portfolio Σ⁻¹e / sum when no bound is active', () => {
    // 12 uncorrelated symbols of variance 0.04: Σ⁻¹e ∝ e, and e is spread little enough (0.05..0.072)
    // that e_i / sum(e) stays below the 10 % cap (largest 0.072 / 0.732 = 0.098).
    const n = 12;
    const e = Float64Array.from({ length: n }, (_, i) => 0.05 + 0.002 * i);
    const cov = new Float64Array(n * n);
    for (let i = 0; i < n; i++) cov[i * n + i] = 0.04;
    const result = maxSharpeWeights(
      e.map((v) => v + 0.01),
      cov,
      { maxWeight: 0.1, riskFreeRate: 0.01 },
    );
    const sum = e.reduce((s, v) => s + v, 0);
    result.weights.forEach((w, i) => expect(w).toBeCloseTo(e[i]! / sum, 9));
  });

  it('falls back to equal weights, with the reason, when there is no solution', () => {
    const cov = factorCovariance(12, 3);
    const negative = maxSharpeWeights(new Float64Array(12).fill(0.01), cov, {
      maxWeight: 0.1,
      riskFreeRate: 0.02,
    });
    expect(negative.method).toBe('equal-weight');
    expect(negative.reason).toMatch(/positive expected excess return/);
    negative.weights.forEach((w) => expect(w).toBeCloseTo(1 / 12, 15));

    const few = maxSharpeWeights(Float64Array.of(0.2, 0.3, 0.1), factorCovariance(3, 4), {
      maxWeight: 0.1,
      riskFreeRate: 0,
    });
    expect(few.method).toBe('equal-weight');
    expect(few.reason).toMatch(/3 symbol\(s\) cannot hold .*\(at least 10 needed\)/);

    // Two identical columns: a singular covariance.
    const singular = factorCovariance(12, 5);
    for (let j = 0; j < 12; j++) {
      singular[1 * 12 + j] = singular[0 * 12 + j]!;
      singular[j * 12 + 1] = singular[j * 12 + 0]!;
    }
    singular[1 * 12 + 1] = singular[0]!;
    const degenerate = maxSharpeWeights(new Float64Array(12).fill(0.1), singular, {
      maxWeight: 0.1,
      riskFreeRate: 0,
    });
    expect(degenerate.method).toBe('equal-weight');
    expect(degenerate.reason).toMatch(/singular/);
  });

  it('with exactly 1/cap symbols every weight is at the cap', () => {
    const result = maxSharpeWeights(
      Float64Array.from({ length: 10 }, (_, i) => 0.1 + 0.01 * i),
      factorCovariance(10, 9),
      { maxWeight: 0.1, riskFreeRate: 0 },
    );
    expect(result.method).toBe('max-sharpe');
    result.weights.forEach((w) => expect(w).toBeCloseTo(0.1, 9));
  });
});
