/**
 * Gathers the trees as workers finish them and turns them into the forest's flat arrays, out-of-bag score
 * and importances. Out-of-bag predictions are added in tree order (out-of-order ones wait a moment), so
 * the sums, and the score, are bit-identical for any number of threads.
 */
import { accuracy, rSquared } from '../score.js';
import { leafWidth } from './binned-data.js';
import type { ForestArrays } from './forest-model.js';
import type { GrownTree } from './tree-builder.js';

export interface ForestSummary {
  nTrees: number;
  nNodes: number;
  nLeaves: number;
  /** Out-of-bag R² (regression) or accuracy (classification); null when not computed or no row is out of bag. */
  oobScore: number | null;
  oobMetric: 'r2' | 'accuracy';
  /** Rows that were out of bag for at least one tree (the score covers those). */
  oobRows: number;
  /** Mean decrease in impurity per feature, normalised to sum to 1. */
  featureImportances: Record<string, number>;
}

export class ForestCollector {
  private readonly trees: (GrownTree | undefined)[];
  private readonly pendingOob = new Map<number, Float64Array>();
  private nextOob = 0;
  private readonly oobSum: Float64Array;
  private readonly oobCount: Uint32Array;
  private readonly width: number;

  constructor(
    nTrees: number,
    private readonly y: Float64Array,
    private readonly nClasses: number,
    private readonly featureNames: readonly string[],
  ) {
    this.trees = new Array<GrownTree | undefined>(nTrees);
    this.width = leafWidth(nClasses);
    this.oobSum = new Float64Array(y.length * this.width);
    this.oobCount = new Uint32Array(y.length);
  }

  add(t: number, grown: GrownTree): void {
    if (grown.oob !== null) this.pendingOob.set(t, grown.oob);
    this.trees[t] = { ...grown, oob: null };
    for (
      let oob = this.pendingOob.get(this.nextOob);
      oob !== undefined;
      oob = this.pendingOob.get(this.nextOob)
    ) {
      this.pendingOob.delete(this.nextOob++);
      const w = this.width;
      for (let r = 0; r < this.oobCount.length; r++) {
        if (Number.isNaN(oob[r * w]!)) continue;
        this.oobCount[r]!++;
        for (let c = 0; c < w; c++) this.oobSum[r * w + c]! += oob[r * w + c]!;
      }
    }
  }

  finish(): { arrays: ForestArrays; summary: ForestSummary } {
    const trees = this.trees.map((t, i) => {
      if (t === undefined) throw new Error(`tree ${i} is missing from the forest`);
      return t;
    });
    const nodeOffsets = new Int32Array(trees.length + 1);
    const leafOffsets = new Int32Array(trees.length + 1);
    trees.forEach((t, i) => {
      nodeOffsets[i + 1] = nodeOffsets[i]! + t.nodes.length / 2;
      leafOffsets[i + 1] = leafOffsets[i]! + t.leafValues.length / this.width;
    });
    const nNodes = nodeOffsets[trees.length]!;
    const arrays: ForestArrays = {
      nodes: new Int32Array(2 * nNodes),
      leafValues: new Float64Array(leafOffsets[trees.length]! * this.width),
      nodeOffsets,
      leafOffsets,
    };
    trees.forEach((t, i) => {
      arrays.nodes.set(t.nodes, 2 * nodeOffsets[i]!);
      arrays.leafValues.set(t.leafValues, leafOffsets[i]! * this.width);
    });
    return {
      arrays,
      summary: {
        nTrees: trees.length,
        nNodes,
        nLeaves: leafOffsets[trees.length]!,
        ...this.oobScore(),
        featureImportances: this.importances(trees),
      },
    };
  }

  private oobScore(): Pick<ForestSummary, 'oobScore' | 'oobMetric' | 'oobRows'> {
    const oobMetric = this.nClasses === 0 ? 'r2' : 'accuracy';
    const truth: number[] = [];
    const predicted: number[] = [];
    const w = this.width;
    for (let r = 0; r < this.oobCount.length; r++) {
      const n = this.oobCount[r]!;
      if (n === 0) continue;
      truth.push(this.y[r]!);
      if (w === 1) {
        predicted.push(this.oobSum[r]! / n);
        continue;
      }
      let best = 0;
      for (let c = 1; c < w; c++) if (this.oobSum[r * w + c]! > this.oobSum[r * w + best]!) best = c;
      predicted.push(best);
    }
    if (truth.length === 0) return { oobScore: null, oobMetric, oobRows: 0 };
    const oobScore = oobMetric === 'r2' ? rSquared(truth, predicted) : accuracy(truth, predicted);
    return { oobScore, oobMetric, oobRows: truth.length };
  }

  /** As scikit-learn: each tree's impurity decreases normalised, averaged over trees, normalised again. */
  private importances(trees: GrownTree[]): Record<string, number> {
    const mean = new Float64Array(this.featureNames.length);
    for (const t of trees) {
      let sum = 0;
      for (const v of t.importance) sum += v;
      if (sum > 0) for (let f = 0; f < mean.length; f++) mean[f]! += t.importance[f]! / sum;
    }
    let total = 0;
    for (const v of mean) total += v;
    return Object.fromEntries(this.featureNames.map((name, f) => [name, total > 0 ? mean[f]! / total : 0]));
  }
}
