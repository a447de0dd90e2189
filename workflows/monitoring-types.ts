/**
 * Inputs and results of the monitoring loop: the drift monitor on live traffic, the market-data refresh
 * with its realised-performance check, and the retraining they may start. Pure types and defaults.
 */
import type { DataSource, DatasetRef } from '../activities/ingestion.js';
import type { LiveDriftSummary } from '../activities/live-drift.js';
import type { RetrainingReason } from '../activities/retraining-claim.js';
import type { RealisedPerformance } from '../activities/realised.js';
import { monitoringDefaults } from '../lib/monitoring-defaults.js';
import type { TrainingPipelineInput } from './pipeline-types.js';

export interface RetrainingPolicy {
  /** After an alarm starts a retraining, further alarms start none for this many hours. */
  cooldownHours: number;
  /** Input of the retraining run; `false` reports the alarm without retraining. */
  input: Partial<TrainingPipelineInput> | false;
}

export interface DriftMonitorInput {
  modelName?: string;
  alias?: string;
  /** Hours of live traffic up to the run's start time; ignored when `window` is given. */
  windowHours?: number;
  /** An explicit window of ISO times (from inclusive, to exclusive), e.g. to re-check a past episode. */
  window?: { from: string; to: string };
  /** Normalised Wasserstein distance above which a feature drifts. */
  threshold?: number;
  /** Fewest logged rows for a verdict. */
  minSamples?: number;
  retraining?: Partial<RetrainingPolicy>;
}

export interface RetrainingOutcome {
  reason: RetrainingReason;
  /** `started`: this run started it; `cooling-down`: an earlier alarm's retraining is recent enough. */
  status: 'started' | 'cooling-down' | 'disabled';
  workflowId?: string;
}

export interface DriftMonitorOutput {
  drift: LiveDriftSummary;
  retraining?: RetrainingOutcome;
}

export interface MarketRefreshInput {
  source?: DataSource;
  modelName?: string;
  alias?: string;
  /** Realised MAE above the validation MAE by more than this fraction raises the alarm. */
  accuracyDropThreshold?: number;
  /** Hours of logged predictions joined with what happened (default 30 days). */
  windowHours?: number;
  /** Fewest joined predictions for a verdict. */
  minSamples?: number;
  retraining?: Partial<RetrainingPolicy>;
}

export interface MarketRefreshOutput {
  dataset: Pick<DatasetRef, 'key' | 'dataHash' | 'lastDate' | 'reused'>;
  performance: RealisedPerformance;
  retraining?: RetrainingOutcome;
}

export { monitoringDefaults };

export function resolveRetraining(policy: Partial<RetrainingPolicy> | undefined): RetrainingPolicy {
  return {
    cooldownHours: policy?.cooldownHours ?? monitoringDefaults.cooldownHours,
    input: policy?.input ?? {},
  };
}
