/**
 * Worker for the `cashflow-pipeline` task queue: the workflows and the I/O-bound stage activities.
 * Stops gracefully on SIGINT/SIGTERM: in-flight activities get their grace time, then the connection closes.
 */
import { fileURLToPath } from 'node:url';
import { taskQueues } from '../lib/temporal-names.js';
import { exitOnFailure, runWorkerProcess } from './wiring.js';

exitOnFailure(
  runWorkerProcess({
    name: 'worker-pipeline',
    ports: (config) => config.monitoring.pipelineWorker,
    taskQueue: taskQueues.pipeline,
    worker: (activities) => ({
      workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
      activities,
    }),
  }),
);
