/**
 * The metrics a worker process publishes, on a registry of its own (not prom-client's global one, so
 * tests can run several workers in one process). Activities record into it; `serveMetrics` exposes it.
 * Counters with a known label set start at 0, so a rate over them has data before the first event; the
 * pipeline's stage names are the workflow's, passed in by whoever builds the worker.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { registerProcessMetrics } from './process-metrics.js';

export const pipelineOutcomes = ['deployed', 'rejected', 'validated', 'failed'] as const;
export const retrainingReasons = ['drift', 'accuracy'] as const;
const trainingRoles = ['prediction', 'risk', 'cashflow'] as const;

export interface WorkerMetrics {
  registry: Registry;
  pipelineRuns: Counter<'outcome'>;
  stageDuration: Histogram<'stage'>;
  trainingDuration: Histogram<'role'>;
  driftWasserstein: Gauge<'model' | 'feature'>;
  driftPsi: Gauge<'model' | 'feature'>;
  driftKs: Gauge<'model' | 'feature'>;
  driftThreshold: Gauge<'model'>;
  driftDetected: Gauge<'model'>;
  driftSamples: Gauge<'model'>;
  driftChecks: Counter<'model'>;
  driftEvents: Counter<'model'>;
  retrainingTriggered: Counter<'reason'>;
  realisedMae: Gauge<'model' | 'version'>;
  validationMae: Gauge<'model' | 'version'>;
  realisedSamples: Gauge<'model' | 'version'>;
}

// Stages take from a second (deployment) to an hour (training on millions of rows).
const longBuckets = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

export interface WorkerMetricLabels {
  /** The pipeline's stages, whose duration series exist from the start. */
  stages: readonly string[];
}

export function createWorkerMetrics(labels: WorkerMetricLabels): WorkerMetrics {
  const registry = new Registry();
  registerProcessMetrics(registry);
  const registers = [registry];
  const m: WorkerMetrics = {
    registry,
    pipelineRuns: new Counter({
      name: 'pipeline_runs_total',
      help: 'Finished training pipeline runs by outcome.',
      labelNames: ['outcome'],
      registers,
    }),
    stageDuration: new Histogram({
      name: 'pipeline_stage_duration_seconds',
      help: 'Duration of each pipeline stage (workflow time, retries included).',
      labelNames: ['stage'],
      buckets: longBuckets,
      registers,
    }),
    trainingDuration: new Histogram({
      name: 'model_training_duration_seconds',
      help: 'Duration of one model training activity attempt, by model role.',
      labelNames: ['role'],
      buckets: longBuckets,
      registers,
    }),
    driftWasserstein: gauge(
      'feature_drift_wasserstein',
      'Normalised Wasserstein distance of live inputs from the training baseline.',
      ['model', 'feature'],
    ),
    driftPsi: gauge(
      'feature_drift_psi',
      'Population stability index of live inputs against the training baseline.',
      ['model', 'feature'],
    ),
    driftKs: gauge(
      'feature_drift_ks',
      'Kolmogorov-Smirnov statistic of live inputs against the training baseline.',
      ['model', 'feature'],
    ),
    driftThreshold: gauge(
      'drift_threshold',
      'Normalised Wasserstein distance above which a feature drifts.',
      ['model'],
    ),
    driftDetected: gauge(
      'drift_detected',
      '1 when the latest drift check found a feature over the threshold.',
      ['model'],
    ),
    driftSamples: gauge('drift_window_samples', 'Logged live rows in the latest drift check window.', [
      'model',
    ]),
    driftChecks: new Counter({
      name: 'drift_checks_total',
      help: 'Drift checks of live traffic.',
      labelNames: ['model'],
      registers,
    }),
    driftEvents: new Counter({
      name: 'drift_events_total',
      help: 'Drift checks that found drift.',
      labelNames: ['model'],
      registers,
    }),
    retrainingTriggered: new Counter({
      name: 'retraining_triggered_total',
      help: 'Retraining runs started by an alarm, by reason.',
      labelNames: ['reason'],
      registers,
    }),
    realisedMae: gauge('model_realised_mae', 'MAE of logged predictions against what happened.', [
      'model',
      'version',
    ]),
    validationMae: gauge('model_validation_mae', 'MAE on the holdout when the model was validated.', [
      'model',
      'version',
    ]),
    realisedSamples: gauge('model_realised_samples', 'Logged predictions joined with their outcome.', [
      'model',
      'version',
    ]),
  };
  for (const outcome of pipelineOutcomes) m.pipelineRuns.inc({ outcome }, 0);
  for (const stage of labels.stages) m.stageDuration.zero({ stage });
  for (const role of trainingRoles) m.trainingDuration.zero({ role });
  for (const reason of retrainingReasons) m.retrainingTriggered.inc({ reason }, 0);
  return m;

  function gauge<L extends string>(name: string, help: string, labelNames: L[]): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [registry] });
  }
}
