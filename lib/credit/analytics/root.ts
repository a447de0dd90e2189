/**
 * Brent's method for a root of a continuous function on a bracket [a, b] where f changes sign: inverse
 * quadratic interpolation and secant steps, falling back to bisection whenever they would leave the
 * bracket or shrink it too slowly, so it converges whenever bisection does.
 *
 * Written after R. P. Brent, "Algorithms for Minimization without Derivatives" (1973), ch. 4 ("zero"), in
 * the form of Numerical Recipes' zbrent. No npm package was used: the well-kept numeric libraries found
 * (mathjs, numeric, fmin, newton-raphson-method) offer no bracketed Brent solver.
 */

export interface RootOptions {
  /** Absolute tolerance on the root. Default 1e-12. */
  tolerance?: number;
  maxIterations?: number;
}

export interface Root {
  root: number;
  iterations: number;
}

/** A root of f in [a, b], or null when f(a) and f(b) have the same sign (no bracket). */
export function brentRoot(
  f: (x: number) => number,
  a: number,
  b: number,
  options: RootOptions = {},
): Root | null {
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 200;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return { root: a, iterations: 0 };
  if (fb === 0) return { root: b, iterations: 0 };
  if (Math.sign(fa) === Math.sign(fb) || Number.isNaN(fa) || Number.isNaN(fb)) return null;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tolerance;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return { root: b, iterations: iteration };
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      const min1 = 3 * xm * q - Math.abs(tol1 * q);
      const min2 = Math.abs(e * q);
      if (2 * p < Math.min(min1, min2)) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
  }
  return { root: b, iterations: maxIterations };
}
