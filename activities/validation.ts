/**
 * Stage 4, validation: the challenger's metrics on the holdout, evaluated walk-forward in consecutive
 * folds (the model is not refitted between folds), the champion's metrics on the same rows, and the gate.
 * A rejected challenger is a normal result with reasons, not an error.
 */
import type { ArtifactLoaders } from '../models/loaders.js';
import type { ModelRegistry } from '../models/registry/types.js';
import { accuracy, forecastMetrics, intervalCoverage } from '../lib/forecast-metrics.js';
import type { FeatureSet } from '../lib/features.js';
import type { ObjectStore } from '../lib/object-store.js';
import { sliceRows } from '../lib/feature-store.js';
import { defaultChampionAlias } from '../lib/monitoring-defaults.js';
import type { FeatureSetRef } from './features.js';
import { loadFeatureSet, splitOf } from './run-context.js';
import { failingFastOnBadInput } from './failures.js';
import type { ArtifactOutput } from './training.js';

export interface GateThresholds {
  /** Challenger's holdout MASE must be at most this (1 = no better than the random walk). */
  maxMase: number;
  /** Challenger's directional accuracy must be at least this. */
  minDirectionalAccuracy: number;
  /** Challenger's holdout MAE may exceed the champion's by at most this fraction (0.02 = 2 %). */
  maxMaeIncreaseOverChampion: number;
  /** P10-P90 coverage of the cash-flow path must be at least this. */
  minIntervalCoverage: number;
}

export interface ValidateModelsInput {
  features: FeatureSetRef;
  prediction: ArtifactOutput;
  risk: ArtifactOutput;
  cashflow: ArtifactOutput;
  modelName: string;
  gate: GateThresholds;
  folds?: number;
  /** The champion's alias (default `production`): the version it points at is compared with. */
  championAlias?: string;
}

/** The challenger's metrics, the champion's on the same rows, and the gate's verdict with its reasons. */
export interface ValidationResult {
  metrics: Record<string, number>;
  champion?: { version: string; metrics: Record<string, number> };
  passed: boolean;
  reasons: string[];
}

export interface ValidationDeps {
  store: ObjectStore;
  registry: ModelRegistry;
  loaders: ArtifactLoaders;
}

const matrix = (set: FeatureSet) => ({ x: set.x, nRows: set.nRows, nFeatures: set.nFeatures });

export function createValidationActivities(deps: ValidationDeps) {
  return {
    validateModels: failingFastOnBadInput(async (input: ValidateModelsInput): Promise<ValidationResult> => {
      const holdout = splitOf(await loadFeatureSet(deps.store, input.features), input.features, 'holdout');
      const load = async (ref: ArtifactOutput) => new Uint8Array(await deps.store.get(ref.key));
      const prediction = deps.loaders.tabular(input.prediction.format, await load(input.prediction));
      const risk = deps.loaders.tabular(input.risk.format, await load(input.risk));
      const cashflow = await deps.loaders.cashflow(input.cashflow.format, await load(input.cashflow));

      const predicted = prediction.predict(matrix(holdout));
      const overall = forecastMetrics(holdout.target, predicted);
      const metrics: Record<string, number> = { ...overall };

      const folds = input.folds ?? 4;
      const foldSize = Math.floor(holdout.nRows / folds);
      for (let k = 0; k < folds && foldSize > 0; k++) {
        const fold = sliceRows(holdout, k * foldSize, (k + 1) * foldSize);
        metrics[`fold${k + 1}Mae`] = forecastMetrics(fold.target, prediction.predict(matrix(fold))).mae;
      }

      metrics.riskAccuracy = accuracy(holdout.risk, risk.predict(matrix(holdout)));
      metrics.riskBaseRate = holdout.risk.reduce((a, b) => a + b, 0) / holdout.nRows;

      const paths = cashflow.predictQuantiles(matrix(holdout));
      metrics.intervalCoverage = intervalCoverage(holdout.targetPath, paths.p10, paths.p90);
      const H = holdout.horizon;
      const p50AtH = Float64Array.from({ length: holdout.nRows }, (_, i) => paths.p50[i * H + H - 1]!);
      metrics.cashflowMaeAtHorizon = forecastMetrics(holdout.target, p50AtH).mae;

      const reasons: string[] = [];
      const { gate } = input;
      if (overall.mase > gate.maxMase)
        reasons.push(`MASE ${overall.mase.toFixed(3)} is above the gate's ${gate.maxMase}`);
      if (overall.directionalAccuracy < gate.minDirectionalAccuracy) {
        reasons.push(
          `directional accuracy ${overall.directionalAccuracy.toFixed(3)} is below the gate's ${gate.minDirectionalAccuracy}`,
        );
      }
      if (metrics.intervalCoverage < gate.minIntervalCoverage) {
        reasons.push(
          `P10-P90 coverage ${metrics.intervalCoverage.toFixed(3)} is below the gate's ${gate.minIntervalCoverage}`,
        );
      }

      let champion: ValidationResult['champion'];
      const alias = await deps.registry.getAlias(
        input.modelName,
        input.championAlias ?? defaultChampionAlias,
      );
      if (alias) {
        const manifest = await deps.registry.getManifest(input.modelName, alias.version);
        const artifact = manifest.artifacts.find((a) => a.role === 'prediction');
        if (artifact && manifest.featureSchemaHash === input.features.featureSchemaHash) {
          const model = deps.loaders.tabular(
            artifact.format,
            await deps.registry.readArtifact(manifest, artifact.name),
          );
          const championMetrics = forecastMetrics(holdout.target, model.predict(matrix(holdout)));
          champion = { version: alias.version, metrics: { ...championMetrics } };
          const limit = championMetrics.mae * (1 + gate.maxMaeIncreaseOverChampion);
          if (overall.mae > limit) {
            reasons.push(
              `holdout MAE ${overall.mae.toFixed(4)} is worse than production ${alias.version}'s ${championMetrics.mae.toFixed(4)} by more than ${gate.maxMaeIncreaseOverChampion * 100}%`,
            );
          }
        } else {
          champion = { version: alias.version, metrics: {} };
        }
      }
      return { metrics, ...(champion ? { champion } : {}), passed: reasons.length === 0, reasons };
    }),
  };
}
