/**
 * Quantile binning: each feature is cut once into at most 256 bins, so trees compare bytes, not doubles,
 * and a split search is a scan over a histogram instead of a sort. Bin b holds the values x with
 * edges[b - 1] < x ≤ edges[b]; a split "bin ≤ t" is therefore the split "x ≤ edges[t]" on raw values.
 */
import type { Matrix } from '../engine.js';

/** Edges of every feature in one array: feature f owns edges[offsets[f] .. offsets[f + 1]). */
export interface BinEdges {
  edges: Float64Array;
  offsets: Int32Array;
}

/** Rows sampled to place the edges: quantiles of 200k values are as good as those of all of them. */
const EDGE_SAMPLE_ROWS = 200_000;

function midpoint(v: number, next: number): number {
  const edge = v + (next - v) / 2;
  return edge >= next ? v : edge;
}

/**
 * Edges of one feature from its sorted values. With at most maxBins distinct values every value gets its
 * own bin; otherwise the edges sit at the quantiles. Each edge lies halfway to the next distinct value, as
 * exact CART splits do.
 */
function featureEdges(sorted: Float64Array, maxBins: number): number[] {
  const m = sorted.length;
  const distinct: number[] = [];
  for (let i = 0; i < m && distinct.length <= maxBins; i++) {
    if (i === 0 || sorted[i]! !== sorted[i - 1]!) distinct.push(sorted[i]!);
  }
  if (distinct.length <= maxBins) {
    return distinct.slice(1).map((next, i) => midpoint(distinct[i]!, next));
  }
  const edges: number[] = [];
  let last = -Infinity;
  for (let k = 1; k < maxBins; k++) {
    const v = sorted[Math.max(0, Math.floor((k * m) / maxBins) - 1)]!;
    if (v <= last) continue;
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= m) break;
    const edge = midpoint(v, sorted[lo]!);
    edges.push(edge);
    last = edge;
  }
  return edges;
}

/** Computes the edges of every feature. `yieldEvery` lets a caller keep its event loop responsive. */
export async function computeEdges(
  data: Matrix,
  maxBins: number,
  pause: () => Promise<void>,
): Promise<BinEdges> {
  const { x, nRows, nFeatures } = data;
  const step = Math.max(1, Math.floor(nRows / EDGE_SAMPLE_ROWS));
  const m = Math.ceil(nRows / step);
  const column = new Float64Array(m);
  const all: number[] = [];
  const offsets = new Int32Array(nFeatures + 1);
  for (let f = 0; f < nFeatures; f++) {
    for (let i = 0, r = 0; r < nRows; i++, r += step) column[i] = x[r * nFeatures + f]!;
    column.sort();
    const edges = featureEdges(column, maxBins);
    for (const e of edges) all.push(e);
    offsets[f + 1] = all.length;
    await pause();
  }
  return { edges: Float64Array.from(all), offsets };
}

/** Bin of value v among edges[lo .. hi): the number of edges strictly below v. */
function binOf(edges: Float64Array, lo: number, hi: number, v: number): number {
  const start = lo;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo - start;
}

/** Bins rows [from, to) of a matrix into `out` (row-major, one byte per value). */
export function binRows(data: Matrix, bins: BinEdges, out: Uint8Array, from = 0, to = data.nRows): void {
  const { x, nFeatures } = data;
  const { edges, offsets } = bins;
  for (let f = 0; f < nFeatures; f++) {
    const lo = offsets[f]!;
    const hi = offsets[f + 1]!;
    for (let r = from; r < to; r++) out[r * nFeatures + f] = binOf(edges, lo, hi, x[r * nFeatures + f]!);
  }
}

/** Bins a whole matrix, in chunks with a pause between them so a large data set never stalls the loop. */
export async function binMatrix(data: Matrix, bins: BinEdges, out: Uint8Array, pause: () => Promise<void>) {
  const chunk = Math.max(1, Math.floor(2_000_000 / Math.max(1, data.nFeatures)));
  for (let from = 0; from < data.nRows; from += chunk) {
    binRows(data, bins, out, from, Math.min(data.nRows, from + chunk));
    await pause();
  }
}
