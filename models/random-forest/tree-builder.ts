/**
 * Grows one tree on binned data. Every buffer is allocated once per builder and reused for every node and
 * tree, so the hot loops never allocate. Large nodes search splits on histograms; only the smaller child's
 * histogram is built, the larger one is the parent's minus it.
 */
import { leafWidth, type BinnedData } from './binned-data.js';
import { buildHistogram, partitionRows, type RowStats } from './histogram.js';
import type { ResolvedForestOptions } from './options.js';
import { treeRng, type Rng } from './rng.js';
import { SortedBlock } from './sorted-block.js';
import { SplitState, statWidth } from './split-search.js';
import { outOfBag, toPreorder, type TreeArrays } from './tree-layout.js';

/** Below this many distinct rows a node is searched over its touched bins instead of a full histogram. */
const SMALL_NODE = 128;
/** A node whose variance is this small relative to its mean square is pure: splitting it is float noise. */
const PURE_EPSILON = 1e-12;

export interface GrownTree extends TreeArrays {
  /** Weighted impurity decrease per feature (unnormalised). */
  importance: Float64Array;
  /** Out-of-bag prediction per row (leafWidth values; NaN first value for in-bag rows), or null. */
  oob: Float64Array | null;
}

export class TreeBuilder {
  private readonly F: number;
  private readonly S: number;
  private readonly histSize: number;
  private readonly rowWeight: Float64Array;
  private readonly rowWY: Float64Array;
  private readonly idx: Int32Array;
  private readonly featurePerm: Int32Array;
  private readonly candidates: Int32Array;
  private readonly stack: Int32Array;
  private readonly slots: Float64Array[] = [];
  private readonly freeSlots: number[] = [];
  private readonly block: SortedBlock;
  private readonly rows: RowStats;
  private readonly split: SplitState;
  private readonly packedSplit: Int32Array;
  private readonly child: Int32Array;
  private readonly preorder: Int32Array;
  private leafValues: Float64Array;
  private importance: Float64Array;
  private nodeCount = 0;
  private leafCount = 0;

  constructor(
    private readonly data: BinnedData,
    private readonly options: ResolvedForestOptions,
  ) {
    const n = data.nRows;
    this.F = data.nFeatures;
    this.S = statWidth(data.nClasses);
    this.histSize = this.F * 256 * this.S;
    this.rowWeight = new Float64Array(n);
    this.rowWY = new Float64Array(n);
    this.idx = new Int32Array(n);
    this.featurePerm = Int32Array.from({ length: this.F }, (_, i) => i);
    this.candidates = new Int32Array(options.featuresPerSplit);
    // Depth-first: at most one pending sibling per level, 5 ints per entry.
    this.stack = new Int32Array((n + 2) * 5);
    this.rows = { idx: this.idx, rowWeight: this.rowWeight, rowWY: this.rowWY };
    this.block = new SortedBlock(data, this.rowWeight, this.rowWY, SMALL_NODE);
    this.split = new SplitState(data.nClasses, options.minLeafSize);
    const maxRows = options.useSampleBagging ? Math.min(n, options.samplesPerTree) : n;
    const maxNodes = 2 * maxRows + 1;
    this.packedSplit = new Int32Array(maxNodes);
    this.child = new Int32Array(maxNodes);
    this.preorder = new Int32Array(2 * maxNodes);
    this.leafValues = new Float64Array(maxNodes * leafWidth(data.nClasses));
    this.importance = new Float64Array(this.F);
  }

  /** Grows tree `t` of the forest; the result is copied out, so the builder can grow the next one. */
  grow(t: number): GrownTree {
    const rng = treeRng(this.options.seed, t);
    const m = this.drawRows(rng);
    this.nodeCount = 1;
    this.leafCount = 0;
    this.importance = new Float64Array(this.F);
    this.block.reset();
    // The feature permutation persists across nodes; reset it so a tree never depends on the one before.
    for (let f = 0; f < this.F; f++) this.featurePerm[f] = f;
    this.growFrom(m, rng);
    const width = leafWidth(this.data.nClasses);
    const tree: GrownTree = {
      // The growth stack is free again: it serves as the reordering stack.
      nodes: toPreorder(this.packedSplit, this.child, this.nodeCount, this.stack, this.preorder),
      leafValues: this.leafValues.slice(0, this.leafCount * width),
      importance: this.importance,
      oob: null,
    };
    if (!this.options.noOOB && this.options.useSampleBagging)
      tree.oob = outOfBag(this.data, tree, this.rowWeight);
    return tree;
  }

  /** Bootstrap (or all rows): per-row weights = times drawn; idx lists the distinct rows drawn. */
  private drawRows(rng: Rng): number {
    const { nRows: n, y } = this.data;
    const w = this.rowWeight;
    if (this.options.useSampleBagging) {
      w.fill(0);
      for (let i = 0; i < this.options.samplesPerTree; i++) w[rng.nextInt(n)]! += 1;
    } else {
      w.fill(1);
    }
    let m = 0;
    for (let r = 0; r < n; r++) {
      if (w[r]! > 0) this.idx[m++] = r;
      this.rowWY[r] = w[r]! * y[r]!;
    }
    return m;
  }

  private growFrom(m: number, rng: Rng): void {
    const o = this.options;
    const st = this.stack;
    let sp = 0;
    // Entry: start, end, depth, node, histogram slot (-1: none).
    st[0] = 0;
    st[1] = m;
    st[2] = 0;
    st[3] = 0;
    st[4] = -1;
    sp = 1;
    while (sp > 0) {
      sp--;
      const e = sp * 5;
      const start = st[e]!;
      const end = st[e + 1]!;
      const depth = st[e + 2]!;
      const node = st[e + 3]!;
      let slot = st[e + 4]!;
      const pure = this.nodeTotals(start, end);
      const w = this.split.totalWeight;
      if (pure || this.isLeafBySize(depth, w)) {
        this.makeLeaf(node, slot);
        continue;
      }
      this.drawCandidates(rng);
      const small = end - start < SMALL_NODE;
      if (small) {
        this.block.enter(this.idx, start, end);
        for (let j = 0; j < this.candidates.length; j++) {
          this.block.search(this.split, this.candidates[j]!, start, end);
        }
      } else {
        if (slot < 0) {
          slot = this.allocSlot();
          buildHistogram(this.data, this.rows, this.slots[slot]!, start, end);
        }
        this.searchHistogram(this.slots[slot]!);
      }
      const s = this.split;
      if (s.bestFeature < 0 || s.bestScore / w <= o.gainThreshold) {
        this.makeLeaf(node, slot);
        continue;
      }
      const f = s.bestFeature;
      const t = s.threshold();
      const left = this.nodeCount;
      this.nodeCount += 2;
      this.packedSplit[node] = (f << 8) | t;
      this.child[node] = left;
      this.importance[f]! += s.bestScore;
      const mid = partitionRows(this.data, this.idx, start, end, f, t);
      if (small) this.block.partition(f, t, start, end);
      const wl = s.bestLeftWeight;
      // Histograms for the children: build the smaller, subtract it from the parent for the larger.
      const leftSmaller = mid - start <= end - mid;
      const smallStart = leftSmaller ? start : mid;
      const smallEnd = leftSmaller ? mid : end;
      const largeW = leftSmaller ? w - wl : wl;
      const largeCount = leftSmaller ? end - mid : mid - start;
      let smallSlot = -1;
      let largeSlot = -1;
      if (slot >= 0 && largeCount >= SMALL_NODE && !this.isLeafBySize(depth + 1, largeW)) {
        smallSlot = this.allocSlot();
        const smallHist = this.slots[smallSlot]!;
        buildHistogram(this.data, this.rows, smallHist, smallStart, smallEnd);
        const parent = this.slots[slot]!;
        for (let i = 0; i < this.histSize; i++) parent[i]! -= smallHist[i]!;
        largeSlot = slot;
        if (smallEnd - smallStart < SMALL_NODE) {
          this.freeSlots.push(smallSlot);
          smallSlot = -1;
        }
      } else if (slot >= 0) {
        this.freeSlots.push(slot);
      }
      // Right pushed first so the left subtree is grown first.
      const rightSlot = leftSmaller ? largeSlot : smallSlot;
      const leftSlot = leftSmaller ? smallSlot : largeSlot;
      sp = this.push(sp, mid, end, depth + 1, left + 1, rightSlot);
      sp = this.push(sp, start, mid, depth + 1, left, leftSlot);
    }
  }

  private push(sp: number, start: number, end: number, depth: number, node: number, slot: number): number {
    const e = sp * 5;
    const st = this.stack;
    st[e] = start;
    st[e + 1] = end;
    st[e + 2] = depth;
    st[e + 3] = node;
    st[e + 4] = slot;
    return sp + 1;
  }

  private isLeafBySize(depth: number, w: number): boolean {
    const o = this.options;
    return depth >= o.maxDepth || w <= o.minNumSamples || w < 2 * o.minLeafSize;
  }

  /** Exact node totals from its rows (not from subtracted histograms, which carry rounding). */
  private nodeTotals(start: number, end: number): boolean {
    const { y, nClasses } = this.data;
    const total = this.split.total;
    total.fill(0);
    const idx = this.idx;
    if (nClasses === 0) {
      let w = 0;
      let sy = 0;
      let syy = 0;
      for (let k = start; k < end; k++) {
        const r = idx[k]!;
        const wy = this.rowWY[r]!;
        w += this.rowWeight[r]!;
        sy += wy;
        syy += wy * y[r]!;
      }
      total[0] = w;
      total[1] = sy;
      this.split.startNode();
      const mean = sy / w;
      return syy / w - mean * mean <= PURE_EPSILON * (syy / w);
    }
    for (let k = start; k < end; k++) {
      const r = idx[k]!;
      total[y[r]!]! += this.rowWeight[r]!;
    }
    this.split.startNode();
    for (let c = 0; c < nClasses; c++) if (total[c] === this.split.totalWeight) return true;
    return false;
  }

  private makeLeaf(node: number, slot: number): void {
    if (slot >= 0) this.freeSlots.push(slot);
    const s = this.split;
    this.packedSplit[node] = -1;
    this.child[node] = this.leafCount;
    if (this.data.nClasses === 0) {
      this.leafValues[this.leafCount] = s.total[1]! / s.totalWeight;
    } else {
      const k = this.data.nClasses;
      for (let c = 0; c < k; c++) this.leafValues[this.leafCount * k + c] = s.total[c]! / s.totalWeight;
    }
    this.leafCount++;
  }

  /** The features a split may use: a fresh draw per node (partial Fisher-Yates, or with replacement). */
  private drawCandidates(rng: Rng): void {
    const F = this.F;
    const perm = this.featurePerm;
    const cands = this.candidates;
    for (let j = 0; j < cands.length; j++) {
      if (this.options.replacement) {
        cands[j] = rng.nextInt(F);
        continue;
      }
      const k = j + rng.nextInt(F - j);
      const v = perm[k]!;
      perm[k] = perm[j]!;
      perm[j] = v;
      cands[j] = v;
    }
  }

  private allocSlot(): number {
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    this.slots.push(new Float64Array(this.histSize));
    return this.slots.length - 1;
  }

  private searchHistogram(hist: Float64Array): void {
    const counts = this.data.binCounts;
    for (let j = 0; j < this.candidates.length; j++) {
      const f = this.candidates[j]!;
      this.split.scan(f, hist, (f << 8) * this.S, counts[f]!);
    }
  }
}
