/**
 * Split search for small subtrees. Below a few hundred rows a histogram costs more to clear, subtract and
 * scan (256 bins × features) than the rows themselves; instead the rows of a small subtree's root are
 * counting-sorted by bin once per feature, and every node below keeps them sorted with stable partitions,
 * so each split search is one linear pass. Depth-first growth finishes a subtree before leaving it, so one
 * block of buffers serves every small subtree in turn.
 */
import type { BinnedData } from './binned-data.js';
import type { SplitState } from './split-search.js';

export class SortedBlock {
  /** Rows of the block sorted by the bin of feature f: sorted[f * capacity + (k - blockStart)]. */
  private readonly sorted: Int32Array;
  private readonly tmp: Int32Array;
  private readonly counts = new Int32Array(257);
  private readonly goesLeft: Uint8Array;
  private blockStart = 0;
  private blockEnd = -1;

  constructor(
    private readonly data: BinnedData,
    private readonly rowWeight: Float64Array,
    private readonly rowWY: Float64Array,
    private readonly capacity: number,
  ) {
    this.sorted = new Int32Array(data.nFeatures * capacity);
    this.tmp = new Int32Array(capacity);
    this.goesLeft = new Uint8Array(data.nRows);
  }

  /** Forgets the last block: a new tree reuses row positions. */
  reset(): void {
    this.blockStart = 0;
    this.blockEnd = -1;
  }

  /** Makes rows idx[start, end) the current block unless they already lie in it. */
  enter(idx: Int32Array, start: number, end: number): void {
    if (start >= this.blockStart && end <= this.blockEnd) return;
    const { bins, nFeatures: F } = this.data;
    const counts = this.counts;
    this.blockStart = start;
    this.blockEnd = end;
    for (let f = 0; f < F; f++) {
      counts.fill(0);
      for (let k = start; k < end; k++) counts[bins[idx[k]! * F + f]! + 1]!++;
      for (let b = 1; b < 257; b++) counts[b]! += counts[b - 1]!;
      const base = f * this.capacity;
      for (let k = start; k < end; k++) {
        const r = idx[k]!;
        this.sorted[base + counts[bins[r * F + f]!]!++] = r;
      }
    }
  }

  /** Best split of rows [start, end) on feature f: one pass over them in bin order. */
  search(split: SplitState, f: number, start: number, end: number): void {
    const { bins, y, nFeatures: F, nClasses } = this.data;
    const sorted = this.sorted;
    const base = f * this.capacity - this.blockStart;
    let prev = -1;
    let wl = 0;
    if (nClasses === 0) {
      let syl = 0;
      for (let k = start; k < end; k++) {
        const r = sorted[base + k]!;
        const b = bins[r * F + f]!;
        // A new bin: everything seen so far (bins ≤ prev) is the left side of the cut before it.
        if (b !== prev) {
          if (prev >= 0) split.considerRegression(f, wl, syl, prev, b);
          prev = b;
        }
        wl += this.rowWeight[r]!;
        syl += this.rowWY[r]!;
      }
      return;
    }
    const left = split.left;
    left.fill(0);
    for (let k = start; k < end; k++) {
      const r = sorted[base + k]!;
      const b = bins[r * F + f]!;
      if (b !== prev) {
        if (prev >= 0) split.considerClasses(f, wl, prev, b);
        prev = b;
      }
      const w = this.rowWeight[r]!;
      left[y[r]!]! += w;
      wl += w;
    }
  }

  /** Stable partition of every feature's order after the split "bin of f ≤ t"; returns the cut position. */
  partition(f: number, t: number, start: number, end: number): number {
    const { bins, nFeatures: F } = this.data;
    const left = this.goesLeft;
    const base0 = f * this.capacity - this.blockStart;
    let nLeft = 0;
    for (let k = start; k < end; k++) {
      const r = this.sorted[base0 + k]!;
      const l = bins[r * F + f]! <= t ? 1 : 0;
      left[r] = l;
      nLeft += l;
    }
    const tmp = this.tmp;
    for (let g = 0; g < F; g++) {
      const base = g * this.capacity - this.blockStart;
      let li = base + start;
      let ri = 0;
      for (let k = start; k < end; k++) {
        const r = this.sorted[base + k]!;
        if (left[r] === 1) this.sorted[li++] = r;
        else tmp[ri++] = r;
      }
      for (let i = 0; i < ri; i++) this.sorted[li + i] = tmp[i]!;
    }
    return start + nLeft;
  }
}
