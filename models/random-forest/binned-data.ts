/**
 * The training set as the tree builders see it: bins (row-major bytes) and targets, in SharedArrayBuffers
 * so every worker reads the same memory instead of a copy per thread.
 */
export interface BinnedData {
  /** bins[r * nFeatures + f]: bin of feature f in row r. */
  bins: Uint8Array;
  /** Regression target, or class index 0..nClasses-1. */
  y: Float64Array;
  nRows: number;
  nFeatures: number;
  /** Bins actually used per feature (edges + 1). */
  binCounts: Uint16Array;
  /** 0 for regression, else the number of classes. */
  nClasses: number;
}

/** Values stored per leaf: the mean for regression, the class distribution for classification. */
export function leafWidth(nClasses: number): number {
  return nClasses === 0 ? 1 : nClasses;
}

/** One grown tree, in the flat layout of the artifact (indices local to the tree). */
export interface TreeArrays {
  /** Split feature per node; -1 marks a leaf. */
  feature: Int16Array;
  /** Split bin per node: rows with bin ≤ it go left. */
  threshold: Uint8Array;
  /** Internal node: index of the left child (the right one follows it). Leaf: index of its values. */
  child: Int32Array;
  /** leafWidth values per leaf. */
  leafValues: Float64Array;
}

/**
 * Out-of-bag predictions of one tree: leaf values for the rows it did not draw (weight 0), NaN for the
 * others, so the forest can score itself without a holdout.
 */
export function outOfBag(data: BinnedData, tree: TreeArrays, rowWeight: Float64Array): Float64Array {
  const { bins, nRows, nFeatures: F, nClasses } = data;
  const { feature, threshold, child, leafValues } = tree;
  const width = leafWidth(nClasses);
  const out = new Float64Array(nRows * width).fill(NaN);
  for (let r = 0; r < nRows; r++) {
    if (rowWeight[r]! > 0) continue;
    let node = 0;
    let f = feature[0]!;
    while (f >= 0) {
      node = child[node]! + (bins[r * F + f]! > threshold[node]! ? 1 : 0);
      f = feature[node]!;
    }
    const leaf = child[node]! * width;
    for (let c = 0; c < width; c++) out[r * width + c] = leafValues[leaf + c]!;
  }
  return out;
}
