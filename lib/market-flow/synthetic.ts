/**
 * Seeded synthetic daily series for what has no offline source (crypto, the non-US regions, their
 * currencies and yields), with a correlation structure taken from a target correlation matrix:
 *
 *   ε_t = L z_t,  L Lᵀ = C (Cholesky),  z_t ~ N(0, I)      correlated daily shocks
 *   price  ln P_t = ln P_{t-1} + (μ - σ²/2)·Δ + σ·sqrt(Δ)·ε_t          Δ = 1/365: every calendar day moves
 *   rate   y_t = y_{t-1} + κ·(θ - y_{t-1})·Δ + σ·sqrt(Δ)·ε_t         mean-reverting (Vasicek), in points
 *
 * By default C comes from factor loadings (C_ij = Σ_f l_if·l_jf off the diagonal, 1 on it), which is
 * positive definite whenever every series' squared loadings sum to less than 1: the structure is valid by
 * construction, and an explicit C is checked. Business-day series keep Monday to Friday (a weekend's
 * moves land on Monday, as they do in markets); crypto trades every day. Prices are positive and every
 * value finite by construction. Every series is labelled synthetic with its seed. Same seed, same data.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { seededRandom } from '../sources/synthetic.js';
import { epochDay, formatEpochDay } from './calendar.js';
import { MarketFlowInputError } from './errors.js';
import type { MarketSeries } from './series.js';

export const syntheticFactors = [
  'equity',
  'rates',
  'dollar',
  'commodity',
  'crypto',
  'europe',
  'asia',
  'emerging',
] as const;
export type SyntheticFactor = (typeof syntheticFactors)[number];

export interface SyntheticSeriesSpec {
  id: string;
  /** What it stands for, in its source label: `crypto market index`. */
  description: string;
  kind: 'price' | 'rate';
  /** Level on the first day: index points, USD per unit of a currency, a yield in percent. */
  start: number;
  /** Price: annual drift μ of the log level. Rate: the level θ it reverts to. */
  drift: number;
  /** Rate only: reversion speed κ a year (default 0.5). */
  reversion?: number;
  /** Annualised: of log returns for prices, of changes in points for rates. */
  volatility: number;
  calendar: 'business' | 'every-day';
  loadings: Partial<Record<SyntheticFactor, number>>;
}

export interface SyntheticOptions {
  seed: number;
  /** First and last calendar day, `YYYY-MM-DD`. */
  start: string;
  end: string;
  specs: readonly SyntheticSeriesSpec[];
  /** n × n row-major; by default from the specs' loadings. */
  correlation?: Float64Array;
}

/** C from factor loadings: Σ_f l_if·l_jf off the diagonal, 1 on it. */
export function correlationFromLoadings(specs: readonly SyntheticSeriesSpec[]): Float64Array {
  const n = specs.length;
  specs.forEach((s, i) => {
    const squares = Object.values(s.loadings).reduce((sum, l) => sum + l! * l!, 0);
    if (!(squares < 1))
      throw new MarketFlowInputError(`specs[${i}].loadings`, `squares sum to ${squares}, must be below 1`);
  });
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) c[i * n + j] = 1;
      else
        for (const f of syntheticFactors)
          c[i * n + j]! += (specs[i]!.loadings[f] ?? 0) * (specs[j]!.loadings[f] ?? 0);
    }
  }
  return c;
}

/** The Cholesky factor of a correlation matrix, or a field-named error when it is not one. */
export function choleskyOfCorrelation(c: Float64Array, n: number): Float64Array {
  if (c.length !== n * n)
    throw new MarketFlowInputError('correlation', `has ${c.length} values, ${n * n} expected`);
  for (let i = 0; i < n; i++) {
    if (Math.abs(c[i * n + i]! - 1) > 1e-12)
      throw new MarketFlowInputError('correlation', `diagonal [${i}] is not 1`);
    for (let j = 0; j < i; j++)
      if (c[i * n + j] !== c[j * n + i])
        throw new MarketFlowInputError('correlation', `is not symmetric at [${i}, ${j}]`);
  }
  const rows = Array.from({ length: n }, (_, i) => Array.from(c.subarray(i * n, i * n + n)));
  const cholesky = new CholeskyDecomposition(new Matrix(rows));
  if (!cholesky.isPositiveDefinite())
    throw new MarketFlowInputError('correlation', 'is not positive definite');
  return Float64Array.from(cholesky.lowerTriangularMatrix.to1DArray());
}

export function generateSyntheticSeries(options: SyntheticOptions): MarketSeries[] {
  const { specs, seed } = options;
  const n = specs.length;
  const first = epochDay(options.start);
  const last = epochDay(options.end);
  if (!Number.isInteger(first))
    throw new MarketFlowInputError('start', `${JSON.stringify(options.start)} is not a date`);
  if (!(Number.isInteger(last) && last > first))
    throw new MarketFlowInputError('end', `${JSON.stringify(options.end)} is not a date after start`);
  specs.forEach((s, i) => {
    if (!(s.volatility >= 0))
      throw new MarketFlowInputError(`specs[${i}].volatility`, 'must be zero or positive');
    if (s.kind === 'price' && !(s.start > 0))
      throw new MarketFlowInputError(`specs[${i}].start`, 'a price must start positive');
  });
  const L = choleskyOfCorrelation(options.correlation ?? correlationFromLoadings(specs), n);
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const dt = 1 / 365;
  const days = last - first + 1;
  // Monday = 0 (epoch day 0 was a Thursday); the + 10 keeps days before 1970 positive.
  const weekday = (day: number) => ((day % 7) + 10) % 7 < 5;
  const level = Float64Array.from(specs, (s) => (s.kind === 'price' ? Math.log(s.start) : s.start));
  const z = new Float64Array(n);
  const out = specs.map((s) => ({
    dates: [] as string[],
    values: [] as number[],
    every: s.calendar === 'every-day',
  }));
  for (let d = 0; d < days; d++) {
    if (d > 0) {
      for (let i = 0; i < n; i++) z[i] = normal();
      for (let i = 0; i < n; i++) {
        let shock = 0;
        for (let k = 0; k <= i; k++) shock += L[i * n + k]! * z[k]!;
        const s = specs[i]!;
        const sigma = s.volatility;
        level[i] =
          s.kind === 'price'
            ? level[i]! + (s.drift - (sigma * sigma) / 2) * dt + sigma * Math.sqrt(dt) * shock
            : level[i]! + (s.reversion ?? 0.5) * (s.drift - level[i]!) * dt + sigma * Math.sqrt(dt) * shock;
      }
    }
    const day = first + d;
    const date = formatEpochDay(day);
    const open = weekday(day);
    for (let i = 0; i < n; i++) {
      if (!out[i]!.every && !open) continue;
      out[i]!.dates.push(date);
      out[i]!.values.push(specs[i]!.kind === 'price' ? Math.exp(level[i]!) : level[i]!);
    }
  }
  return specs.map((s, i) => ({
    id: s.id,
    dates: out[i]!.dates,
    values: Float64Array.from(out[i]!.values),
    source: { kind: 'synthetic', name: `synthetic ${s.description} (seed ${seed})` },
    kind: s.kind,
    frequency: 'daily',
    periodsPerYear: s.calendar === 'every-day' ? 365 : 252,
  }));
}
