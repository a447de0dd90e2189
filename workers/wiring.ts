/**
 * What every worker process builds from the configuration: logger, runtime (with the Temporal SDK's own
 * Prometheus exporter), store, registry, metrics (served on the worker's metrics port) and activities.
 */
import { Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import type { Config } from '../lib/config.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { serveMetrics, type MetricsServer } from '../lib/metrics-server.js';
import { createObjectStore } from '../lib/object-store.js';
import { codeVersion } from '../lib/versions.js';
import { createWorkerMetrics } from '../lib/worker-metrics.js';
import { createDefaultLoaders } from '../models/default-loaders.js';
import { createModelRegistry } from '../models/registry/minio-registry.js';

export interface WorkerPorts {
  metricsPort: number;
  sdkMetricsPort: number;
}

export function installRuntime(log: Logger, host: string, ports: WorkerPorts): void {
  Runtime.install({
    logger: {
      log: (level, message, meta) =>
        log[level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'info')](meta ?? {}, message),
      trace: (m, meta) => log.trace(meta ?? {}, m),
      debug: (m, meta) => log.debug(meta ?? {}, m),
      info: (m, meta) => log.info(meta ?? {}, m),
      warn: (m, meta) => log.warn(meta ?? {}, m),
      error: (m, meta) => log.error(meta ?? {}, m),
    },
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) },
      // Seconds and `_total` suffixes: the Prometheus conventions the dashboards and rules assume.
      metrics: {
        prometheus: {
          bindAddress: `${host}:${ports.sdkMetricsPort}`,
          countersTotalSuffix: true,
          useSecondsForDurations: true,
        },
      },
    },
  });
}

export async function buildActivities(
  config: Config,
  ports: WorkerPorts,
): Promise<{
  activities: ReturnType<typeof createActivities>;
  store: ReturnType<typeof createObjectStore>;
  metricsServer: MetricsServer;
}> {
  const store = createObjectStore(config.s3);
  await store.ensureBucket();
  const metrics = createWorkerMetrics();
  const metricsServer = await serveMetrics(
    metrics.registry,
    ports.metricsPort,
    config.monitoring.metricsHost,
  );
  const activities = createActivities({
    store,
    registry: createModelRegistry(store),
    loaders: createDefaultLoaders(),
    sources: config.sources,
    codeVersion: codeVersion(),
    metrics,
  });
  return { store, activities, metricsServer };
}

export { createLogger };
