/**
 * GET /health: the reference system's `{"status": "healthy", "timestamp": ...}`, plus which versions the
 * process runs and whether the object store, Temporal and (when configured) PostgreSQL answer. Always 200 while the process serves (readiness with a model is /ready's job).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponse } from '../../schemas/health.js';
import { dependencyVersions, serviceVersion } from '../../../lib/versions.js';

const checkTimeoutMs = 1500;

async function timed<T>(
  check: () => Promise<T>,
): Promise<{ reachable: boolean; latencyMs: number; error?: string; value?: T }> {
  const start = performance.now();
  try {
    const value = await check();
    return { reachable: true, latencyMs: Math.round(performance.now() - start), value };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { reachable: false, latencyMs: Math.round(performance.now() - start), error };
  }
}

const health: FastifyPluginAsyncTypebox = async (fastify) => {
  const versions = dependencyVersions();
  fastify.get(
    '/health',
    {
      schema: {
        summary: 'Liveness and dependency reachability',
        security: [],
        response: { 200: HealthResponse },
      },
    },
    async () => {
      const database = fastify.database;
      const [store, temporal, db] = await Promise.all([
        timed(() => fastify.objectStore.ping(checkTimeoutMs)),
        timed(() => fastify.temporal.check(checkTimeoutMs)),
        database ? timed(() => database.check(checkTimeoutMs)) : undefined,
      ]);
      const allReachable = store.reachable && temporal.reachable && (db?.reachable ?? true);
      return {
        status: allReachable ? ('healthy' as const) : ('degraded' as const),
        timestamp: new Date().toISOString(),
        service: 'cashflow-api',
        version: serviceVersion,
        uptimeSeconds: Math.round(process.uptime()),
        dependencies: {
          objectStore: {
            reachable: store.reachable,
            latencyMs: store.latencyMs,
            ...(store.error ? { error: store.error } : {}),
            endpoint: fastify.objectStore.endpoint,
            bucket: fastify.objectStore.bucket,
          },
          temporal: {
            reachable: temporal.reachable,
            latencyMs: temporal.latencyMs,
            ...(temporal.error ? { error: temporal.error } : {}),
            address: fastify.temporal.address,
            namespace: fastify.temporal.namespace,
            ...(temporal.value ? { serverVersion: temporal.value.serverVersion } : {}),
          },
          ...(database && db
            ? {
                database: {
                  reachable: db.reachable,
                  latencyMs: db.latencyMs,
                  ...(db.error ? { error: db.error } : {}),
                  url: database.url,
                },
              }
            : {}),
        },
        versions,
      };
    },
  );
};

export default health;
