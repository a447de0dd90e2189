/**
 * The training pipeline's own input, output and defaults: pure types and values, shared by the workflow,
 * the CLI and the Temporal UI's JSON input. What each stage takes and returns is declared beside its
 * activity (activities/*.ts) and imported here as a type.
 */
import type { DeploymentResult } from '../activities/deployment.js';
import type { DriftSummary } from '../activities/drift.js';
import type { FeatureSetRef } from '../activities/features.js';
import type { DataSource, DatasetRef, MacroSource } from '../activities/ingestion.js';
import type { GateThresholds, ValidationResult } from '../activities/validation.js';
import type { FeatureChoice } from '../lib/feature-sets.js';
import { defaultChampionAlias, defaultModelName } from '../lib/monitoring-defaults.js';

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
  /** Register the model and point the champion alias at it when the gate passes. */
  deploy?: boolean;
  /** The champion's alias: the gate compares with the version it points at; a deployment moves it. */
  alias?: string;
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
      name: input.model?.name ?? defaultModelName,
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
    alias: input.alias ?? defaultChampionAlias,
  };
}

export const pipelineOutcomes = ['deployed', 'rejected', 'validated'] as const;
export type PipelineOutcome = (typeof pipelineOutcomes)[number];

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
