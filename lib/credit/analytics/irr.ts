/**
 * NPV and IRR of a series of flows at periods 0, 1, 2, ... (flows[0] is today, as in Excel and
 * numpy-financial). IRR always answers: a rate, or that none exists and why.
 *
 * Why not the `financial` package's irr: it is Newton's method from one guess and returns NaN both when no
 * IRR exists and when the iteration diverged, so callers cannot tell "no answer" from "not found". Here a
 * bracket is searched first and Brent's method refines it.
 */
import { brentRoot } from './root.js';

type Flows = ArrayLike<number>;

/** Σ flows[t] / (1 + rate)^t, flows[0] undiscounted. */
export function npv(rate: number, flows: Flows): number {
  const v = 1 / (1 + rate);
  let sum = 0;
  for (let t = flows.length - 1; t >= 0; t--) sum = sum * v + flows[t]!;
  return sum;
}

/**
 * A function with the same sign and roots as npv(r, flows) for r > −1 that never overflows: Horner in
 * v = 1/(1+r) for r ≥ 0 (v ≤ 1) and, for r < 0, the same polynomial divided by v^n, i.e. Horner in 1 + r.
 * Both forms equal Σ flows at r = 0, so the function is continuous and Brent's method can cross zero.
 */
function scaledNpv(flows: Flows): (rate: number) => number {
  return (rate) => {
    if (rate >= 0) return npv(rate, flows);
    const w = 1 + rate;
    let sum = 0;
    for (let t = 0; t < flows.length; t++) sum = sum * w + flows[t]!;
    return sum;
  };
}

export type IrrResult =
  | {
      exists: true;
      rate: number;
      /** Exactly one sign change in the flows: the only IRR above −100%. */ unique: boolean;
    }
  | { exists: false; reason: 'flows-of-one-sign' | 'npv-never-zero'; message: string };

export interface IrrOptions {
  /** Where to start looking; with several IRRs, the one found nearest the guess is returned. Default 0.05. */
  guess?: number;
  tolerance?: number;
}

function signChanges(flows: Flows): number {
  let changes = 0;
  let last = 0;
  for (let t = 0; t < flows.length; t++) {
    const s = Math.sign(flows[t]!);
    if (s === 0) continue;
    if (last !== 0 && s !== last) changes++;
    last = s;
  }
  return changes;
}

// Rates scanned for a sign change when the flows change sign more than once (several roots possible).
const SCAN = [
  -0.9999, -0.999, -0.99, -0.95, -0.9, -0.8, -0.7, -0.6, -0.5, -0.4, -0.3, -0.25, -0.2, -0.15, -0.1, -0.075,
  -0.05, -0.03, -0.02, -0.01, -0.005, 0, 0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.125, 0.15,
  0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20, 50, 100, 1000,
];

/**
 * With one sign change there is exactly one root (Descartes), and npv tends to flows[0] as r grows and to
 * the sign of the last non-zero flow as r falls to −1: the sign at the guess says which side the root is
 * on, and stepping away geometrically from the guess brackets it in a few evaluations.
 */
function uniqueRootBracket(f: (r: number) => number, flows: Flows, guess: number): [number, number] {
  const atGuess = f(guess);
  if (atGuess === 0) return [guess, guess];
  let first = 0;
  while (flows[first] === 0) first++;
  if (Math.sign(atGuess) === Math.sign(flows[first]!)) {
    // f still has the sign it keeps at high rates: the root is below the guess, between it and −1.
    let lo = guess;
    let hi = guess;
    for (let k = 0; k < 60; k++) {
      hi = lo;
      lo = -1 + (lo + 1) / 2;
      if (Math.sign(f(lo)) !== Math.sign(atGuess)) return [lo, hi];
    }
    return [lo, hi];
  }
  let lo = guess;
  let step = Math.max(0.01, Math.abs(guess));
  let hi = guess + step;
  while (Math.sign(f(hi)) === Math.sign(atGuess) && hi < 1e12) {
    lo = hi;
    step *= 2;
    hi = guess + step;
  }
  return [lo, hi];
}

/** Internal rate of return per period: the r > −1 with npv(r, flows) = 0. */
export function irr(flows: Flows, options: IrrOptions = {}): IrrResult {
  const changes = signChanges(flows);
  if (changes === 0) {
    return {
      exists: false,
      reason: 'flows-of-one-sign',
      message: 'no IRR exists: the flows never change sign, so their NPV is never zero',
    };
  }
  const f = scaledNpv(flows);
  const guess = options.guess ?? 0.05;
  const tolerance = options.tolerance ?? 1e-12;
  if (changes === 1) {
    const [a, b] = uniqueRootBracket(f, flows, guess);
    const found = brentRoot(f, a, b, { tolerance });
    if (found) return { exists: true, rate: found.root, unique: true };
  }
  const brackets: [number, number][] = [];
  for (let k = 1; k < SCAN.length; k++) {
    const a = SCAN[k - 1]!;
    const b = SCAN[k]!;
    if (Math.sign(f(a)) !== Math.sign(f(b)) || f(b) === 0) brackets.push([a, b]);
  }
  if (brackets.length === 0) {
    return {
      exists: false,
      reason: 'npv-never-zero',
      message: `no IRR exists between ${SCAN[0]! * 100}% and ${SCAN[SCAN.length - 1]! * 100}% per period: the NPV does not change sign`,
    };
  }
  const distance = ([a, b]: [number, number]) => (guess < a ? a - guess : guess > b ? guess - b : 0);
  brackets.sort((x, y) => distance(x) - distance(y));
  const [a, b] = brackets[0]!;
  const found = brentRoot(f, a, b, { tolerance });
  // The bracket has a sign change and f is continuous on it, so Brent always returns a root here.
  return { exists: true, rate: found!.root, unique: changes === 1 };
}
