/**
 * Decorates the app with a probe of the Temporal frontend. The connection is lazy, so the API starts (and
 * serves predictions) while Temporal is down, and it is closed with the app.
 */
import fp from 'fastify-plugin';
import { Connection } from '@temporalio/client';
import type { Config } from '../../../lib/config.js';
import { withTimeout } from '../../../lib/object-store.js';
import { describeTemporal } from '../../../lib/temporal.js';

export interface TemporalProbe {
  address: string;
  namespace: string;
  /** Resolves with the server version when the namespace answers within `timeoutMs`. */
  check(timeoutMs: number): Promise<{ serverVersion: string }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    temporal: TemporalProbe;
  }
}

export default fp<{ temporal: Config['temporal'] }>(
  async (fastify, opts) => {
    const { address, namespace } = opts.temporal;
    let connection: Connection | undefined;
    const probe: TemporalProbe = {
      address,
      namespace,
      async check(timeoutMs) {
        connection ??= await withTimeout(
          Connection.connect({ address, connectTimeout: timeoutMs }),
          timeoutMs,
          `Temporal at ${address}`,
        );
        return describeTemporal(connection, { address, namespace }, timeoutMs);
      },
    };
    fastify.decorate('temporal', probe);
    fastify.addHook('onClose', async () => {
      await connection?.close();
    });
  },
  { name: 'temporal' },
);
