/**
 * How a tree is stored: one Int32Array of two ints per node, in depth-first preorder, so a walk that goes
 * left reads the next 8 bytes and every step touches one cache line:
 *
 *   nodes[2i]     split: (feature << 8) | threshold bin, or -1 for a leaf
 *   nodes[2i + 1] internal node: index of the right child (the left child is i + 1); leaf: its leaf index
 *
 * Rows whose bin of the split feature is ≤ the threshold bin go left.
 */
import { leafWidth, type BinnedData } from './binned-data.js';

export interface TreeArrays {
  nodes: Int32Array;
  /** leafWidth values per leaf: the mean (regression) or the class distribution (classification). */
  leafValues: Float64Array;
}

/** Splits pack the feature above an 8-bit bin: up to 2^23 features. */
export const MAX_FEATURES = 1 << 23;

/**
 * Rewrites a tree grown in allocation order (children allocated in pairs, `child` = left child or leaf
 * index, `split` = packed split or -1) into preorder, writing into `out` (2 ints per node).
 */
export function toPreorder(
  split: Int32Array,
  child: Int32Array,
  nodeCount: number,
  stack: Int32Array,
  out: Int32Array,
): Int32Array {
  // Stack entries: original node, and the new index of the parent whose right pointer it fills (-1: none).
  let sp = 0;
  stack[0] = 0;
  stack[1] = -1;
  sp = 1;
  let pos = 0;
  while (sp > 0) {
    sp--;
    const n = stack[2 * sp]!;
    const parent = stack[2 * sp + 1]!;
    const i = pos++;
    if (parent >= 0) out[2 * parent + 1] = i;
    const s = split[n]!;
    out[2 * i] = s;
    if (s < 0) {
      out[2 * i + 1] = child[n]!;
      continue;
    }
    // Right pushed first, left last: the left child is popped next and gets index i + 1.
    stack[2 * sp] = child[n]! + 1;
    stack[2 * sp + 1] = i;
    sp++;
    stack[2 * sp] = child[n]!;
    stack[2 * sp + 1] = -1;
    sp++;
  }
  return out.slice(0, 2 * nodeCount);
}

/** Index of the leaf reached by a row of bins (`rowBins` from `rowBase`) in the tree starting at `base`. */
export function leafOf(nodes: Int32Array, base: number, rowBins: Uint8Array, rowBase: number): number {
  let i = base;
  let s = nodes[2 * i]!;
  while (s >= 0) {
    i = rowBins[rowBase + (s >> 8)]! > (s & 255) ? base + nodes[2 * i + 1]! : i + 1;
    s = nodes[2 * i]!;
  }
  return nodes[2 * i + 1]!;
}

/**
 * Out-of-bag predictions of one tree: leaf values for the rows it did not draw (weight 0), NaN for the
 * others, so the forest can score itself without a holdout.
 */
export function outOfBag(data: BinnedData, tree: TreeArrays, rowWeight: Float64Array): Float64Array {
  const { bins, nRows, nFeatures: F, nClasses } = data;
  const width = leafWidth(nClasses);
  const out = new Float64Array(nRows * width).fill(NaN);
  for (let r = 0; r < nRows; r++) {
    if (rowWeight[r]! > 0) continue;
    const leaf = leafOf(tree.nodes, 0, bins, r * F) * width;
    for (let c = 0; c < width; c++) out[r * width + c] = tree.leafValues[leaf + c]!;
  }
  return out;
}
