/**
 * The worker processes, one per task queue: which entry file runs it, what it polls and where its metrics
 * are served. The stack launcher starts, waits on and restarts each one listed here. A domain that needs a
 * task queue of its own adds an entry file (workers/<name>.ts, calling `runWorkerProcess` with its
 * definition) and one line to `workerProcesses`. Light on purpose: the launcher imports it.
 */
import type { Config } from '../lib/config.js';
import { taskQueueKinds, type TaskQueueKind } from '../lib/temporal.js';
import { taskQueues, trainingQueueFor } from '../lib/temporal-names.js';

export interface WorkerPorts {
  metricsPort: number;
  sdkMetricsPort: number;
}

export interface WorkerProcess {
  /** Process and log name (`var/logs/<name>.log`). */
  name: string;
  /** Entry file, from the repository root. */
  entry: string;
  taskQueue: string;
  /** Ready means the queue lists this process as a poller of this kind (workflow or activity tasks). */
  polls: TaskQueueKind;
  ports: (config: Config) => WorkerPorts;
}

export const pipelineWorker: WorkerProcess = {
  name: 'worker-pipeline',
  entry: 'workers/pipeline.ts',
  taskQueue: taskQueues.pipeline,
  polls: taskQueueKinds.workflow,
  ports: (config) => config.monitoring.pipelineWorker,
};

export const trainingWorker: WorkerProcess = {
  name: 'worker-training',
  entry: 'workers/training.ts',
  taskQueue: trainingQueueFor(taskQueues.pipeline),
  polls: taskQueueKinds.activity,
  ports: (config) => config.monitoring.trainingWorker,
};

/** Every worker process of the stack, in start order. */
export const workerProcesses: readonly WorkerProcess[] = [pipelineWorker, trainingWorker];
