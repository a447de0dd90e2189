/**
 * Histogram building and row partitioning for the tree builder's large nodes: one pass over a node's rows,
 * all features at once (a row's bins are contiguous), into [weight, Σw·y] or per-class weights per bin.
 */
import type { BinnedData } from './binned-data.js';

/** The rows of the tree being grown: positions, bootstrap weights and weight × target. */
export interface RowStats {
  idx: Int32Array;
  rowWeight: Float64Array;
  rowWY: Float64Array;
}

/** Fills `hist` (feature-major, 256 bins per feature) from rows idx[start, end). */
export function buildHistogram(
  data: BinnedData,
  rows: RowStats,
  hist: Float64Array,
  start: number,
  end: number,
): void {
  hist.fill(0);
  const { bins, y, nClasses, nFeatures: F } = data;
  const { idx, rowWeight, rowWY } = rows;
  if (nClasses === 0) {
    for (let k = start; k < end; k++) {
      const r = idx[k]!;
      const w = rowWeight[r]!;
      const wy = rowWY[r]!;
      const base = r * F;
      for (let f = 0; f < F; f++) {
        const h = ((f << 8) + bins[base + f]!) << 1;
        hist[h]! += w;
        hist[h + 1]! += wy;
      }
    }
    return;
  }
  for (let k = start; k < end; k++) {
    const r = idx[k]!;
    const w = rowWeight[r]!;
    const c = y[r]!;
    const base = r * F;
    for (let f = 0; f < F; f++) hist[((f << 8) + bins[base + f]!) * nClasses + c]! += w;
  }
}

/** Moves rows with bin ≤ t of feature f before the others; returns where the right child starts. */
export function partitionRows(
  data: BinnedData,
  idx: Int32Array,
  start: number,
  end: number,
  f: number,
  t: number,
): number {
  const { bins, nFeatures: F } = data;
  let i = start;
  let j = end - 1;
  while (i <= j) {
    const r = idx[i]!;
    if (bins[r * F + f]! <= t) {
      i++;
    } else {
      idx[i] = idx[j]!;
      idx[j] = r;
      j--;
    }
  }
  return i;
}
