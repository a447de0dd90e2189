/**
 * What integration tests need from the run's real servers: a configuration pointing at them, an object
 * store, a Temporal client and a worker on a task queue of the test's own.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, Runtime, DefaultLogger } from '@temporalio/worker';
import { loadConfig, type Config } from '../../lib/config.js';
import { createObjectStore, type ObjectStore } from '../../lib/object-store.js';
import { createActivities, type ActivityDeps } from '../../activities/index.js';

let runtimeInstalled = false;

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
  };
}

export async function freshStore(config = integrationConfig()): Promise<ObjectStore> {
  const store = createObjectStore(config.s3);
  await store.ensureBucket();
  return store;
}

export async function temporalClient(config = integrationConfig()): Promise<Client> {
  const connection = await Connection.connect({ address: config.temporal.address });
  return new Client({ connection, namespace: config.temporal.namespace });
}

/** Runs `fn` while a real worker (with the run's pre-built workflow bundle) polls a fresh task queue. */
export async function withWorker<T>(
  deps: ActivityDeps,
  fn: (ctx: { taskQueue: string; client: Client }) => Promise<T>,
  config = integrationConfig(),
): Promise<T> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const taskQueue = `test-${randomUUID()}`;
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const client = await temporalClient(config);
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue,
      workflowBundle: { code: readFileSync(inject('workflowBundlePath'), 'utf8') },
      activities: createActivities(deps),
    });
    return await worker.runUntil(fn({ taskQueue, client }));
  } finally {
    await client.connection.close();
    await connection.close();
  }
}
