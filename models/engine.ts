/**
 * The contract every tabular model engine implements (random forests for `prediction` and `risk_flag`).
 * Engines are a configuration choice: the pipeline names one (`histogram-forest`, `ml-random-forest`) and
 * gets a trained model it can save as bytes, load back and run on batches of rows.
 */

export type Task = 'regression' | 'classification';

/** Rows in row-major order: value of feature j in row i is `x[i * nFeatures + j]`. */
export interface Matrix {
  x: Float64Array;
  nRows: number;
  nFeatures: number;
}

export interface TrainingData extends Matrix {
  /** Regression target, or class labels 0..k-1 stored as numbers for classification. */
  y: Float64Array;
  /** The model's signature: feature names in column order. */
  featureNames: string[];
}

/** Options shared by all engines; each engine adds its own (named as in ml-random-forest where they mean the same). */
export interface CommonTrainOptions {
  seed: number;
  /** Called as work progresses (e.g. trees done of trees total), so an activity can heartbeat it. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops training as soon as possible and rejects with an AbortError. */
  signal?: AbortSignal;
}

export interface TrainedModel {
  readonly engine: string;
  readonly task: Task;
  readonly featureNames: readonly string[];
  /** Regression: the predicted value per row. Classification: the predicted class per row. */
  predict(rows: Matrix): Float64Array;
  /** Classification only: probability of class 1 per row (binary problems). */
  predictProbability?(rows: Matrix): Float64Array;
  /** The artifact: self-describing bytes (engine, task, signature, checksum) that `load` accepts. */
  serialize(): Uint8Array;
  /** Training diagnostics worth recording in the manifest (out-of-bag score, importances, ...). */
  readonly summary: Record<string, unknown>;
}

export interface ModelEngine<Options = Record<string, unknown>> {
  readonly name: string;
  train(data: TrainingData, task: Task, options: CommonTrainOptions & Options): Promise<TrainedModel>;
  /** Rejects bytes of another engine, a bad checksum or a truncated artifact with a clear error. */
  load(bytes: Uint8Array): TrainedModel;
}

export class ModelInputError extends Error {
  override name = 'ModelInputError';
  constructor(
    message: string,
    /** The row whose values are not finite, when that is the problem (a serving caller names it). */
    readonly row?: number,
  ) {
    super(message);
  }
}

/** Checks a matrix before training or prediction: shape, width against the signature, finite values. */
export function assertMatrix(rows: Matrix, expectedFeatures?: number): void {
  if (rows.nRows <= 0) throw new ModelInputError('no rows: the data set is empty');
  if (expectedFeatures !== undefined && rows.nFeatures !== expectedFeatures) {
    throw new ModelInputError(`rows have ${rows.nFeatures} features, the model expects ${expectedFeatures}`);
  }
  if (rows.x.length !== rows.nRows * rows.nFeatures) {
    throw new ModelInputError(
      `matrix holds ${rows.x.length} values, not nRows × nFeatures = ${rows.nRows} × ${rows.nFeatures}`,
    );
  }
  for (let i = 0; i < rows.x.length; i++) {
    if (!Number.isFinite(rows.x[i])) {
      const row = Math.floor(i / rows.nFeatures);
      throw new ModelInputError(
        `row ${row}, feature ${i % rows.nFeatures} is ${rows.x[i]}: values must be finite`,
        row,
      );
    }
  }
}
