/**
 * How a registered version's artifacts become runnable models. A production version carries three roles:
 *
 *   prediction  tabular regression (format = engine name)  -> `prediction`, the forward cash flow
 *   risk        tabular classifier  (format = engine name)  -> `risk_flag` and its probability
 *   cashflow    cash-flow path net  (format `cashflow-net`) -> P10/P50/P90 for horizons 1..H
 *
 * The API and validation load versions through these loaders, so a new engine or format plugs in here:
 * a forest engine in models/engines.ts, another cash-flow format in `defaultLoaders`.
 */
import { AppError } from '../lib/errors.js';
import { peekEngine } from './artifact-envelope.js';
import { cashflowNetFormat } from './cashflow-net/artifact.js';
import { loadCashflowNet } from './cashflow-net/network.js';
import type { Matrix, TrainedModel } from './engine.js';
import { getEngine } from './engines.js';
import { loadRelative, relativeEngine } from './relative-model.js';

export interface QuantilePaths {
  /** Row-major nRows × horizons: value for row i at horizon h+1 is `p50[i * horizons + h]`. */
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
}

export interface CashflowModel {
  readonly format: string;
  readonly horizons: number;
  readonly featureNames: readonly string[];
  /** Which TensorFlow.js backend runs it (`tensorflow` native, `wasm`, `cpu`). */
  readonly backend: string;
  predictQuantiles(rows: Matrix): QuantilePaths;
}

export interface ArtifactLoaders {
  tabular(format: string, bytes: Uint8Array): TrainedModel;
  cashflow(format: string, bytes: Uint8Array): Promise<CashflowModel>;
}

export const artifactRoles = { prediction: 'prediction', risk: 'risk', cashflow: 'cashflow' } as const;

export interface LoaderLookup {
  tabular(format: string): ((bytes: Uint8Array) => TrainedModel) | undefined;
  cashflow(format: string): ((bytes: Uint8Array) => Promise<CashflowModel>) | undefined;
}

/** Loaders from a format lookup (e.g. engine name → engine.load), failing clearly on unknown formats. */
export function createLoaders(lookup: LoaderLookup): ArtifactLoaders {
  const missing = (kind: string, format: string) =>
    new AppError('MODEL_LOAD_FAILED', `no ${kind} loader for artifact format ${JSON.stringify(format)}`);
  return {
    tabular(format, bytes) {
      const load = lookup.tabular(format);
      if (!load) throw missing('tabular', format);
      return load(bytes);
    },
    async cashflow(format, bytes) {
      const load = lookup.cashflow(format);
      if (!load) throw missing('cash-flow', format);
      return load(bytes);
    },
  };
}

/**
 * A tabular artifact loaded by the engine its header names. The scale-free wrapper (relative-model.ts) is
 * an envelope of its own around the inner engine's artifact, which is loaded the same way.
 */
export function loadTabularArtifact(bytes: Uint8Array): TrainedModel {
  const engine = peekEngine(bytes);
  if (engine === relativeEngine)
    return loadRelative(bytes, (_inner, payload) => loadTabularArtifact(payload));
  return getEngine(engine).load(bytes);
}

/**
 * Every artifact format this code base writes: tabular models of any engine (the header, not the
 * manifest's format string, says which) and the cashflow net.
 */
export function defaultLoaders(): ArtifactLoaders {
  return createLoaders({
    tabular: () => loadTabularArtifact,
    cashflow: (format) => (format === cashflowNetFormat ? loadCashflowNet : undefined),
  });
}
