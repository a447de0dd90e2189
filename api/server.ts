/** Starts the prediction API: builds the app from configuration and listens. Closes cleanly on SIGINT/SIGTERM. */
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { loadConfig } from '../lib/config.js';
import { createObjectStore } from '../lib/object-store.js';
import app from './app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const fastify = Fastify({
    logger: { level: config.logLevel, name: 'api' },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();
  await fastify.register(app, { store: createObjectStore(config.s3), temporal: config.temporal });

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
