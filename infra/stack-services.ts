/**
 * The local stack's processes as services the supervisor starts, waits on and restarts: how each one starts,
 * what "ready" means for it (it answers, and it is the process just started), and in which layer it stops.
 * Servers stop last and workers before them, so draining activities still reach Temporal and the store.
 */
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import type { Config } from '../lib/config.js';
import { pollsTaskQueue, type TaskQueueKind } from '../lib/temporal.js';
import { workerProcesses } from '../workers/processes.js';
import { startProcess, stopUnlessReady, waitUntilReady, type ManagedProcess } from './processes.js';
import { ownsPort, startMinio, startTemporalDevServer } from './servers.js';
import { startPrometheusFor } from './stack-monitoring.js';
import type { PrometheusTargets } from './prometheus-config.js';
import type { Service } from './supervisor.js';
import { resolveTool } from './tools.js';

const root = resolve(import.meta.dirname, '..');

export interface StackContext {
  config: Config;
  logDir: string;
}

const layers = { servers: 0, workers: 1, api: 2, monitoring: 3 } as const;
/** Servers and the API stop within seconds; a worker is given its drain time and a margin to close. */
const serverGraceMs = 10_000;
const workerGraceMs = (config: Config) => (config.workers.drainSeconds + 15) * 1000;

export function temporalService({ config, logDir }: StackContext): Service {
  return {
    name: 'temporal',
    layer: layers.servers,
    stopGraceMs: serverGraceMs,
    start: () =>
      startTemporalDevServer({
        bin: resolveTool(config, 'temporal'),
        port: config.temporal.port,
        uiPort: config.temporal.uiPort,
        dbFile: join(config.stateDir, 'temporal.sqlite'),
        namespace: config.temporal.namespace,
        logDir,
        metricsPort: config.monitoring.temporalMetricsPort,
      }),
  };
}

export function minioService({ config, logDir }: StackContext): Service {
  return {
    name: 'minio',
    layer: layers.servers,
    stopGraceMs: serverGraceMs,
    start: () =>
      startMinio({
        bin: resolveTool(config, 'minio'),
        port: config.s3.port,
        consolePort: config.s3.consolePort,
        dataDir: join(config.stateDir, 'minio'),
        accessKey: config.s3.accessKey,
        secretKey: config.s3.secretKey,
        logDir,
      }),
  };
}

function nodeProcess(
  { config, logDir }: StackContext,
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv = {},
): ManagedProcess {
  return startProcess(name, process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    logFile: join(logDir, `${name}.log`),
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: config.temporal.address,
      S3_ENDPOINT: config.s3.endpoint,
      DATABASE_URL: config.database.url,
      ...env,
    },
  });
}

/** Ready means polling: the task queue lists this very process (its pid) as a poller. */
async function waitUntilPolling(
  ctx: StackContext,
  proc: ManagedProcess,
  queue: string,
  kind: TaskQueueKind,
  timeoutMs = 120_000,
): Promise<void> {
  const { temporal } = ctx.config;
  const connection = await Connection.connect({ address: temporal.address });
  try {
    await waitUntilReady(
      `${proc.name} polling ${queue}`,
      () => pollsTaskQueue(connection, temporal.namespace, queue, kind, proc.child.pid ?? -1),
      { process: proc, timeoutMs, intervalMs: 500 },
    );
  } finally {
    await connection.close();
  }
}

export interface WorkerService extends Service {
  queue: string;
  /** Waits until the running process polls again (after Temporal came back). */
  recheck(proc: ManagedProcess, timeoutMs: number): Promise<void>;
}

/** One service per worker process of workers/processes.ts: a queue of its own is registered there. */
export function workerServices(ctx: StackContext): WorkerService[] {
  return workerProcesses.map(({ name, entry, taskQueue: queue, polls }) => ({
    name,
    queue,
    layer: layers.workers,
    stopGraceMs: workerGraceMs(ctx.config),
    start: () => {
      const proc = nodeProcess(ctx, name, entry);
      return stopUnlessReady(proc, () => waitUntilPolling(ctx, proc, queue, polls));
    },
    recheck: (proc, timeoutMs) => waitUntilPolling(ctx, proc, queue, polls, timeoutMs),
  }));
}

export function apiService(ctx: StackContext, env: NodeJS.ProcessEnv): Service {
  const { host, port } = ctx.config.api;
  return {
    name: 'api',
    layer: layers.api,
    stopGraceMs: serverGraceMs,
    start: () => {
      // Poll the production alias every 2 s locally, so a model the pipeline deploys is served at once.
      const proc = nodeProcess(ctx, 'api', 'api/server.ts', { MODEL_POLL_SECONDS: '2', ...env });
      return stopUnlessReady(proc, () =>
        waitUntilReady(
          `API on ${host}:${port}`,
          async () => (await fetch(`http://${host}:${port}/health`)).ok && ownsPort(proc, port),
          { process: proc, timeoutMs: 60_000 },
        ),
      );
    },
  };
}

export function prometheusService(ctx: StackContext, targets: PrometheusTargets): Service {
  const { config, logDir } = ctx;
  return {
    name: 'prometheus',
    layer: layers.monitoring,
    stopGraceMs: serverGraceMs,
    start: async () =>
      (
        await startPrometheusFor(config, targets, {
          stateDir: config.stateDir,
          logDir,
          port: config.monitoring.prometheusPort,
          scrapeInterval: '5s',
          evaluationInterval: '5s',
        })
      ).proc,
  };
}
