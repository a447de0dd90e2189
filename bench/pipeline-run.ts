/**
 * One benchmark run, in its own process so its peak memory is its own: workers for the pipeline and
 * training queues in this process, one trainingPipelineWorkflow on the given input, then a JSON line with
 * the wall time, the stage times and the peak resident memory (worker threads included).
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createPipelineActivities, createTrainingActivities } from '../activities/index.js';
import { loadConfig } from '../lib/config.js';
import { createObjectStore } from '../lib/object-store.js';
import { trainingQueueFor } from '../lib/temporal-names.js';
import { activityDependencies } from '../workers/dependencies.js';
import type { TrainingPipelineInput } from '../workflows/pipeline-types.js';
import type { trainingPipelineWorkflow } from '../workflows/training-pipeline.js';

const input = JSON.parse(process.argv[2] ?? '{}') as Partial<TrainingPipelineInput>;
const config = loadConfig();
Runtime.install({ logger: new DefaultLogger('WARN') });
const store = createObjectStore(config.s3);
await store.ensureBucket();
const bundle = await bundleWorkflowCode({
  workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
  logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
});
const deps = activityDependencies(config, { store, codeVersion: 'bench' });
const native = await NativeConnection.connect({ address: config.temporal.address });
const taskQueue = `bench-${randomUUID()}`;
const pipeline = await Worker.create({
  connection: native,
  taskQueue,
  workflowBundle: bundle,
  activities: createPipelineActivities(deps),
});
const training = await Worker.create({
  connection: native,
  taskQueue: trainingQueueFor(taskQueue),
  activities: createTrainingActivities(deps),
});
const connection = await Connection.connect({ address: config.temporal.address });
const client = new Client({ connection });

const started = performance.now();
const out = await pipeline.runUntil(
  training.runUntil(
    client.workflow.execute<typeof trainingPipelineWorkflow>('trainingPipelineWorkflow', {
      taskQueue,
      workflowId: `bench-${Date.now()}`,
      args: [input],
    }),
  ),
);
const wallSeconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    wallSeconds,
    stageSeconds: out.stageSeconds,
    rows: out.dataset.rows,
    featureRows: out.features.rows,
    outcome: out.outcome,
    reasons: out.reasons,
    mase: out.validation.metrics.mase,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
await connection.close();
await native.close();
