/** Starts the prediction API: builds the app from configuration and listens. Closes cleanly on SIGINT/SIGTERM. */
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { loadConfig } from '../lib/config.js';
import { createObjectStore } from '../lib/object-store.js';
import { defaultLoaders } from '../models/loaders.js';
import app from './app.js';
import { apiServerOptions } from './http-server.js';
import { apiLoggerOptions } from './logger-options.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const fastify = Fastify(
    apiServerOptions(config.api.limits, apiLoggerOptions(config.logLevel)),
  ).withTypeProvider<TypeBoxTypeProvider>();
  await fastify.register(app, {
    store: createObjectStore(config.s3),
    temporal: config.temporal,
    database: config.database,
    api: config.api,
    // Every artifact format the pipeline writes: the forest engines and the cashflow net.
    loaders: defaultLoaders(),
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      fastify.log.info({ signal }, 'shutting down');
      fastify.close().then(
        () => process.exit(0),
        (err: unknown) => {
          fastify.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  await fastify.listen({ host: config.api.host, port: config.api.port });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
