/**
 * What every worker process builds from the configuration: logger, runtime (with the Temporal SDK's own
 * Prometheus exporter), metrics (served on the worker's metrics port) and the activities' dependencies
 * (workers/dependencies.ts); the entry file picks the activity bag of its task queue.
 */
import {
  NativeConnection,
  Runtime,
  Worker,
  makeTelemetryFilterString,
  type WorkerOptions,
} from '@temporalio/worker';
import type { ActivityDeps } from '../activities/index.js';
import { loadConfig } from '../lib/config.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { serveMetrics } from '../lib/metrics-server.js';
import { createObjectStore } from '../lib/object-store.js';
import { heartbeatIntervalMs } from '../lib/heartbeats.js';
import { codeVersion } from '../lib/versions.js';
import { activityDependencies, pipelineWorkerMetrics } from './dependencies.js';
import type { WorkerPorts, WorkerProcess } from './processes.js';

/**
 * Heartbeats reach the server at least every second (the SDK otherwise holds them back for up to 80 % of
 * the heartbeat timeout). A cancellation is delivered only in a heartbeat's answer, so this bounds how long
 * a cancelled activity, e.g. a training whose sibling failed, keeps working: one small call a second.
 */
export const heartbeatDelivery = {
  maxHeartbeatThrottleInterval: heartbeatIntervalMs,
} satisfies Partial<WorkerOptions>;

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

/**
 * One worker process's life: runtime and metrics up, connect, poll `taskQueue` until a shutdown signal
 * (the Temporal runtime's SIGINT/SIGTERM handling lets in-flight activities finish within the grace time),
 * then close the metrics server and the connection.
 */
export async function runWorkerProcess(
  definition: WorkerProcess,
  worker: (deps: ActivityDeps) => Omit<WorkerOptions, 'connection' | 'namespace' | 'taskQueue'>,
): Promise<void> {
  const config = loadConfig();
  const log = createLogger(definition.name, config.logLevel);
  const ports = definition.ports(config);
  installRuntime(log, config.monitoring.metricsHost, ports);
  const store = createObjectStore(config.s3);
  await store.ensureBucket();
  const metrics = pipelineWorkerMetrics();
  const metricsServer = await serveMetrics(
    metrics.registry,
    ports.metricsPort,
    config.monitoring.metricsHost,
  );
  const deps = activityDependencies(config, { store, codeVersion: codeVersion(), metrics });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const created = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: definition.taskQueue,
      shutdownGraceTime: `${config.workers.drainSeconds} seconds`,
      ...heartbeatDelivery,
      ...worker(deps),
    });
    const where = {
      taskQueue: definition.taskQueue,
      temporal: config.temporal.address,
      store: store.endpoint,
    };
    log.info({ ...where, metrics: metricsServer.url }, 'worker started');
    await created.run();
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
