/**
 * The monitoring loop's settings (metrics ports, Prometheus, drift and accuracy thresholds, the scheduled
 * source): a section of the configuration (lib/config.ts), read as `config.monitoring`.
 */
import { ConfigError, configSection } from './config-vars.js';
import { dataSourceProblem, type DataSource } from './data-source.js';
import { monitoringDefaults } from './monitoring-defaults.js';

export const monitoringSection = configSection(
  {
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
      default: String(monitoringDefaults.threshold),
      doc: 'Normalised Wasserstein distance (in baseline standard deviations) above which a feature drifts.',
    },
    DRIFT_WINDOW_HOURS: {
      kind: 'int',
      default: String(monitoringDefaults.driftWindowHours),
      doc: 'Hours of logged live inputs the scheduled drift check compares with the training baseline.',
    },
    DRIFT_MIN_SAMPLES: {
      kind: 'int',
      default: String(monitoringDefaults.minSamples),
      doc: 'Fewest logged rows in the window for a drift verdict; fewer are reported, never alarmed on.',
    },
    RETRAIN_COOLDOWN_HOURS: {
      kind: 'int',
      default: String(monitoringDefaults.cooldownHours),
      doc: 'After a drift or accuracy alarm starts a retraining, further alarms start none for this long.',
    },
    ACCURACY_DROP_THRESHOLD: {
      kind: 'number',
      default: String(monitoringDefaults.accuracyDropThreshold),
      doc: 'Realised MAE above validation MAE by more than this fraction (0.1 = 10 %) raises the alarm.',
    },
    MARKET_DATA_SOURCE: {
      kind: 'string',
      default: '{"kind":"sample"}',
      doc: 'JSON data source (as in the pipeline input) the schedules refresh and retrain on.',
    },
  },
  (v) => ({
    metricsHost: v.METRICS_HOST,
    temporalMetricsPort: v.TEMPORAL_METRICS_PORT,
    prometheusPort: v.PROMETHEUS_PORT,
    pipelineWorker: {
      metricsPort: v.PIPELINE_WORKER_METRICS_PORT,
      sdkMetricsPort: v.PIPELINE_WORKER_SDK_METRICS_PORT,
    },
    trainingWorker: {
      metricsPort: v.TRAINING_WORKER_METRICS_PORT,
      sdkMetricsPort: v.TRAINING_WORKER_SDK_METRICS_PORT,
    },
    driftThreshold: v.DRIFT_THRESHOLD,
    driftWindowHours: v.DRIFT_WINDOW_HOURS,
    driftMinSamples: v.DRIFT_MIN_SAMPLES,
    retrainCooldownHours: v.RETRAIN_COOLDOWN_HOURS,
    accuracyDropThreshold: v.ACCURACY_DROP_THRESHOLD,
    /** The `source` of scheduled refreshes and retraining runs. */
    marketDataSource: parseSource(v.MARKET_DATA_SOURCE),
  }),
);

export type MonitoringConfig = ReturnType<typeof monitoringSection.build>;

function parseSource(json: string): DataSource {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ConfigError(`MARKET_DATA_SOURCE=${JSON.stringify(json)} is not JSON such as {"kind":"sample"}`);
  }
  const problem = dataSourceProblem(value);
  if (problem) {
    throw new ConfigError(`MARKET_DATA_SOURCE=${JSON.stringify(json)}: ${problem.field} ${problem.message}`);
  }
  return value as DataSource;
}
