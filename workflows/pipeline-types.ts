/**
 * The training pipeline's input, output and the references its activities exchange. Pure types and
 * defaults, shared by the workflow, the activities, the CLI and the Temporal UI's JSON input.
 */
import type { FeatureChoice } from '../lib/feature-sets.js';
import type { PackageMacroSource } from '../lib/sources/package-macro.js';

/**
 * Where the macro fields come from: `fred` (all three, FRED_API_KEY), or a package's data offline
 * (`arch`: VIX 2014-2018 only; treasury_10y and dollar_index have no offline source and stay FRED-only).
 */
export type MacroSource = 'fred' | PackageMacroSource;

export type DataSource =
  /** The bundled S&P 500 daily bars 2000-2020 (vega-datasets). */
  | { kind: 'sample' }
  /** A CSV file on the worker's disk (`path`) or an object in the store (`objectKey`). */
  | { kind: 'csv'; path?: string; objectKey?: string; symbol?: string }
  /** Seeded synthetic bars for many symbols, for scale tests. */
  | { kind: 'synthetic'; rows: number; symbols: number; seed: number }
  /** Alpha Vantage daily prices (ALPHA_VANTAGE_API_KEY). */
  | { kind: 'alpha-vantage'; symbols: string[] };

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

export interface TrainingPipelineInput {
  source: DataSource;
  /** Inclusive ISO dates limiting the data used. */
  range?: { from?: string; to?: string };
  /** Macro fields as model inputs: `false` (none), a `MacroSource`, or `true` (the same as `"fred"`). */
  macro?: boolean | MacroSource;
  /** The catalogue's fields to train on: the reference request's (`contract`) or those plus the extras. */
  features?: FeatureChoice;
  /** Forecast horizon H in trading days. */
  horizon?: number;
  model?: {
    name?: string;
    engine?: string;
    nEstimators?: number;
    maxDepth?: number;
    /** Fewest training rows in a leaf: larger leaves average more noise away. */
    minLeafSize?: number;
    seed?: number;
    cashflowEpochs?: number;
    cashflowHiddenUnits?: number;
  };
  gate?: Partial<GateThresholds>;
  /** Register the model and point the `production` alias at it when the gate passes. */
  deploy?: boolean;
}

export type ResolvedPipelineInput = Required<
  Omit<TrainingPipelineInput, 'range' | 'model' | 'gate' | 'macro'>
> & {
  range: { from?: string; to?: string };
  macro: false | MacroSource;
  model: Required<NonNullable<TrainingPipelineInput['model']>>;
  gate: GateThresholds;
};

/**
 * Defaults: not materially worse than the random walk (which short-horizon index forecasts rarely beat by
 * much), right about direction more often than not, P10-P90 intervals near their nominal 80 %, and no
 * more than 2 % worse than the production model on the same holdout.
 */
export const defaultGate: GateThresholds = {
  maxMase: 1.1,
  minDirectionalAccuracy: 0.5,
  maxMaeIncreaseOverChampion: 0.02,
  minIntervalCoverage: 0.7,
};

export function resolvePipelineInput(input: Partial<TrainingPipelineInput> = {}): ResolvedPipelineInput {
  return {
    source: input.source ?? { kind: 'sample' },
    range: input.range ?? {},
    macro: input.macro === true ? 'fred' : (input.macro ?? false),
    features: input.features ?? 'contract',
    horizon: input.horizon ?? 5,
    model: {
      name: input.model?.name ?? 'cashflow-forecaster',
      engine: input.model?.engine ?? 'histogram-forest',
      nEstimators: input.model?.nEstimators ?? 100,
      maxDepth: input.model?.maxDepth ?? 6,
      minLeafSize: input.model?.minLeafSize ?? 20,
      seed: input.model?.seed ?? 42,
      cashflowEpochs: input.model?.cashflowEpochs ?? 30,
      cashflowHiddenUnits: input.model?.cashflowHiddenUnits ?? 32,
    },
    gate: { ...defaultGate, ...input.gate },
    deploy: input.deploy ?? true,
  };
}

export interface DatasetRef {
  key: string;
  dataHash: string;
  rows: number;
  symbols: string[];
  firstDate: string;
  lastDate: string;
  quarantinedRows: number;
  quarantineKey?: string;
  macroKey?: string;
  /** True when the same content was already stored: nothing was written. */
  reused: boolean;
  sourceLabel: string;
}

export interface FeatureSetRef {
  key: string;
  featureNames: string[];
  featureSchemaHash: string;
  rows: number;
  horizon: number;
  splits: {
    train: [number, number];
    validation: [number, number];
    holdout: [number, number];
    embargoDays: number;
  };
  baselineKey: string;
  /** The features of the latest row: a real input, kept with the model as its example request. */
  exampleRow: Record<string, number>;
}

export interface ArtifactOutput {
  key: string;
  role: 'prediction' | 'risk' | 'cashflow';
  format: string;
  size: number;
  sha256: string;
  summary: Record<string, unknown>;
}

export interface ValidationResult {
  metrics: Record<string, number>;
  champion?: { version: string; metrics: Record<string, number> };
  passed: boolean;
  reasons: string[];
}

export interface DriftSummary {
  reportKey: string;
  featuresChecked: number;
  driftedFeatures: string[];
  maxPsi: number;
  maxWassersteinNormalized: number;
}

export interface DeploymentResult {
  name: string;
  version: string;
  alias?: string;
  /** The alias already pointed at a version of the same lineage (data, parameters, code): kept, nothing registered. */
  reused?: boolean;
}

export type PipelineOutcome = 'deployed' | 'rejected' | 'validated';

export interface TrainingPipelineOutput {
  outcome: PipelineOutcome;
  reasons: string[];
  dataset: DatasetRef;
  features: FeatureSetRef;
  validation: ValidationResult;
  drift: DriftSummary;
  deployment?: DeploymentResult;
  stageSeconds: Record<string, number>;
}

export const pipelineStages = [
  'ingestion',
  'features',
  'training',
  'validation',
  'drift',
  'deployment',
] as const;
export type PipelineStage = (typeof pipelineStages)[number] | 'starting' | 'done';

export interface PipelineProgress {
  stage: PipelineStage;
  stagesDone: number;
  stagesTotal: number;
  /** Latest heartbeat detail of the running stage, e.g. "trees 40/100". */
  detail: string;
  outcome?: PipelineOutcome;
}
