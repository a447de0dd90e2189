/**
 * Worker for the `cashflow-pipeline-training` task queue: model training only (the forests and the cashflow
 * net run on worker threads inside it). Run as many of these as there are machines with spare cores.
 */
import { createTrainingActivities } from '../activities/index.js';
import { trainingWorker } from './processes.js';
import { exitOnFailure, runWorkerProcess } from './wiring.js';

exitOnFailure(
  runWorkerProcess(trainingWorker, (deps) => ({
    activities: createTrainingActivities(deps),
    // Two trainings at once on a small machine already use every core through their worker threads.
    maxConcurrentActivityTaskExecutions: 3,
  })),
);
