/**
 * What integration tests need from the run's real servers: a configuration pointing at them, an object
 * store, a Temporal client and real workers (pipeline and training queues) of the test's own.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, Runtime, DefaultLogger } from '@temporalio/worker';
import { loadConfig, type Config } from '../../lib/config.js';
import { createObjectStore, type ObjectStore } from '../../lib/object-store.js';
import { trainingQueueFor } from '../../lib/temporal-names.js';
import {
  createPipelineActivities,
  createTrainingActivities,
  type ActivityDeps,
  type PipelineActivities,
  type TrainingActivities,
} from '../../activities/index.js';
import { activityDependencies } from '../../workers/dependencies.js';
import { heartbeatDelivery } from '../../workers/wiring.js';

let runtimeInstalled = false;

/**
 * Installs the process's Temporal runtime once (it cannot be replaced). A test that scrapes the SDK's own
 * metrics calls this first with the exporter's address; everyone else gets the quiet default.
 */
export function installTestRuntime(sdkMetricsAddress?: string): void {
  if (runtimeInstalled) return;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    ...(sdkMetricsAddress
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: {
                bindAddress: sdkMetricsAddress,
                countersTotalSuffix: true,
                useSecondsForDurations: true,
              },
            },
          },
        }
      : {}),
  });
  runtimeInstalled = true;
}

export function integrationConfig(overrides: Partial<Config['s3']> = {}): Config {
  const base = loadConfig({});
  return {
    ...base,
    temporal: {
      ...base.temporal,
      address: inject('temporalAddress'),
      namespace: inject('temporalNamespace'),
      external: true,
    },
    s3: { ...base.s3, ...inject('s3'), external: true, ...overrides },
    database: { ...base.database, url: inject('databaseUrl'), external: true },
  };
}

export async function freshStore(config = integrationConfig()): Promise<ObjectStore> {
  const store = createObjectStore(config.s3);
  await store.ensureBucket();
  return store;
}

/** A store on a bucket of its own, so a test can count what it wrote. */
export async function isolatedStore(prefix: string): Promise<ObjectStore> {
  return freshStore(integrationConfig({ bucket: `${prefix}-${randomUUID().slice(0, 8)}` }));
}

export async function temporalClient(config = integrationConfig()): Promise<Client> {
  const connection = await Connection.connect({ address: config.temporal.address });
  return new Client({ connection, namespace: config.temporal.namespace });
}

/** Activity dependencies on the real store, with the real registry and loaders unless overridden. */
export function activityDeps(store: ObjectStore, overrides: Partial<ActivityDeps> = {}): ActivityDeps {
  return {
    ...activityDependencies(loadConfig({}), { store, codeVersion: 'integration-test' }),
    ...overrides,
  };
}

/**
 * Runs `fn` while real workers (the run's pre-built workflow bundle) poll a fresh pipeline task queue and
 * its training queue.
 */
export async function withWorker<T>(
  deps: ActivityDeps,
  fn: (ctx: { taskQueue: string; client: Client }) => Promise<T>,
  config = integrationConfig(),
  /** Activities to run instead of the real ones (e.g. one that fails on cue). */
  replace: Partial<PipelineActivities & TrainingActivities> = {},
): Promise<T> {
  installTestRuntime();
  const taskQueue = `test-${randomUUID()}`;
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const client = await temporalClient(config);
  try {
    const trainingActivities = createTrainingActivities(deps);
    // Each replacement goes to the queue whose bag has an activity of that name.
    const pick = (inTraining: boolean) =>
      Object.fromEntries(
        Object.entries(replace).filter(([name]) => name in trainingActivities === inTraining),
      );
    const pipeline = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue,
      workflowBundle: { code: readFileSync(inject('workflowBundlePath'), 'utf8') },
      activities: { ...createPipelineActivities(deps), ...pick(false) },
      ...heartbeatDelivery,
    });
    const training = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: trainingQueueFor(taskQueue),
      activities: { ...trainingActivities, ...pick(true) },
      ...heartbeatDelivery,
    });
    return await pipeline.runUntil(training.runUntil(fn({ taskQueue, client })));
  } finally {
    await client.connection.close();
    await connection.close();
  }
}
