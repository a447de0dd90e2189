/**
 * Worker for the `cashflow-pipeline-training` task queue: model training only (the forests and the cashflow
 * net run on worker threads inside it). Run as many of these as there are machines with spare cores.
 */
import { taskQueues, trainingQueueFor } from '../lib/temporal-names.js';
import { exitOnFailure, runWorkerProcess } from './wiring.js';

exitOnFailure(
  runWorkerProcess({
    name: 'worker-training',
    ports: (config) => config.monitoring.trainingWorker,
    taskQueue: trainingQueueFor(taskQueues.pipeline),
    worker: (activities) => ({
      activities: {
        trainRandomForest: activities.trainRandomForest,
        trainCashflowModel: activities.trainCashflowModel,
      },
      // Two trainings at once on a small machine already use every core through their worker threads.
      maxConcurrentActivityTaskExecutions: 3,
    }),
  }),
);
