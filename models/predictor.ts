/**
 * A registered version made runnable: its three artifacts read through the registry (which verifies size and
 * SHA-256), loaded by the engines named in the manifest, checked against the manifest's feature signature
 * and run once before anyone may use it. The API swaps in a new Predictor only when this has succeeded.
 */
import { AppError } from '../lib/errors.js';
import type { Matrix } from './engine.js';
import { artifactRoles, type ArtifactLoaders } from './loaders.js';
import type { HorizonInterval, RowPrediction } from './prediction-row.js';
import { featureSchemaHash, type ModelManifest, type ModelRegistry } from './registry/types.js';

export type { RowPrediction };

export interface PositionSizing {
  /** Risk budget in forecast units: the position whose one-sigma move equals the budget. */
  riskBudget: number;
  maxSize: number;
}

export interface Predictor {
  readonly name: string;
  readonly version: string;
  readonly manifest: ModelManifest;
  readonly featureSchema: readonly string[];
  readonly horizons: number;
  readonly loadedAt: Date;
  /** Rows ordered as `featureSchema`; synchronous, so a request finishes on the model it started with. */
  predict(rows: Matrix): RowPrediction[];
}

/** P90 − P10 of a normal distribution spans 2 × 1.2816 standard deviations. */
export const p10p90Sigmas = 2.5631031310892007;

/**
 * Risk-budget sizing: σ = (P90 − P10) / 2.563 at the final horizon, size = min(maxSize, riskBudget / σ);
 * `maxSize` when σ is 0 and 0 whenever the risk classifier flags the row.
 */
export function positionSize(p10: number, p90: number, riskFlag: 0 | 1, sizing: PositionSizing): number {
  if (riskFlag === 1) return 0;
  const sigma = Math.max(0, p90 - p10) / p10p90Sigmas;
  return sigma > 0 ? Math.min(sizing.maxSize, sizing.riskBudget / sigma) : sizing.maxSize;
}

function loadFailed(manifest: ModelManifest, problem: string): AppError {
  return new AppError('MODEL_LOAD_FAILED', `${manifest.name} ${manifest.version}: ${problem}`);
}

async function attempt<T>(manifest: ModelManifest, what: string, load: () => T | Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw loadFailed(manifest, `${what} did not load: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function sameSignature(names: readonly string[], schema: readonly string[]): boolean {
  return names.length === schema.length && names.every((n, i) => n === schema[i]);
}

export async function loadPredictor(
  registry: Pick<ModelRegistry, 'readArtifact'>,
  manifest: ModelManifest,
  loaders: ArtifactLoaders,
  sizing: PositionSizing,
): Promise<Predictor> {
  if (featureSchemaHash(manifest.featureSchema) !== manifest.featureSchemaHash) {
    throw new AppError(
      'INTEGRITY_CHECK_FAILED',
      `${manifest.name} ${manifest.version}: feature schema hash differs`,
    );
  }
  const artifactFor = (role: string) => {
    const found = manifest.artifacts.filter((a) => a.role === role);
    if (found.length !== 1)
      throw loadFailed(manifest, `expected one ${role} artifact, found ${found.length}`);
    return found[0] as (typeof found)[number];
  };
  const refs = {
    prediction: artifactFor(artifactRoles.prediction),
    risk: artifactFor(artifactRoles.risk),
    cashflow: artifactFor(artifactRoles.cashflow),
  };
  const [predictionBytes, riskBytes, cashflowBytes] = await Promise.all(
    [refs.prediction, refs.risk, refs.cashflow].map((ref) => registry.readArtifact(manifest, ref.name)),
  );
  const regression = await attempt(manifest, 'prediction model', () =>
    loaders.tabular(refs.prediction.format, predictionBytes as Uint8Array),
  );
  const risk = await attempt(manifest, 'risk model', () =>
    loaders.tabular(refs.risk.format, riskBytes as Uint8Array),
  );
  const cashflow = await attempt(manifest, 'cash-flow model', () =>
    loaders.cashflow(refs.cashflow.format, cashflowBytes as Uint8Array),
  );
  if (regression.task !== 'regression')
    throw loadFailed(manifest, 'the prediction model is not a regression');
  if (risk.task !== 'classification' || !risk.predictProbability) {
    throw loadFailed(manifest, 'the risk model is not a classifier with probabilities');
  }
  for (const [what, names] of [
    ['prediction', regression.featureNames],
    ['risk', risk.featureNames],
    ['cash-flow', cashflow.featureNames],
  ] as const) {
    if (!sameSignature(names, manifest.featureSchema)) {
      throw loadFailed(manifest, `the ${what} model's features differ from the manifest's feature schema`);
    }
  }
  const riskProbability = risk.predictProbability.bind(risk);
  const horizons = cashflow.horizons;

  const predictor: Predictor = {
    name: manifest.name,
    version: manifest.version,
    manifest,
    featureSchema: manifest.featureSchema,
    horizons,
    loadedAt: new Date(),
    predict(rows) {
      const values = regression.predict(rows);
      const probabilities = riskProbability(rows);
      const paths = cashflow.predictQuantiles(rows);
      const out: RowPrediction[] = new Array<RowPrediction>(rows.nRows);
      for (let i = 0; i < rows.nRows; i++) {
        const path: HorizonInterval[] = new Array<HorizonInterval>(horizons);
        for (let h = 0; h < horizons; h++) {
          const k = i * horizons + h;
          path[h] = {
            horizon: h + 1,
            p10: paths.p10[k] ?? NaN,
            p50: paths.p50[k] ?? NaN,
            p90: paths.p90[k] ?? NaN,
          };
        }
        const probability = probabilities[i] ?? NaN;
        const riskFlag = probability >= 0.5 ? 1 : 0;
        const last = path[horizons - 1] as HorizonInterval;
        out[i] = {
          prediction: values[i] ?? NaN,
          risk_flag: riskFlag,
          risk_probability: probability,
          position_size: positionSize(last.p10, last.p90, riskFlag, sizing),
          cashflow: path,
        };
      }
      return out;
    },
  };
  // One prediction before the swap: an artifact that loads but cannot run is refused here, not on traffic.
  // The manifest's example row is a real input; without one, all ones is a valid row for any signature.
  const example = manifest.details?.inputExample as Record<string, number> | undefined;
  const trial = Float64Array.from(manifest.featureSchema, (name) => example?.[name] ?? 1);
  const probe = await attempt(
    manifest,
    'a trial prediction',
    () => predictor.predict({ x: trial, nRows: 1, nFeatures: manifest.featureSchema.length })[0],
  );
  const finite = probe && [probe.prediction, probe.risk_probability, ...probe.cashflow.map((c) => c.p50)];
  if (!finite || horizons < 1 || !finite.every(Number.isFinite)) {
    throw loadFailed(manifest, 'a trial prediction did not give finite values for every output');
  }
  return predictor;
}
