/**
 * Random-forest options shared by the forest engines, named as in ml-random-forest where they mean the
 * same thing, so switching engines is a change of name in the configuration, not of options.
 */

export interface ForestTreeOptions {
  /** Deepest level a split may create (root is depth 0). Default: unlimited. */
  maxDepth?: number;
  /** A node holding this many samples or fewer becomes a leaf (ml-cart's meaning). Default 3 in ml-cart, 1 here. */
  minNumSamples?: number;
  /** A split must reduce impurity by more than this (variance for regression, Gini for classification). */
  gainThreshold?: number;
  /** histogram-forest only: each child of a split must hold at least this many samples. Default 1. */
  minLeafSize?: number;
}

export interface ForestOptions {
  /** Number of trees. */
  nEstimators?: number;
  /** Features considered: a fraction in (0, 1] or a whole count. */
  maxFeatures?: number;
  /** Draw the considered features with replacement. */
  replacement?: boolean;
  /** Bootstrap the rows of each tree (bagging). */
  useSampleBagging?: boolean;
  /** Rows drawn per tree: a fraction in (0, 1] or a whole count. Default: all rows. */
  maxSamples?: number;
  /** Skip the out-of-bag estimate. */
  noOOB?: boolean;
  treeOptions?: ForestTreeOptions;
}

/** Resolves `maxFeatures` (fraction or count) to a count in 1..nFeatures, as ml-random-forest does. */
export function resolveFeatureCount(maxFeatures: number, nFeatures: number): number {
  if (!(maxFeatures > 0)) throw new RangeError(`maxFeatures must be positive, got ${maxFeatures}`);
  if (maxFeatures <= 1) return Math.max(1, Math.floor(nFeatures * maxFeatures));
  if (!Number.isInteger(maxFeatures) || maxFeatures > nFeatures) {
    throw new RangeError(
      `maxFeatures must be a fraction or a whole count up to ${nFeatures}, got ${maxFeatures}`,
    );
  }
  return maxFeatures;
}
