/**
 * The cashflow model: a small multilayer perceptron from standardised features to the P10, P50 and P90 of
 * the forward cash flow at horizons 1..H, trained with the pinball (quantile) loss. Output k * H + h is
 * quantile k at horizon h + 1.
 */
import type { io, Tensor } from '@tensorflow/tfjs';
import type { Matrix } from '../engine.js';
import {
  FeatureValueError,
  priceFeature,
  relativeInputs,
  type RelativeInputs,
} from '../../lib/relative-features.js';
import type { CashflowModel, QuantilePaths } from '../loaders.js';
import {
  decodeCashflowNet,
  encodeCashflowNet,
  cashflowNetFormat,
  type CashflowNetHeader,
} from './artifact.js';
import { loadTf } from './backend.js';
import { denseNetFrom } from './dense-forward.js';

export const quantiles = [0.1, 0.5, 0.9];

export interface CashflowNetParams {
  hiddenUnits: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

export interface CashflowTrainingData {
  x: Float64Array;
  nRows: number;
  nFeatures: number;
  /** Row-major nRows × horizons forward cash flows. */
  path: Float64Array;
  horizons: number;
  featureNames: string[];
}

function columnStats(x: Float64Array, nRows: number, d: number): { mean: number[]; std: number[] } {
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (let i = 0; i < nRows; i++) for (let j = 0; j < d; j++) mean[j]! += x[i * d + j]! / nRows;
  for (let i = 0; i < nRows; i++)
    for (let j = 0; j < d; j++) std[j]! += (x[i * d + j]! - mean[j]!) ** 2 / nRows;
  return { mean, std: std.map((v) => Math.sqrt(v) || 1) };
}

function standardise(x: Float64Array, nRows: number, d: number, mean: number[], std: number[]): Float32Array {
  const out = new Float32Array(nRows * d);
  for (let i = 0; i < nRows; i++)
    for (let j = 0; j < d; j++) out[i * d + j] = (x[i * d + j]! - mean[j]!) / std[j]!;
  return out;
}

export async function trainCashflowNet(
  data: CashflowTrainingData,
  params: CashflowNetParams,
  onEpoch?: (epoch: number, epochs: number, loss: number) => void,
): Promise<Uint8Array> {
  const { tf, backend } = await loadTf();
  const { nRows, horizons: H } = data;
  // The net learns returns from scale-free inputs (see lib/relative-features.ts) and answers cash flows.
  const rel = relativeInputs(data.x, nRows, data.featureNames);
  const d = rel.nFeatures;
  const { mean, std } = columnStats(rel.x, nRows, d);
  let scale = 0;
  for (let i = 0; i < nRows; i++) {
    for (let h = 0; h < H; h++) scale += Math.abs(data.path[i * H + h]! / rel.price[i]!) / (nRows * H);
  }
  scale ||= 1;
  const yScaled = new Float32Array(nRows * 3 * H);
  for (let i = 0; i < nRows; i++) {
    for (let k = 0; k < 3; k++)
      for (let h = 0; h < H; h++)
        yScaled[i * 3 * H + k * H + h] = data.path[i * H + h]! / rel.price[i]! / scale;
  }
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: params.seed + offset });
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: params.hiddenUnits,
      activation: 'relu',
      inputShape: [d],
      kernelInitializer: init(1),
    }),
  );
  model.add(tf.layers.dense({ units: params.hiddenUnits, activation: 'relu', kernelInitializer: init(2) }));
  model.add(tf.layers.dense({ units: 3 * H, kernelInitializer: init(3) }));
  const qs = tf.tensor1d(quantiles.flatMap((q) => new Array<number>(H).fill(q)));
  const pinball = (yTrue: Tensor, yPred: Tensor) =>
    tf.tidy(() => {
      const e = tf.sub(yTrue, yPred);
      return tf.mean(tf.maximum(tf.mul(qs, e), tf.mul(tf.sub(qs, 1), e)));
    });
  model.compile({ optimizer: tf.train.adam(params.learningRate), loss: pinball });
  const xs = tf.tensor2d(standardise(rel.x, nRows, d, mean, std), [nRows, d]);
  const ys = tf.tensor2d(yScaled, [nRows, 3 * H]);
  let lastLoss = Number.NaN;
  try {
    await model.fit(xs, ys, {
      epochs: params.epochs,
      batchSize: params.batchSize,
      shuffle: false, // deterministic for a seed; rows are already mixed across symbols and dates
      verbose: 0,
      callbacks: {
        onEpochEnd: (epoch, logs) => {
          lastLoss = Number(logs?.loss);
          onEpoch?.(epoch + 1, params.epochs, lastLoss);
        },
      },
    });
    let saved: { topology: unknown; specs: unknown[]; weights: Uint8Array } | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weightData = artifacts.weightData as ArrayBuffer;
        saved = {
          topology: artifacts.modelTopology,
          specs: artifacts.weightSpecs ?? [],
          weights: new Uint8Array(weightData),
        };
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
      }),
    );
    const header: Omit<CashflowNetHeader, 'weightsSha256'> = {
      format: cashflowNetFormat,
      featureNames: data.featureNames,
      horizons: H,
      quantiles,
      inputMean: mean,
      inputStd: std,
      targetScale: scale,
      backend,
      modelTopology: saved!.topology,
      weightSpecs: saved!.specs,
      training: { rows: nRows, epochs: params.epochs, finalLoss: lastLoss },
    };
    return encodeCashflowNet(header, saved!.weights);
  } finally {
    xs.dispose();
    ys.dispose();
    qs.dispose();
    model.dispose();
  }
}

export async function loadCashflowNet(bytes: Uint8Array): Promise<CashflowModel> {
  const { header, weights } = decodeCashflowNet(bytes);
  // Served by the typed-array forward pass (dense-forward.ts): same arithmetic, no TF.js on the request path.
  const net = denseNetFrom(header.modelTopology, header.weightSpecs as io.WeightsManifestEntry[], weights);
  const H = header.horizons;
  const d = header.inputMean.length;
  if (net.inputs !== d || net.outputs !== 3 * H) {
    throw new Error(`network is ${net.inputs} -> ${net.outputs}, the header says ${d} -> ${3 * H}`);
  }
  return {
    format: cashflowNetFormat,
    horizons: H,
    featureNames: header.featureNames,
    backend: `typed-array forward pass (trained on ${header.backend})`,
    predictQuantiles(rows: Matrix): QuantilePaths {
      if (rows.nFeatures !== header.featureNames.length) {
        throw new Error(
          `rows have ${rows.nFeatures} features, the model expects ${header.featureNames.length}`,
        );
      }
      const rel = relativeInputs(rows.x, rows.nRows, header.featureNames);
      const values = net.forward(
        standardise(rel.x, rows.nRows, d, header.inputMean, header.inputStd),
        rows.nRows,
      );
      const paths: QuantilePaths = {
        p10: new Float64Array(rows.nRows * H),
        p50: new Float64Array(rows.nRows * H),
        p90: new Float64Array(rows.nRows * H),
      };
      for (let i = 0; i < rows.nRows; i++) {
        for (let h = 0; h < H; h++) {
          // Separate quantile heads can cross; sorting restores P10 <= P50 <= P90.
          const q = [0, 1, 2]
            .map((k) => values[i * 3 * H + k * H + h]! * header.targetScale * rel.price[i]!)
            .sort((a, b) => a - b);
          if (!q.every(Number.isFinite)) throw unusableRow(rel, i, header.inputMean, header.inputStd);
          paths.p10[i * H + h] = q[0]!;
          paths.p50[i * H + h] = q[1]!;
          paths.p90[i * H + h] = q[2]!;
        }
      }
      return paths;
    },
  };
}

/**
 * Why a row's outputs are not finite: an input so far from the training data that the forward pass
 * overflows (named, with how far it is), or else a price so large that return × price overflows.
 */
function unusableRow(rel: RelativeInputs, row: number, mean: number[], std: number[]): FeatureValueError {
  let worst = -1;
  let worstZ = 0;
  for (let j = 0; j < rel.nFeatures; j++) {
    const z = Math.abs((rel.x[row * rel.nFeatures + j]! - mean[j]!) / std[j]!);
    if (z > worstZ) [worst, worstZ] = [j, z];
  }
  if (worst >= 0 && worstZ > 1e6) {
    const name = rel.names[worst]!;
    return new FeatureValueError(
      name,
      row,
      `${name} is ${worstZ.toPrecision(3)} standard deviations from the values the model was trained on: ` +
        'its cash-flow outputs would not be finite numbers',
    );
  }
  return new FeatureValueError(
    priceFeature,
    row,
    `${priceFeature} ${rel.price[row]} is too large for the cash flows to be finite numbers`,
  );
}
