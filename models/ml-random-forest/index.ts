/**
 * The `ml-random-forest` engine: the npm package behind the common engine interface. It is the reference
 * the histogram forest is checked against, and stays selectable. Its training is synchronous and O(n²)
 * per node (minutes on 5,000 rows), so it suits small data sets only; see bench/results/random-forest.md.
 */
import { RandomForestClassifier, RandomForestRegression } from 'ml-random-forest';
import { ArtifactError, readEnvelope, writeEnvelope } from '../artifact-envelope.js';
import {
  assertMatrix,
  type CommonTrainOptions,
  type Matrix,
  type ModelEngine,
  type Task,
  type TrainedModel,
} from '../engine.js';
import type { ForestOptions } from '../forest-options.js';
import { checkTargets } from '../random-forest/index.js';
import { abortError } from '../random-forest/worker-pool.js';
import { accuracy, rSquared } from '../score.js';

export const ENGINE_NAME = 'ml-random-forest';
const FORMAT = 'ml-random-forest/1';

export interface MlRandomForestOptions extends ForestOptions {
  /** Regression only: how tree predictions are combined. */
  selectionMethod?: 'mean' | 'median';
}

type Forest = RandomForestRegression | RandomForestClassifier;

/**
 * With few trees some rows are never out of bag, and the package then aggregates an empty list and throws.
 * These subclasses answer NaN for such rows instead; the out-of-bag score skips them.
 */
class SafeRegression extends RandomForestRegression {
  override selection(values: number[]): number {
    return values.length === 0 ? NaN : super.selection(values);
  }
}
class SafeClassifier extends RandomForestClassifier {
  override selection(values: number[]): number {
    return values.length === 0 ? NaN : super.selection(values);
  }
}

function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.nRows }, (_, r) =>
    Array.from(m.x.subarray(r * m.nFeatures, (r + 1) * m.nFeatures)),
  );
}

class MlRandomForestModel implements TrainedModel {
  readonly engine = ENGINE_NAME;

  constructor(
    readonly task: Task,
    readonly featureNames: readonly string[],
    private readonly forest: Forest,
    readonly summary: Record<string, unknown>,
    private readonly options: Record<string, unknown>,
  ) {}

  predict(rows: Matrix): Float64Array {
    assertMatrix(rows, this.featureNames.length);
    return Float64Array.from(this.forest.predict(toRows(rows)));
  }

  predictProbability(rows: Matrix): Float64Array {
    assertMatrix(rows, this.featureNames.length);
    if (!(this.forest instanceof RandomForestClassifier)) {
      throw new RangeError('predictProbability is for classification models');
    }
    return Float64Array.from(this.forest.predictProbability(toRows(rows), 1));
  }

  serialize(): Uint8Array {
    const payload = Buffer.from(JSON.stringify(this.forest.toJSON()), 'utf8');
    return writeEnvelope(this, { format: FORMAT, options: this.options, summary: this.summary }, payload);
  }
}

function summarise(forest: Forest, task: Task, names: readonly string[]): Record<string, unknown> {
  const summary: Record<string, unknown> = { nTrees: forest.estimators?.length ?? 0 };
  const oob = forest.oobResults;
  if (oob !== undefined) {
    const covered = oob.filter((o) => !Number.isNaN(o.predicted));
    const truth = covered.map((o) => o.true);
    const predicted = covered.map((o) => o.predicted);
    summary.oobMetric = task === 'regression' ? 'r2' : 'accuracy';
    summary.oobRows = covered.length;
    summary.oobScore =
      covered.length === 0 ? null : (task === 'regression' ? rSquared : accuracy)(truth, predicted);
  }
  // featureImportance() exists in ml-random-forest 2.1 but is missing from its type declarations.
  const importance = (forest as unknown as { featureImportance(): number[] }).featureImportance();
  summary.featureImportances = Object.fromEntries(
    names.map((name, f) => [name, Number.isFinite(importance[f]) ? importance[f]! : 0]),
  );
  return summary;
}

export const mlRandomForestEngine: ModelEngine<MlRandomForestOptions> = {
  name: ENGINE_NAME,

  // Async for the interface only: the package trains synchronously and cannot be interrupted midway.
  async train(data, task, options: CommonTrainOptions & MlRandomForestOptions) {
    assertMatrix(data);
    checkTargets(data, task);
    if (options.treeOptions?.minLeafSize !== undefined) {
      throw new RangeError('treeOptions.minLeafSize is a histogram-forest option; ml-random-forest has none');
    }
    if (options.signal?.aborted) throw abortError(options.signal);
    const { onProgress: _p, signal: _s, treeOptions, ...rest } = options;
    const libraryOptions = { ...rest, treeOptions: { ...treeOptions } };
    const forest: Forest =
      task === 'regression' ? new SafeRegression(libraryOptions) : new SafeClassifier(libraryOptions);
    forest.train(toRows(data), Array.from(data.y));
    if (options.signal?.aborted) throw abortError(options.signal);
    const nTrees = forest.estimators?.length ?? 0;
    options.onProgress?.(nTrees, nTrees);
    const summary = summarise(forest, task, data.featureNames);
    return new MlRandomForestModel(task, [...data.featureNames], forest, summary, libraryOptions);
  },

  load(bytes) {
    const { header, payload } = readEnvelope(bytes, ENGINE_NAME);
    if (header.format !== FORMAT)
      throw new ArtifactError(`unsupported ml-random-forest format ${String(header.format)}`);
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(payload).toString('utf8'));
    } catch {
      throw new ArtifactError('ml-random-forest artifact payload is not valid JSON');
    }
    const forest =
      header.task === 'regression'
        ? RandomForestRegression.load(json as Parameters<typeof RandomForestRegression.load>[0])
        : RandomForestClassifier.load(json as Parameters<typeof RandomForestClassifier.load>[0]);
    const summary = (header.summary ?? {}) as Record<string, unknown>;
    const options = (header.options ?? {}) as Record<string, unknown>;
    return new MlRandomForestModel(header.task, header.featureNames, forest, summary, options);
  },
};
