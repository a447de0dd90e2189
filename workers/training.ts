/**
 * Worker for the `cashflow-pipeline-training` task queue: model training only (the forests and the cashflow net run
 * on worker threads inside it). Run as many of these as there are machines with spare cores.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../lib/config.js';
import { taskQueues, trainingQueueFor } from '../lib/temporal-names.js';
import { buildActivities, createLogger, installRuntime } from './wiring.js';

async function run(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('worker-training', config.logLevel);
  const ports = config.monitoring.trainingWorker;
  installRuntime(log, config.monitoring.metricsHost, ports);
  const { activities, metricsServer } = await buildActivities(config, ports);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: trainingQueueFor(taskQueues.pipeline),
      activities: {
        trainRandomForest: activities.trainRandomForest,
        trainCashflowModel: activities.trainCashflowModel,
      },
      // Two trainings at once on a small machine already use every core through their worker threads.
      maxConcurrentActivityTaskExecutions: 3,
      shutdownGraceTime: '30 seconds',
    });
    log.info(
      { taskQueue: trainingQueueFor(taskQueues.pipeline), temporal: config.temporal.address },
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
