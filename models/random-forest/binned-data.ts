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
