/**
 * A tabular model that sees scale-free inputs (lib/relative-features.ts) while its signature stays the raw
 * reference fields. For regression the inner model predicts a return, and `predict` answers the cash flow
 * (return × stock_price). The artifact is the inner engine's artifact inside an envelope of its own.
 */
import { readEnvelope, writeEnvelope } from './artifact-envelope.js';
import type { CommonTrainOptions, Matrix, ModelEngine, Task, TrainedModel, TrainingData } from './engine.js';
import { assertMatrix } from './engine.js';
import { FeatureValueError, priceFeature, relativeInputs } from '../lib/relative-features.js';

export const relativeEngine = 'relative';

export function relativeModel(inner: TrainedModel, signature: readonly string[]): TrainedModel {
  const scale = inner.task === 'regression';
  const transform = (rows: Matrix) => {
    assertMatrix(rows, signature.length);
    return relativeInputs(rows.x, rows.nRows, signature);
  };
  return {
    engine: `${relativeEngine}+${inner.engine}`,
    task: inner.task,
    featureNames: signature,
    summary: {
      ...inner.summary,
      inputs: 'relative to stock_price',
      target: scale ? 'return × stock_price' : 'class',
    },
    predict(rows) {
      const rel = transform(rows);
      const out = inner.predict(rel);
      if (!scale) return out;
      for (let i = 0; i < out.length; i++) {
        out[i] = out[i]! * rel.price[i]!;
        if (!Number.isFinite(out[i])) {
          throw new FeatureValueError(
            priceFeature,
            i,
            `${priceFeature} ${rel.price[i]} is too large for the cash flow to be a finite number`,
          );
        }
      }
      return out;
    },
    ...(inner.predictProbability
      ? { predictProbability: (rows: Matrix) => inner.predictProbability!(transform(rows)) }
      : {}),
    serialize() {
      return writeEnvelope(
        { engine: relativeEngine, task: inner.task, featureNames: signature },
        { inner: inner.engine },
        inner.serialize(),
      );
    },
  };
}

/** Trains `engine` on the relative inputs (and, for regression, on returns) of raw training data. */
export async function trainRelative<O>(
  engine: ModelEngine<O>,
  data: TrainingData,
  task: Task,
  options: CommonTrainOptions & O,
): Promise<TrainedModel> {
  const rel = relativeInputs(data.x, data.nRows, data.featureNames);
  const y = task === 'regression' ? data.y.map((v, i) => v / rel.price[i]!) : data.y;
  const inner = await engine.train(
    { x: rel.x, nRows: rel.nRows, nFeatures: rel.nFeatures, y, featureNames: rel.names },
    task,
    options,
  );
  return relativeModel(inner, data.featureNames);
}

export function loadRelative(
  bytes: Uint8Array,
  loadInner: (engine: string, bytes: Uint8Array) => TrainedModel,
): TrainedModel {
  const { header, payload } = readEnvelope(bytes, relativeEngine);
  return relativeModel(loadInner(String(header.inner), payload), header.featureNames);
}
