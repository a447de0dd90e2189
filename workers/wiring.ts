/** What every worker process builds from the configuration: logger, runtime, store, registry, activities. */
import { Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import type { Config } from '../lib/config.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { createObjectStore } from '../lib/object-store.js';
import { codeVersion } from '../lib/versions.js';
import { createDefaultLoaders } from '../models/default-loaders.js';
import { createModelRegistry } from '../models/registry/minio-registry.js';

export function installRuntime(log: Logger): void {
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
}

export async function buildActivities(config: Config) {
  const store = createObjectStore(config.s3);
  await store.ensureBucket();
  const activities = createActivities({
    store,
    registry: createModelRegistry(store),
    loaders: createDefaultLoaders(),
    sources: config.sources,
    codeVersion: codeVersion(),
  });
  return { store, activities };
}

export { createLogger };
