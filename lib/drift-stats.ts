/**
 * Distribution drift between a training baseline and recent data, per feature:
 * - PSI over the baseline's decile bins (rule of thumb: < 0.1 stable, 0.1-0.25 moderate, > 0.25 major);
 * - Kolmogorov-Smirnov statistic and asymptotic p-value (any large sample makes p tiny, so it is reported,
 *   not used alone as the alarm);
 * - Wasserstein-1 distance divided by the baseline's standard deviation: a shift in units of "typical
 *   spread" that does not grow with sample size, which is what the drift threshold is set on.
 */

export interface FeatureBaseline {
  n: number;
  mean: number;
  std: number;
  /** Inner bin edges (deciles of the training values). */
  edges: number[];
  /** Fraction of training values per bin (edges.length + 1 bins). */
  fractions: number[];
  /** Up to `sampleSize` training values, sorted, evenly spaced in rank: enough for KS and Wasserstein. */
  sample: number[];
}

/** The training rows' statistics of each feature of a feature set: what later data is compared with. */
export interface DriftBaseline {
  featureNames: string[];
  rows: number;
  features: Record<string, FeatureBaseline>;
}

export interface FeatureDrift {
  psi: number;
  ks: number;
  ksPValue: number;
  wassersteinNormalized: number;
  baselineMean: number;
  currentMean: number;
  n: number;
}

const epsilon = 1e-4;

function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

function quantile(sorted: Float64Array | number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function binFractions(sorted: Float64Array, edges: number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let bin = 0;
  for (const v of sorted) {
    while (bin < edges.length && v > edges[bin]!) bin++;
    counts[bin]!++;
  }
  return counts.map((c) => c / sorted.length);
}

export function baselineOf(values: ArrayLike<number>, bins = 10, sampleSize = 2000): FeatureBaseline {
  const sorted = sortedCopy(values);
  const n = sorted.length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const std = Math.sqrt(sorted.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(n - 1, 1));
  const edges = [...new Set(Array.from({ length: bins - 1 }, (_, i) => quantile(sorted, (i + 1) / bins)))];
  const step = Math.max(1, n / sampleSize);
  const sample: number[] = [];
  for (let k = 0; k < n && sample.length < sampleSize; k++)
    sample.push(sorted[Math.min(n - 1, Math.floor(k * step))]!);
  return { n, mean, std, edges, fractions: binFractions(sorted, edges), sample };
}

export function psi(baseline: FeatureBaseline, current: Float64Array): number {
  const actual = binFractions(current, baseline.edges);
  let total = 0;
  baseline.fractions.forEach((expected, i) => {
    const e = Math.max(expected, epsilon);
    const a = Math.max(actual[i]!, epsilon);
    total += (a - e) * Math.log(a / e);
  });
  return total;
}

/** Two-sample KS statistic on sorted inputs. */
export function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i]!, b[j]!);
    while (i < a.length && a[i]! <= v) i++;
    while (j < b.length && b[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/** Asymptotic p-value of the two-sample KS statistic (Kolmogorov distribution, Stephens' correction). */
export function ksPValue(d: number, n: number, m: number): number {
  const en = Math.sqrt((n * m) / (n + m));
  const lambda = (en + 0.12 + 0.11 / en) * d;
  let sum = 0;
  for (let k = 1; k <= 100; k++) sum += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return Math.min(1, Math.max(0, sum));
}

/** Wasserstein-1 between two sorted samples, via their quantile functions on a common grid. */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>, grid = 1000): number {
  const qa = Float64Array.from(a as ArrayLike<number>);
  const qb = Float64Array.from(b as ArrayLike<number>);
  let total = 0;
  for (let k = 0; k < grid; k++) {
    const q = (k + 0.5) / grid;
    total += Math.abs(quantile(qa, q) - quantile(qb, q));
  }
  return total / grid;
}

export function featureDrift(baseline: FeatureBaseline, currentValues: ArrayLike<number>): FeatureDrift {
  const current = sortedCopy(currentValues);
  const ks = ksStatistic(baseline.sample, current);
  const w = wasserstein1(baseline.sample, current);
  return {
    psi: psi(baseline, current),
    ks,
    ksPValue: ksPValue(ks, baseline.sample.length, current.length),
    wassersteinNormalized: baseline.std > 0 ? w / baseline.std : w === 0 ? 0 : Number.POSITIVE_INFINITY,
    baselineMean: baseline.mean,
    currentMean: current.reduce((x, y) => x + y, 0) / current.length,
    n: current.length,
  };
}

/** Per feature: its drift statistics and whether they crossed the check's thresholds. */
export type FeatureDriftReport = Record<string, FeatureDrift & { drifted: boolean }>;

export interface DriftReport {
  features: FeatureDriftReport;
  driftedFeatures: string[];
  maxPsi: number;
  maxWassersteinNormalized: number;
}

/**
 * Each feature's current values against its training baseline, marked drifted by `isDrifted`: the one
 * per-feature report of the pipeline's drift stage and of the live drift monitor.
 */
export function driftReport(
  columns: Iterable<readonly [name: string, values: ArrayLike<number>]>,
  baselines: Record<string, FeatureBaseline>,
  isDrifted: (drift: FeatureDrift) => boolean,
): DriftReport {
  const features: FeatureDriftReport = {};
  for (const [name, values] of columns) {
    const drift = featureDrift(baselines[name]!, values);
    features[name] = { ...drift, drifted: isDrifted(drift) };
  }
  const all = Object.values(features);
  return {
    features,
    driftedFeatures: Object.entries(features)
      .filter(([, d]) => d.drifted)
      .map(([name]) => name),
    // Both statistics are non-negative: 0 is the maximum of no features.
    maxPsi: Math.max(0, ...all.map((d) => d.psi)),
    maxWassersteinNormalized: Math.max(0, ...all.map((d) => d.wassersteinNormalized)),
  };
}
