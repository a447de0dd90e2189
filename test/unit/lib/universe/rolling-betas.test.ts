/** Rolling betas against closed-form OLS worked out by hand. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../lib/sources/synthetic.js';
import { olsFit, rollingBetas } from '../../../../lib/universe/rolling-betas.js';

const f = (...v: number[]) => Float64Array.from(v);

describe('olsFit and rollingBetas', () => {
  it('one factor: beta = cov(x, y) / var(x), alpha = mean(y) - beta mean(x)', () => {
    // x = 1..5, y = 2, 4, 5, 4, 5: x̄ = 3, ȳ = 4; Σ(x-x̄)(y-ȳ) = (-2)(-2)+(-1)(0)+0+(1)(0)+(2)(1) = 6,
    // Σ(x-x̄)² = 10, so beta = 0.6 and alpha = 4 - 0.6·3 = 2.2.
    const x = f(1, 2, 3, 4, 5);
    const y = f(2, 4, 5, 4, 5);
    const rolling = rollingBetas(y, [x], { window: 5, minObservations: 5 });
    expect(rolling.betas[0]![4]).toBeCloseTo(0.6, 12);
    expect(rolling.alpha[4]).toBeCloseTo(2.2, 12);
    expect(rolling.observations[4]).toBe(5);
    // Before 5 observations there is no fit.
    for (let t = 0; t < 4; t++) expect(rolling.betas[0]![t]).toBeNaN();
    const qr = olsFit([[1], [2], [3], [4], [5]], [2, 4, 5, 4, 5])!;
    expect(qr.betas[0]).toBeCloseTo(0.6, 12);
    expect(qr.alpha).toBeCloseTo(2.2, 12);
  });

  it("two factors: the normal equations' solution by Cramer's rule", () => {
    // Rows (x1, x2, y): (0,0,1) (1,0,2) (0,1,4) (1,1,4) (2,1,6). Centred: x̄1 = 0.8, x̄2 = 0.6, ȳ = 3.4.
    // S11 = Σx1² - 5·0.64 = 6 - 3.2 = 2.8; S22 = 3 - 1.8 = 1.2; S12 = Σx1x2 - 5·0.48 = 3 - 2.4 = 0.6;
    // S1y = Σx1y - 5·0.8·3.4 = (2 + 4 + 12) - 13.6 = 4.4; S2y = (4 + 4 + 6) - 5·0.6·3.4 = 14 - 10.2 = 3.8.
    // det = 2.8·1.2 - 0.36 = 3; b1 = (4.4·1.2 - 0.6·3.8) / 3 = (5.28 - 2.28) / 3 = 1;
    // b2 = (2.8·3.8 - 0.6·4.4) / 3 = (10.64 - 2.64) / 3 = 8/3; alpha = 3.4 - 0.8·1 - 0.6·8/3 = 1.
    const x1 = f(0, 1, 0, 1, 2);
    const x2 = f(0, 0, 1, 1, 1);
    const y = f(1, 2, 4, 4, 6);
    const r = rollingBetas(y, [x1, x2], { window: 24, minObservations: 5 });
    expect(r.betas[0]![4]).toBeCloseTo(1, 12);
    expect(r.betas[1]![4]).toBeCloseTo(8 / 3, 12);
    expect(r.alpha[4]).toBeCloseTo(1, 12);
  });

  it('the window is the last `window` months and needs `minObservations` complete ones', () => {
    // y = 3x for the first 10 months, then y = -x: a 4-month window sees only the new relation.
    const x = Float64Array.from({ length: 16 }, (_, t) => ((t * 7) % 5) + 1);
    const y = x.map((v, t) => (t < 10 ? 3 * v : -v));
    const r = rollingBetas(y, [x], { window: 4, minObservations: 3 });
    expect(r.betas[0]![2]).toBeCloseTo(3, 12);
    expect(r.betas[0]![15]).toBeCloseTo(-1, 12);
    // A missing month (NaN) is skipped: at t = 4 the window 1..4 has 3 complete rows, enough.
    const gap = y.slice();
    gap[3] = Number.NaN;
    const g = rollingBetas(gap, [x], { window: 4, minObservations: 3 });
    expect(g.observations[4]).toBe(3);
    expect(g.betas[0]![4]).toBeCloseTo(3, 12);
    expect(g.observations[3]).toBe(3);
    const strict = rollingBetas(gap, [x], { window: 4, minObservations: 4 });
    expect(strict.betas[0]![4]).toBeNaN();
  });

  it('collinear factors give NaN, not an arbitrary answer', () => {
    const x = f(1, 2, 3, 4, 5, 6);
    const r = rollingBetas(f(1, 3, 2, 5, 4, 6), [x, x.map((v) => 2 * v)], { window: 6, minObservations: 4 });
    expect(r.betas[0]![5]).toBeNaN();
    expect(
      olsFit(
        Array.from(x, (v) => [v, 2 * v]),
        [1, 3, 2, 5, 4, 6],
      ),
    ).toBeUndefined();
  });

  it('agrees with the QR fit on noisy 5-factor data over 24-month windows', () => {
    const random = seededRandom(3);
    const n = 60;
    const factors = Array.from({ length: 5 }, () => Float64Array.from({ length: n }, () => random() - 0.5));
    const y = Float64Array.from(
      { length: n },
      (_, t) => 0.01 + factors.reduce((s, fk, k) => s + (k + 1) * 0.3 * fk[t]!, 0) + 0.05 * (random() - 0.5),
    );
    const r = rollingBetas(y, factors, { window: 24, minObservations: 12 });
    expect(r.betas[0]![10]).toBeNaN();
    for (const t of [11, 30, 59]) {
      const rows = Array.from({ length: Math.min(24, t + 1) }, (_, i) => t - Math.min(24, t + 1) + 1 + i);
      const qr = olsFit(
        rows.map((i) => factors.map((fk) => fk[i]!)),
        rows.map((i) => y[i]!),
      )!;
      expect(r.alpha[t]).toBeCloseTo(qr.alpha, 10);
      qr.betas.forEach((b, k) => expect(r.betas[k]![t]).toBeCloseTo(b, 10));
    }
  });
});
