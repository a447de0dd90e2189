/**
 * The `ml-random-forest` engine: the npm package behind the common engine interface. It is the reference
 * the histogram forest is checked against, and stays selectable. Its training is synchronous and O(n²)
 * per node (minutes on 5,000 rows), so it runs on a worker thread (train-worker.ts) and suits small data
 * sets only; see bench/results/random-forest.md.
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
import { startTsWorker } from '../ts-worker.js';
import type { Forest } from './safe-forest.js';
import type { TrainRequest } from './train-worker.js';

export const ENGINE_NAME = 'ml-random-forest';
const FORMAT = 'ml-random-forest/1';

export interface MlRandomForestOptions extends ForestOptions {
  /** Regression only: how tree predictions are combined. */
  selectionMethod?: 'mean' | 'median';
}

interface TrainReply {
  /** The forest as the package's JSON text. */
  json: string;
  nTrees: number;
  oob: { true: number; predicted: number }[] | null;
  importance: number[];
}

function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.nRows }, (_, r) =>
    Array.from(m.x.subarray(r * m.nFeatures, (r + 1) * m.nFeatures)),
  );
}

function loadForest(task: Task, json: string): Forest {
  let model: unknown;
  try {
    model = JSON.parse(json);
  } catch {
    throw new ArtifactError('ml-random-forest artifact payload is not valid JSON');
  }
  return task === 'regression'
    ? RandomForestRegression.load(model as Parameters<typeof RandomForestRegression.load>[0])
    : RandomForestClassifier.load(model as Parameters<typeof RandomForestClassifier.load>[0]);
}

class MlRandomForestModel implements TrainedModel {
  readonly engine = ENGINE_NAME;

  constructor(
    readonly task: Task,
    readonly featureNames: readonly string[],
    private readonly forest: Forest,
    private readonly json: string,
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
    const payload = Buffer.from(this.json, 'utf8');
    return writeEnvelope(this, { format: FORMAT, options: this.options, summary: this.summary }, payload);
  }
}

function summarise(reply: TrainReply, task: Task, names: readonly string[]): Record<string, unknown> {
  const summary: Record<string, unknown> = { nTrees: reply.nTrees };
  if (reply.oob !== null) {
    const covered = reply.oob.filter((o) => !Number.isNaN(o.predicted));
    summary.oobMetric = task === 'regression' ? 'r2' : 'accuracy';
    summary.oobRows = covered.length;
    summary.oobScore =
      covered.length === 0
        ? null
        : (task === 'regression' ? rSquared : accuracy)(
            covered.map((o) => o.true),
            covered.map((o) => o.predicted),
          );
  }
  summary.featureImportances = Object.fromEntries(
    names.map((name, f) => [name, Number.isFinite(reply.importance[f]) ? reply.importance[f]! : 0]),
  );
  return summary;
}

/** Trains on a worker thread; aborting terminates the thread, the only way to stop the package midway. */
function trainOffThread(request: TrainRequest, signal: AbortSignal | undefined): Promise<TrainReply> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const worker = startTsWorker(new URL('./train-worker.ts', import.meta.url), { workerData: request });
    const settle = (done: () => void): void => {
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      done();
    };
    const onAbort = (): void => settle(() => reject(abortError(signal)));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: TrainReply) => settle(() => resolve(reply)));
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`ml-random-forest worker exited with code ${code}`))),
    );
  });
}

export const mlRandomForestEngine: ModelEngine<MlRandomForestOptions> = {
  name: ENGINE_NAME,

  async train(data, task, options: CommonTrainOptions & MlRandomForestOptions) {
    assertMatrix(data);
    checkTargets(data, task);
    if (options.treeOptions?.minLeafSize !== undefined) {
      throw new RangeError('treeOptions.minLeafSize is a histogram-forest option; ml-random-forest has none');
    }
    const { onProgress, signal, treeOptions, ...rest } = options;
    const libraryOptions = { ...rest, treeOptions: { ...treeOptions } };
    const { x, y, nRows, nFeatures } = data;
    const reply = await trainOffThread({ x, y, nRows, nFeatures, task, libraryOptions }, signal);
    // The package reports nothing while it trains: progress comes once, at the end.
    onProgress?.(reply.nTrees, reply.nTrees);
    const summary = summarise(reply, task, data.featureNames);
    return new MlRandomForestModel(
      task,
      [...data.featureNames],
      loadForest(task, reply.json),
      reply.json,
      summary,
      libraryOptions,
    );
  },

  load(bytes) {
    const { header, payload } = readEnvelope(bytes, ENGINE_NAME);
    if (header.format !== FORMAT)
      throw new ArtifactError(`unsupported ml-random-forest format ${String(header.format)}`);
    const json = Buffer.from(payload).toString('utf8');
    const summary = (header.summary ?? {}) as Record<string, unknown>;
    const options = (header.options ?? {}) as Record<string, unknown>;
    return new MlRandomForestModel(
      header.task,
      header.featureNames,
      loadForest(header.task, json),
      json,
      summary,
      options,
    );
  },
};
