/**
 * Worker for the `cashflow-pipeline` task queue: runs the workflows and the I/O-bound activities.
 * Stops gracefully on SIGINT/SIGTERM (the Temporal runtime's shutdown signals): in-flight activities get
 * their grace time, then the connection is closed.
 */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import { loadConfig } from '../lib/config.js';
import { createLogger } from '../lib/logger.js';
import { createObjectStore } from '../lib/object-store.js';
import { taskQueues } from '../lib/temporal-names.js';

async function run(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('worker-pipeline', config.logLevel);
  Runtime.install({
    logger: {
      log: (level, message, meta) =>
        log[level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'info')](meta ?? {}, message),
      trace: (m, meta) => log.trace(meta ?? {}, m),
      debug: (m, meta) => log.debug(meta ?? {}, m),
      info: (m, meta) => log.info(meta ?? {}, m),
      warn: (m, meta) => log.warn(meta ?? {}, m),
      error: (m, meta) => log.error(meta ?? {}, m),
    },
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } },
  });

  const store = createObjectStore(config.s3);
  await store.ensureBucket();
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: taskQueues.pipeline,
      workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
      activities: createActivities({ store }),
    });
    log.info(
      { taskQueue: taskQueues.pipeline, temporal: config.temporal.address, store: store.endpoint },
      'worker started',
    );
    await worker.run();
    log.info('worker stopped');
  } finally {
    await connection.close();
  }
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
