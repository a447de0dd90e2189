/**
 * The `histogram-forest` engine: a random forest on quantile-binned features, trees grown in parallel on
 * worker threads. See binning.ts, tree-builder.ts and worker-pool.ts for how and why.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import {
  assertMatrix,
  ModelInputError,
  type CommonTrainOptions,
  type ModelEngine,
  type Task,
  type TrainingData,
} from '../engine.js';
import type { BinnedData } from './binned-data.js';
import { binMatrix, computeEdges } from './binning.js';
import { decodeForest } from './forest-artifact.js';
import { ForestCollector } from './forest-collector.js';
import { ENGINE_NAME, HistogramForestModel } from './forest-model.js';
import { resolveOptions, resolveThreads, type HistogramForestOptions } from './options.js';
import { MAX_FEATURES } from './tree-layout.js';
import { abortError, growTrees } from './worker-pool.js';

export type { HistogramForestOptions } from './options.js';
export { HistogramForestModel } from './forest-model.js';

/** Class labels must be 0..k-1; returns k (0 for regression). */
export function checkTargets(data: TrainingData, task: Task): number {
  if (data.y.length !== data.nRows) {
    throw new ModelInputError(`y has ${data.y.length} values for ${data.nRows} rows`);
  }
  if (data.featureNames.length !== data.nFeatures) {
    throw new ModelInputError(`${data.featureNames.length} feature names for ${data.nFeatures} features`);
  }
  let maxLabel = -1;
  for (let r = 0; r < data.nRows; r++) {
    const v = data.y[r]!;
    if (!Number.isFinite(v)) throw new ModelInputError(`target of row ${r} is ${v}: targets must be finite`);
    if (task === 'classification' && (!Number.isInteger(v) || v < 0 || v > 255)) {
      throw new ModelInputError(`label of row ${r} is ${v}: class labels must be whole numbers 0..255`);
    }
    if (v > maxLabel) maxLabel = v;
  }
  return task === 'classification' ? maxLabel + 1 : 0;
}

/** Copies a typed array into shared memory so worker threads read it without a copy each. */
function shared<T extends Float64Array | Uint8Array>(
  Kind: { new (b: SharedArrayBuffer): T },
  bytes: number,
): T {
  return new Kind(new SharedArrayBuffer(bytes));
}

export const histogramForestEngine: ModelEngine<HistogramForestOptions> = {
  name: ENGINE_NAME,

  async train(data, task, options: CommonTrainOptions & HistogramForestOptions) {
    assertMatrix(data);
    if (data.nFeatures > MAX_FEATURES) {
      throw new ModelInputError(`${data.nFeatures} features: at most ${MAX_FEATURES} are supported`);
    }
    const nClasses = checkTargets(data, task);
    const resolved = resolveOptions(options, task, data.nRows, data.nFeatures);
    const nThreads = resolveThreads(options.nThreads, resolved.nEstimators);
    const { signal } = options;
    // Binning runs on this thread in slices, yielding between them so the event loop keeps turning.
    const pause = async (): Promise<void> => {
      await yieldToLoop();
      if (signal?.aborted) throw abortError(signal);
    };
    await pause();
    const edges = await computeEdges(data, resolved.maxBins, pause);
    const bins = shared(Uint8Array, data.nRows * data.nFeatures);
    await binMatrix(data, edges, bins, pause);
    const y = shared(Float64Array, data.nRows * 8);
    y.set(data.y);
    const binCounts = new Uint16Array(data.nFeatures);
    for (let f = 0; f < data.nFeatures; f++) binCounts[f] = edges.offsets[f + 1]! - edges.offsets[f]! + 1;
    const binned: BinnedData = { bins, y, nRows: data.nRows, nFeatures: data.nFeatures, binCounts, nClasses };

    const collector = new ForestCollector(resolved.nEstimators, data.y, nClasses, data.featureNames);
    let done = 0;
    await growTrees({
      data: binned,
      options: resolved,
      nThreads,
      signal,
      onTree: (t, grown) => {
        collector.add(t, grown);
        options.onProgress?.(++done, resolved.nEstimators);
      },
    });
    const { arrays, summary } = collector.finish();
    return new HistogramForestModel({
      task,
      featureNames: [...data.featureNames],
      nClasses,
      options: resolved,
      edges,
      arrays,
      summary,
    });
  },

  load(bytes) {
    return new HistogramForestModel(decodeForest(bytes));
  },
};
