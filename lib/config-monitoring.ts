/**
 * The monitoring loop's settings (metrics ports, Prometheus, drift and accuracy thresholds, the scheduled
 * source), declared like every other variable and merged into `configSpec` by lib/config.ts.
 */
import type { VarSpec } from './config.js';

export const monitoringSpec = {
  TEMPORAL_METRICS_PORT: {
    kind: 'port',
    default: '7235',
    doc: 'Prometheus metrics port of the local Temporal dev server (its own server metrics).',
  },
  PIPELINE_WORKER_METRICS_PORT: {
    kind: 'port',
    default: '9464',
    doc: 'Metrics port of the pipeline worker (pipeline runs, stage times, drift, realised error).',
  },
  PIPELINE_WORKER_SDK_METRICS_PORT: {
    kind: 'port',
    default: '9465',
    doc: "Port of the Temporal SDK's own Prometheus exporter in the pipeline worker.",
  },
  TRAINING_WORKER_METRICS_PORT: {
    kind: 'port',
    default: '9466',
    doc: 'Metrics port of the training worker (training times).',
  },
  TRAINING_WORKER_SDK_METRICS_PORT: {
    kind: 'port',
    default: '9467',
    doc: "Port of the Temporal SDK's own Prometheus exporter in the training worker.",
  },
  METRICS_HOST: {
    kind: 'string',
    default: '127.0.0.1',
    doc: "Interface the workers' metrics endpoints listen on (0.0.0.0 for a Prometheus on another host).",
  },
  PROMETHEUS_PORT: { kind: 'port', default: '9090', doc: 'Port of the local Prometheus.' },
  DRIFT_THRESHOLD: {
    kind: 'number',
    default: '0.25',
    doc: 'Normalised Wasserstein distance (in baseline standard deviations) above which a feature drifts.',
  },
  DRIFT_WINDOW_HOURS: {
    kind: 'int',
    default: '24',
    doc: 'Hours of logged live inputs the scheduled drift check compares with the training baseline.',
  },
  DRIFT_MIN_SAMPLES: {
    kind: 'int',
    default: '50',
    doc: 'Fewest logged rows in the window for a drift verdict; fewer are reported, never alarmed on.',
  },
  RETRAIN_COOLDOWN_HOURS: {
    kind: 'int',
    default: '24',
    doc: 'After a drift or accuracy alarm starts a retraining, further alarms start none for this long.',
  },
  ACCURACY_DROP_THRESHOLD: {
    kind: 'number',
    default: '0.1',
    doc: 'Realised MAE above validation MAE by more than this fraction (0.1 = 10 %) raises the alarm.',
  },
  MARKET_DATA_SOURCE: {
    kind: 'string',
    default: '{"kind":"sample"}',
    doc: 'JSON data source (as in the pipeline input) the schedules refresh and retrain on.',
  },
} satisfies Record<string, VarSpec>;

export interface MonitoringConfig {
  metricsHost: string;
  temporalMetricsPort: number;
  prometheusPort: number;
  pipelineWorker: { metricsPort: number; sdkMetricsPort: number };
  trainingWorker: { metricsPort: number; sdkMetricsPort: number };
  driftThreshold: number;
  driftWindowHours: number;
  driftMinSamples: number;
  retrainCooldownHours: number;
  accuracyDropThreshold: number;
  /** The `source` of scheduled refreshes and retraining runs (a DataSource, validated where it is used). */
  marketDataSource: Record<string, unknown>;
}

export function monitoringConfig(
  must: (key: keyof typeof monitoringSpec) => string,
  fail: (message: string) => Error,
): MonitoringConfig {
  return {
    metricsHost: must('METRICS_HOST'),
    temporalMetricsPort: Number(must('TEMPORAL_METRICS_PORT')),
    prometheusPort: Number(must('PROMETHEUS_PORT')),
    pipelineWorker: {
      metricsPort: Number(must('PIPELINE_WORKER_METRICS_PORT')),
      sdkMetricsPort: Number(must('PIPELINE_WORKER_SDK_METRICS_PORT')),
    },
    trainingWorker: {
      metricsPort: Number(must('TRAINING_WORKER_METRICS_PORT')),
      sdkMetricsPort: Number(must('TRAINING_WORKER_SDK_METRICS_PORT')),
    },
    driftThreshold: Number(must('DRIFT_THRESHOLD')),
    driftWindowHours: Number(must('DRIFT_WINDOW_HOURS')),
    driftMinSamples: Number(must('DRIFT_MIN_SAMPLES')),
    retrainCooldownHours: Number(must('RETRAIN_COOLDOWN_HOURS')),
    accuracyDropThreshold: Number(must('ACCURACY_DROP_THRESHOLD')),
    marketDataSource: parseSource(must('MARKET_DATA_SOURCE'), fail),
  };
}

function parseSource(json: string, fail: (message: string) => Error): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw fail(`MARKET_DATA_SOURCE=${JSON.stringify(json)} is not JSON such as {"kind":"sample"}`);
  }
  if (typeof value !== 'object' || value === null || typeof (value as { kind?: unknown }).kind !== 'string') {
    throw fail(`MARKET_DATA_SOURCE=${JSON.stringify(json)} needs a "kind" (sample, csv, ...)`);
  }
  return value as Record<string, unknown>;
}
