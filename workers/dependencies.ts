/**
 * The one place activity dependencies are assembled: the worker processes, the benchmarks and the
 * integration tests all call `activityDependencies`, so they run the same store, registry and loaders.
 */
import type { ActivityDeps } from '../activities/index.js';
import type { Config } from '../lib/config.js';
import type { ObjectStore } from '../lib/object-store.js';
import { createWorkerMetrics, type WorkerMetrics } from '../lib/worker-metrics.js';
import { defaultLoaders } from '../models/loaders.js';
import { createObjectStoreRegistry } from '../models/registry/object-store-registry.js';
import { pipelineStages } from '../workflows/pipeline-types.js';

/** A worker's metrics, with a zero series for each stage of the training pipeline. */
export function pipelineWorkerMetrics(): WorkerMetrics {
  return createWorkerMetrics({ stages: pipelineStages });
}

export function activityDependencies(
  config: Pick<Config, 'sources'>,
  options: {
    store: ObjectStore;
    /** Recorded in each model's lineage: the commit the worker runs, or a label for benchmarks and tests. */
    codeVersion: string;
    metrics?: WorkerMetrics;
  },
): ActivityDeps {
  return {
    store: options.store,
    registry: createObjectStoreRegistry(options.store),
    loaders: defaultLoaders(),
    sources: config.sources,
    codeVersion: options.codeVersion,
    metrics: options.metrics ?? pipelineWorkerMetrics(),
  };
}
