/**
 * How a registered version's artifacts become runnable models. A production version carries three roles:
 *
 *   prediction  tabular regression (format = engine name)  -> `prediction`, the forward cash flow
 *   risk        tabular classifier  (format = engine name)  -> `risk_flag` and its probability
 *   cashflow    cash-flow path net  (format `cashflow-net`) -> P10/P50/P90 for horizons 1..H
 *
 * The API and validation load versions through these loaders, so a new engine or format plugs in here.
 */
import type { Matrix, TrainedModel } from './engine.js';

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
