/**
 * Stage 3, training: the forests (prediction: regression on the forward cash flow; risk: classifier on the
 * drawdown flag) and the cashflow net (P10/P50/P90 path), each on the training split. The heavy work runs
 * on worker threads, so the activity keeps heart-beating; cancelling the activity stops training, and a
 * cancelled training writes nothing.
 */
import { Context } from '@temporalio/activity';
import { AppError } from '../lib/errors.js';
import { ModelInputError } from '../models/engine.js';
import { engines, getEngine, isEngineName } from '../models/engines.js';
import { trainRelative } from '../models/relative-model.js';
import { cashflowNetFormat, decodeCashflowNet } from '../models/cashflow-net/artifact.js';
import { trainCashflowNetOffThread } from '../models/cashflow-net/train-off-thread.js';
import { evenlySpacedRows } from '../lib/feature-store.js';
import { sha256Hex, type ObjectStore } from '../lib/object-store.js';
import type { WorkerMetrics } from '../lib/worker-metrics.js';
import { failingFastOnBadInput } from './failures.js';
import type { FeatureSetRef } from './features.js';
import { loadFeatureSet, runPrefix, splitOf, stopIfCancelled, withHeartbeats } from './run-context.js';

export interface TrainTabularInput {
  features: FeatureSetRef;
  role: 'prediction' | 'risk';
  engine: string;
  nEstimators: number;
  maxDepth: number;
  minLeafSize: number;
  seed: number;
}

/** A trained model stored under the run's prefix: the key, what it is, and what training reported. */
export interface ArtifactOutput {
  key: string;
  role: 'prediction' | 'risk' | 'cashflow';
  format: string;
  size: number;
  sha256: string;
  summary: Record<string, unknown>;
}

export interface TrainCashflowInput {
  features: FeatureSetRef;
  /** Rows the net trains on at most, evenly spaced over the training split. */
  maxRows?: number;
  epochs: number;
  hiddenUnits: number;
  seed: number;
}

/** Parameters the run was given that no training can use: refused before any work. */
function checkWholeNumbers(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new AppError('INVALID_INPUT', `model.${name} must be a whole number >= 1, not ${value}`, {
        field: `model.${name}`,
      });
    }
  }
}

export function createTrainingActivities(deps: { store: ObjectStore; metrics: WorkerMetrics }) {
  /** Times a successful training for model_training_duration_seconds{role}; failed attempts are not training times. */
  async function timed<T>(role: ArtifactOutput['role'], run: () => Promise<T>): Promise<T> {
    const stop = deps.metrics.trainingDuration.startTimer({ role });
    const result = await run();
    stop();
    return result;
  }

  async function store(
    role: ArtifactOutput['role'],
    format: string,
    bytes: Uint8Array,
    summary: Record<string, unknown>,
  ) {
    // A run that failed meanwhile has cancelled this training: its artifact would be an orphan.
    stopIfCancelled();
    const key = `${runPrefix()}/${role}.bin`;
    await deps.store.put(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { key, role, format, size: bytes.length, sha256: sha256Hex(Buffer.from(bytes)), summary };
  }

  return {
    trainRandomForest: failingFastOnBadInput((input: TrainTabularInput) =>
      timed(input.role, () => withHeartbeats((beat) => trainForest(input, beat))),
    ),
    trainCashflowModel: failingFastOnBadInput((input: TrainCashflowInput) =>
      timed('cashflow', () => withHeartbeats((beat) => trainCashflow(input, beat))),
    ),
  };

  async function trainForest(
    input: TrainTabularInput,
    beat: (details: Record<string, unknown>) => void,
  ): Promise<ArtifactOutput> {
    if (!isEngineName(input.engine)) {
      throw new AppError(
        'INVALID_INPUT',
        `model.engine ${JSON.stringify(input.engine)} is not a model engine; known: ${Object.keys(engines).join(', ')}`,
        { field: 'model.engine' },
      );
    }
    checkWholeNumbers({
      nEstimators: input.nEstimators,
      maxDepth: input.maxDepth,
      minLeafSize: input.minLeafSize,
    });
    const engine = getEngine(input.engine);
    const train = splitOf(await loadFeatureSet(deps.store, input.features), input.features, 'train');
    stopIfCancelled();
    const model = await trainRelative(
      engine,
      {
        x: train.x,
        nRows: train.nRows,
        nFeatures: train.nFeatures,
        y: input.role === 'prediction' ? train.target : train.risk,
        featureNames: train.featureNames,
      },
      input.role === 'prediction' ? 'regression' : 'classification',
      {
        seed: input.seed,
        nEstimators: input.nEstimators,
        treeOptions: { maxDepth: input.maxDepth, minLeafSize: input.minLeafSize },
        signal: Context.current().cancellationSignal,
        onProgress: (done, total) => beat({ role: input.role, trees: done, of: total }),
      },
    );
    return store(input.role, model.engine, model.serialize(), { ...model.summary, trainRows: train.nRows });
  }

  async function trainCashflow(
    input: TrainCashflowInput,
    beat: (details: Record<string, unknown>) => void,
  ): Promise<ArtifactOutput> {
    checkWholeNumbers({ cashflowEpochs: input.epochs, cashflowHiddenUnits: input.hiddenUnits });
    const all = splitOf(await loadFeatureSet(deps.store, input.features), input.features, 'train');
    // The net learns a smooth function of a dozen inputs: beyond ~100k rows more rows cost time, not accuracy.
    const train = evenlySpacedRows(all, input.maxRows ?? 100_000);
    const unknown = train.targetPath.findIndex((v) => !Number.isFinite(v));
    if (unknown >= 0) {
      const row = Math.floor(unknown / train.horizon);
      throw new ModelInputError(
        `the cash-flow path of training row ${row} (${train.symbol[row]} ${train.date[row]}) is not known: ` +
          'training rows must have a known outcome',
      );
    }
    stopIfCancelled();
    const started = Date.now();
    const bytes = await trainCashflowNetOffThread(
      {
        x: train.x,
        nRows: train.nRows,
        nFeatures: train.nFeatures,
        path: train.targetPath,
        horizons: train.horizon,
        featureNames: train.featureNames,
      },
      {
        hiddenUnits: input.hiddenUnits,
        epochs: input.epochs,
        batchSize: 256,
        learningRate: 0.005,
        seed: input.seed,
      },
      {
        signal: Context.current().cancellationSignal,
        onProgress: (epoch, epochs, loss) => beat({ role: 'cashflow', epoch, of: epochs, loss }),
      },
    );
    const { header } = decodeCashflowNet(bytes);
    return store('cashflow', cashflowNetFormat, bytes, {
      backend: header.backend,
      horizons: header.horizons,
      finalLoss: header.training.finalLoss,
      trainRows: train.nRows,
      trainRowsAvailable: all.nRows,
      trainSeconds: (Date.now() - started) / 1000,
    });
  }
}
