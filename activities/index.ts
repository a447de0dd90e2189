/**
 * The activity bags, one per task queue, built from their dependencies. Workers, benchmarks and tests get
 * the dependencies from workers/dependencies.ts; workflows import only the types of the bags and proxy
 * each on its own queue (`proxyActivities<PipelineActivities>`, `proxyActivities<TrainingActivities>`).
 *
 * A new stage or domain whose activities run on the pipeline queue adds its factory to
 * `createPipelineActivities` (one line); one with a queue of its own exports a bag of its own here.
 */
import type { Config } from '../lib/config.js';
import type { ObjectStore } from '../lib/object-store.js';
import type { WorkerMetrics } from '../lib/worker-metrics.js';
import type { ArtifactLoaders } from '../models/loaders.js';
import type { ModelRegistry } from '../models/registry/types.js';
import { createCleanupActivities } from './cleanup.js';
import { createDeploymentActivities } from './deployment.js';
import { createDriftActivities } from './drift.js';
import { createFeatureActivities } from './features.js';
import { createIngestionActivities } from './ingestion.js';
import { createLiveDriftActivities } from './live-drift.js';
import { createRealisedActivities } from './realised.js';
import { createRetrainingClaimActivities } from './retraining-claim.js';
import { createRunMetricActivities } from './run-metrics.js';
import { createStoreProbeActivities } from './store-probe.js';
import { createTrainingActivities } from './training.js';
import { createValidationActivities } from './validation.js';

export interface ActivityDeps {
  store: ObjectStore;
  registry: ModelRegistry;
  loaders: ArtifactLoaders;
  sources: Config['sources'];
  /** Recorded in each model's lineage: the commit the worker runs. */
  codeVersion: string;
  /** The worker process's metrics registry, served on its metrics port. */
  metrics: WorkerMetrics;
}

/** The `cashflow-pipeline` queue: every stage but training, the monitoring loop and the store probe. */
export function createPipelineActivities(deps: ActivityDeps) {
  return {
    ...createStoreProbeActivities(deps),
    ...createIngestionActivities(deps),
    ...createFeatureActivities(deps),
    ...createValidationActivities(deps),
    ...createDriftActivities(deps),
    ...createDeploymentActivities(deps),
    ...createCleanupActivities(deps),
    ...createLiveDriftActivities(deps),
    ...createRealisedActivities(deps),
    ...createRetrainingClaimActivities(deps),
    ...createRunMetricActivities(deps),
  };
}

/** The training queue (`trainingQueueFor(pipeline)`): the model trainings, CPU-bound on worker threads. */
export { createTrainingActivities };

export type PipelineActivities = ReturnType<typeof createPipelineActivities>;
export type TrainingActivities = ReturnType<typeof createTrainingActivities>;
