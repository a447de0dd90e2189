/**
 * Worker for the `cashflow-pipeline` task queue: the workflows and the I/O-bound stage activities.
 * Stops gracefully on SIGINT/SIGTERM (the Temporal runtime's shutdown signals): in-flight activities get
 * their grace time, then the connection is closed.
 */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../lib/config.js';
import { taskQueues } from '../lib/temporal-names.js';
import { buildActivities, createLogger, installRuntime } from './wiring.js';

async function run(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('worker-pipeline', config.logLevel);
  const ports = config.monitoring.pipelineWorker;
  installRuntime(log, config.monitoring.metricsHost, ports);
  const { store, activities, metricsServer } = await buildActivities(config, ports);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: taskQueues.pipeline,
      workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
      activities,
      shutdownGraceTime: '30 seconds',
    });
    log.info(
      {
        taskQueue: taskQueues.pipeline,
        temporal: config.temporal.address,
        metrics: metricsServer.url,
        store: store.endpoint,
      },
      'worker started',
    );
    await worker.run();
    log.info('worker stopped');
  } finally {
    await metricsServer.close();
    await connection.close();
  }
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
