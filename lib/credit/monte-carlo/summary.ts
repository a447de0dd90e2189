/**
 * Merging path chunks and summarising a run: pointwise P5/P50/P95 bands of each monthly series (the
 * percentile of the paths' values month by month, not one path) and the distributions of NPV, IRR, WAL
 * and loss rate. Percentiles interpolate linearly between order statistics (Hyndman and Fan's type 7,
 * NumPy's and R's default), so the NumPy side of the benchmark computes the same numbers.
 */
import { CHUNK_SCALARS, CHUNK_SERIES, type PathChunk } from './simulate.js';

/** Joins chunks covering consecutive path ranges (in any order) into one chunk over all their paths. */
export function mergePathChunks(chunks: readonly PathChunk[]): PathChunk {
  if (chunks.length === 0) throw new RangeError('mergePathChunks needs at least one chunk');
  const sorted = [...chunks].sort((a, b) => a.fromPath - b.fromPath);
  const months = sorted[0]!.months;
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k]!.fromPath !== sorted[k - 1]!.toPath) {
      throw new RangeError(
        `chunks are not contiguous: paths ${sorted[k - 1]!.toPath}..${sorted[k]!.fromPath - 1} are missing or repeated`,
      );
    }
    if (sorted[k]!.months !== months) throw new RangeError('chunks have different month counts');
  }
  const fromPath = sorted[0]!.fromPath;
  const toPath = sorted[sorted.length - 1]!.toPath;
  const count = toPath - fromPath;
  const merged = { fromPath, toPath, months } as PathChunk;
  for (const key of CHUNK_SERIES) {
    const out = new Float64Array(count * months);
    for (const c of sorted) out.set(c[key], (c.fromPath - fromPath) * months);
    merged[key] = out;
  }
  for (const key of CHUNK_SCALARS) {
    const out = new Float64Array(count);
    for (const c of sorted) out.set(c[key], c.fromPath - fromPath);
    merged[key] = out;
  }
  return merged;
}

/** Type-7 percentile (p in [0, 100]) of values already sorted ascending. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Moves the value of sorted rank k into a[k] with nothing larger before it and nothing smaller after it,
 * within a[lo..hi] (Hoare's FIND as given by Wirth, "Algorithms + Data Structures = Programs"): linear on
 * average, against n·log n for sorting the whole column.
 */
function selectRank(a: Float64Array, k: number, lo: number, hi: number): void {
  let l = lo;
  let r = hi;
  while (l < r) {
    const x = a[k]!;
    let i = l;
    let j = r;
    do {
      while (a[i]! < x) i++;
      while (x < a[j]!) j--;
      if (i <= j) {
        const w = a[i]!;
        a[i] = a[j]!;
        a[j] = w;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) l = i;
    if (k < i) r = j;
  }
}

/**
 * Type-7 percentiles of `values` for ascending `ps`, by selection: each needs the values of ranks ⌊h⌋ and
 * ⌊h⌋ + 1, the second being the smallest value after the first once it is selected. Reorders `values`.
 */
export function percentilesBySelection(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  let from = 0;
  return ps.map((p) => {
    const h = ((n - 1) * p) / 100;
    const k = Math.floor(h);
    if (k >= from) {
      selectRank(values, k, from, n - 1);
      from = k + 1;
    }
    const low = values[k]!;
    if (k + 1 >= n || h === k) return low;
    let next = Infinity;
    for (let i = k + 1; i < n; i++) if (values[i]! < next) next = values[i]!;
    return low + (h - k) * (next - low);
  });
}

export interface Distribution {
  /** Paths with a value (IRR is missing on paths where none exists). */
  count: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  std: number;
  min: number;
  max: number;
  p5: number;
  p50: number;
  p95: number;
}

export function distribution(values: ArrayLike<number>): Distribution {
  const kept = Float64Array.from(
    Array.prototype.filter.call(values, (v: number) => !Number.isNaN(v)) as number[],
  );
  kept.sort();
  const n = kept.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += kept[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (kept[i]! - mean) ** 2;
  return {
    count: n,
    mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min: kept[0] ?? Number.NaN,
    max: kept[n - 1] ?? Number.NaN,
    p5: percentileOfSorted(kept, 5),
    p50: percentileOfSorted(kept, 50),
    p95: percentileOfSorted(kept, 95),
  };
}

export interface Band {
  p5: Float64Array;
  p50: Float64Array;
  p95: Float64Array;
}

/** Month-by-month P5/P50/P95 of a path-major series. */
export function band(series: Float64Array, paths: number, months: number): Band {
  const out: Band = {
    p5: new Float64Array(months),
    p50: new Float64Array(months),
    p95: new Float64Array(months),
  };
  const column = new Float64Array(paths);
  for (let t = 0; t < months; t++) {
    for (let p = 0; p < paths; p++) column[p] = series[p * months + t]!;
    [out.p5[t], out.p50[t], out.p95[t]] = percentilesBySelection(column, [5, 50, 95]) as [
      number,
      number,
      number,
    ];
  }
  return out;
}

export interface MonteCarloSummary {
  paths: number;
  months: number;
  bands: Record<(typeof CHUNK_SERIES)[number], Band>;
  distributions: Record<(typeof CHUNK_SCALARS)[number], Distribution>;
  /** Paths on which no IRR exists at the price. */
  pathsWithoutIrr: number;
}

export function summarisePaths(all: PathChunk): MonteCarloSummary {
  const paths = all.toPath - all.fromPath;
  const bands = {} as MonteCarloSummary['bands'];
  for (const key of CHUNK_SERIES) bands[key] = band(all[key], paths, all.months);
  const distributions = {} as MonteCarloSummary['distributions'];
  for (const key of CHUNK_SCALARS) distributions[key] = distribution(all[key]);
  return {
    paths,
    months: all.months,
    bands,
    distributions,
    pathsWithoutIrr: paths - distributions.irr.count,
  };
}
