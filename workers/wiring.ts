/**
 * What every worker process builds from the configuration: logger, runtime (with the Temporal SDK's own
 * Prometheus exporter), store, registry, metrics (served on the worker's metrics port) and activities.
 */
import {
  NativeConnection,
  Runtime,
  Worker,
  makeTelemetryFilterString,
  type WorkerOptions,
} from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import { loadConfig, type Config } from '../lib/config.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { serveMetrics, type MetricsServer } from '../lib/metrics-server.js';
import { createObjectStore } from '../lib/object-store.js';
import { heartbeatIntervalMs } from '../lib/heartbeats.js';
import { codeVersion } from '../lib/versions.js';
import { createWorkerMetrics } from '../lib/worker-metrics.js';
import { pipelineStages } from '../workflows/pipeline-types.js';
import { createDefaultLoaders } from '../models/default-loaders.js';
import { createModelRegistry } from '../models/registry/minio-registry.js';

/**
 * Heartbeats reach the server at least every second (the SDK otherwise holds them back for up to 80 % of
 * the heartbeat timeout). A cancellation is delivered only in a heartbeat's answer, so this bounds how long
 * a cancelled activity, e.g. a training whose sibling failed, keeps working: one small call a second.
 */
export const heartbeatDelivery = {
  maxHeartbeatThrottleInterval: heartbeatIntervalMs,
} satisfies Partial<WorkerOptions>;

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
  const metrics = createWorkerMetrics({ stages: pipelineStages });
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

type Activities = Awaited<ReturnType<typeof buildActivities>>['activities'];

/**
 * One worker process's life: runtime and metrics up, connect, poll `taskQueue` until a shutdown signal
 * (the Temporal runtime's SIGINT/SIGTERM handling lets in-flight activities finish within the grace time),
 * then close the metrics server and the connection.
 */
export async function runWorkerProcess(options: {
  name: string;
  ports: (config: Config) => WorkerPorts;
  taskQueue: string;
  worker: (activities: Activities) => Omit<WorkerOptions, 'connection' | 'namespace' | 'taskQueue'>;
}): Promise<void> {
  const config = loadConfig();
  const log = createLogger(options.name, config.logLevel);
  const ports = options.ports(config);
  installRuntime(log, config.monitoring.metricsHost, ports);
  const { store, activities, metricsServer } = await buildActivities(config, ports);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: options.taskQueue,
      shutdownGraceTime: `${config.workers.drainSeconds} seconds`,
      ...heartbeatDelivery,
      ...options.worker(activities),
    });
    const where = { taskQueue: options.taskQueue, temporal: config.temporal.address, store: store.endpoint };
    log.info({ ...where, metrics: metricsServer.url }, 'worker started');
    await worker.run();
    log.info('worker stopped');
  } finally {
    await metricsServer.close();
    await connection.close();
  }
}

export function exitOnFailure(run: Promise<void>): void {
  run.catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
