import { availableParallelism } from 'node:os';
import { ModelInputError, type Task } from '../engine.js';
import { resolveFeatureCount, type ForestOptions } from '../forest-options.js';

/**
 * histogram-forest options. Unlike ml-random-forest, `maxFeatures` features are drawn afresh at every split
 * (as in scikit-learn and Breiman's forest), not once per tree: that is what decorrelates the trees.
 */
export interface HistogramForestOptions extends ForestOptions {
  /** Worker threads; default: the cores available. The forest is the same for any value. */
  nThreads?: number;
  /** Quantile bins per feature, 2..256. */
  maxBins?: number;
}

/** Everything a tree builder needs, resolved to plain numbers (sent to workers, stored in the artifact). */
export interface ResolvedForestOptions {
  seed: number;
  nEstimators: number;
  /** Features drawn at each split. */
  featuresPerSplit: number;
  replacement: boolean;
  useSampleBagging: boolean;
  /** Rows drawn per tree. */
  samplesPerTree: number;
  noOOB: boolean;
  maxBins: number;
  maxDepth: number;
  minNumSamples: number;
  minLeafSize: number;
  gainThreshold: number;
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a whole number ≥ 1, got ${value}`);
  return value;
}

export function resolveOptions(
  options: HistogramForestOptions & { seed: number },
  task: Task,
  nRows: number,
  nFeatures: number,
): ResolvedForestOptions {
  const tree = options.treeOptions ?? {};
  if (!Number.isInteger(options.seed))
    throw new ModelInputError(`seed must be an integer, got ${options.seed}`);
  // Defaults follow scikit-learn's forests, the usual reference for random-forest quality.
  const maxFeatures = options.maxFeatures ?? (task === 'regression' ? 1 : Math.sqrt(nFeatures) / nFeatures);
  const maxSamples = options.maxSamples ?? 1;
  const samplesPerTree =
    maxSamples <= 1 ? Math.max(1, Math.round(nRows * maxSamples)) : positiveInt('maxSamples', maxSamples);
  const maxDepth = tree.maxDepth ?? Infinity;
  if (!(maxDepth >= 0)) throw new RangeError(`treeOptions.maxDepth must be ≥ 0, got ${maxDepth}`);
  const maxBins = options.maxBins ?? 256;
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 256) {
    throw new RangeError(`maxBins must be a whole number in 2..256, got ${maxBins}`);
  }
  return {
    seed: options.seed,
    nEstimators: positiveInt('nEstimators', options.nEstimators ?? 100),
    featuresPerSplit: resolveFeatureCount(maxFeatures, nFeatures),
    replacement: options.replacement ?? false,
    useSampleBagging: options.useSampleBagging ?? true,
    samplesPerTree,
    noOOB: options.noOOB ?? false,
    maxBins,
    // JSON has no Infinity: an unlimited depth is stored as a depth no tree can reach.
    maxDepth: Number.isFinite(maxDepth) ? maxDepth : 0x7fffffff,
    minNumSamples: tree.minNumSamples ?? 1,
    minLeafSize: positiveInt('treeOptions.minLeafSize', tree.minLeafSize ?? 1),
    gainThreshold: tree.gainThreshold ?? 0,
  };
}

export function resolveThreads(requested: number | undefined, nEstimators: number): number {
  const threads = requested ?? availableParallelism();
  positiveInt('nThreads', threads);
  return Math.min(threads, nEstimators);
}
