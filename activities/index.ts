/**
 * All activities, built from their dependencies. Workers call `createActivities`; workflows import only the
 * type of what it returns.
 */
import type { Config } from '../lib/config.js';
import type { ObjectStore } from '../lib/object-store.js';
import type { WorkerMetrics } from '../lib/worker-metrics.js';
import type { ArtifactLoaders } from '../models/artifact-loaders.js';
import type { ModelRegistry } from '../models/registry/types.js';
import { createCleanupActivities } from './cleanup.js';
import { createDeploymentActivities } from './deployment.js';
import { createDriftActivities } from './drift.js';
import { createFeatureActivities } from './features.js';
import { createIngestionActivities } from './ingestion.js';
import { createMonitoringActivities } from './monitoring.js';
import { createRealisedActivities } from './realised.js';
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

export function createActivities(deps: ActivityDeps) {
  return {
    ...createStoreProbeActivities(deps),
    ...createIngestionActivities(deps),
    ...createFeatureActivities(deps),
    ...createTrainingActivities(deps),
    ...createValidationActivities(deps),
    ...createDriftActivities(deps),
    ...createDeploymentActivities(deps),
    ...createCleanupActivities(deps),
    ...createMonitoringActivities(deps),
    ...createRealisedActivities(deps),
  };
}

/** What workflows proxy: `proxyActivities<Activities>(profile)`. */
export type Activities = ReturnType<typeof createActivities>;
