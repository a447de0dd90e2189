/**
 * A trained histogram forest: flat typed arrays for every tree, batch prediction over typed arrays.
 * Rows are binned once with the training edges, then the batch goes through the forest tree by tree, so
 * the nodes a tree's upper levels keep hitting stay in cache.
 */
import { assertMatrix, ModelInputError, type Matrix, type Task, type TrainedModel } from '../engine.js';
import { binRows, type BinEdges } from './binning.js';
import type { ForestSummary } from './forest-collector.js';
import { encodeForest } from './forest-artifact.js';
import type { ResolvedForestOptions } from './options.js';
import { leafOf } from './tree-layout.js';

export const ENGINE_NAME = 'histogram-forest';

/** Every tree of the forest back to back (layout: tree-layout.ts); node and leaf indices are local to their tree. */
export interface ForestArrays {
  nodes: Int32Array;
  leafValues: Float64Array;
  /** Tree t owns nodes nodeOffsets[t] .. nodeOffsets[t + 1]. */
  nodeOffsets: Int32Array;
  /** Tree t owns leaves leafOffsets[t] .. leafOffsets[t + 1]. */
  leafOffsets: Int32Array;
}

export interface ForestParts {
  task: Task;
  featureNames: string[];
  nClasses: number;
  options: ResolvedForestOptions;
  edges: BinEdges;
  arrays: ForestArrays;
  summary: ForestSummary;
}

/** Rows binned per prediction chunk: bounds the scratch memory of a very large batch. */
const PREDICT_CHUNK = 65_536;

export class HistogramForestModel implements TrainedModel {
  readonly engine = ENGINE_NAME;
  readonly task: Task;
  readonly featureNames: readonly string[];
  readonly summary: Record<string, unknown>;

  constructor(readonly parts: ForestParts) {
    this.task = parts.task;
    this.featureNames = parts.featureNames;
    this.summary = { ...parts.summary };
  }

  /** Mean of the trees' leaf values per row: the prediction (regression) or class distribution. */
  private average(rows: Matrix): Float64Array {
    assertMatrix(rows, this.featureNames.length);
    const { arrays, nClasses, edges } = this.parts;
    const { nodes, leafValues, nodeOffsets, leafOffsets } = arrays;
    const F = rows.nFeatures;
    const width = nClasses === 0 ? 1 : nClasses;
    const nTrees = nodeOffsets.length - 1;
    const out = new Float64Array(rows.nRows * width);
    const bins = new Uint8Array(Math.min(rows.nRows, PREDICT_CHUNK) * F);
    for (let from = 0; from < rows.nRows; from += PREDICT_CHUNK) {
      const to = Math.min(rows.nRows, from + PREDICT_CHUNK);
      const chunk: Matrix = { x: rows.x.subarray(from * F, to * F), nRows: to - from, nFeatures: F };
      binRows(chunk, edges, bins);
      for (let t = 0; t < nTrees; t++) {
        const base = nodeOffsets[t]!;
        const leafBase = leafOffsets[t]! * width;
        for (let r = 0; r < to - from; r++) {
          const leaf = leafBase + leafOf(nodes, base, bins, r * F) * width;
          const o = (from + r) * width;
          for (let c = 0; c < width; c++) out[o + c]! += leafValues[leaf + c]!;
        }
      }
    }
    for (let i = 0; i < out.length; i++) out[i]! /= nTrees;
    return out;
  }

  predict(rows: Matrix): Float64Array {
    const mean = this.average(rows);
    const k = this.parts.nClasses;
    if (k === 0) return mean;
    const labels = new Float64Array(rows.nRows);
    for (let r = 0; r < rows.nRows; r++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (mean[r * k + c]! > mean[r * k + best]!) best = c;
      labels[r] = best;
    }
    return labels;
  }

  predictProbability(rows: Matrix): Float64Array {
    const k = this.parts.nClasses;
    if (k === 0) throw new ModelInputError('predictProbability is for classification models');
    const mean = this.average(rows);
    const p = new Float64Array(rows.nRows);
    if (k < 2) return p;
    for (let r = 0; r < rows.nRows; r++) p[r] = mean[r * k + 1]!;
    return p;
  }

  serialize(): Uint8Array {
    return encodeForest(this.parts);
  }
}
