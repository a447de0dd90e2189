/**
 * Worker for the `cashflow-pipeline` task queue: the workflows and the I/O-bound stage activities.
 * Stops gracefully on SIGINT/SIGTERM: in-flight activities get their grace time, then the connection closes.
 */
import { fileURLToPath } from 'node:url';
import { createPipelineActivities } from '../activities/index.js';
import { pipelineWorker } from './processes.js';
import { exitOnFailure, runWorkerProcess } from './wiring.js';

exitOnFailure(
  runWorkerProcess(pipelineWorker, (deps) => ({
    workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
    activities: createPipelineActivities(deps),
  })),
);
