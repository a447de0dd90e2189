/**
 * GET /ready: 200 `ready` when a model is loaded and the store answers; 200 `degraded` when a model is
 * loaded but the store does not answer (the replica still serves, so it stays in the load balancer);
 * 503 `unavailable` with the reason when no model is loaded. PostgreSQL's reachability is reported beside
 * (when configured) without changing the status: predictions never need it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ReadyResponse } from '../../schemas/ready.js';

const storeTimeoutMs = 1000;

const ready: FastifyPluginAsyncTypebox = async (fastify) => {
  /** PostgreSQL's reachability when configured: reported, never a reason to stop serving predictions. */
  async function databaseState(): Promise<{ reachable: boolean; error?: string } | undefined> {
    if (!fastify.database) return undefined;
    try {
      await fastify.database.check(storeTimeoutMs);
      return { reachable: true };
    } catch (err) {
      return { reachable: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  fastify.get(
    '/ready',
    {
      schema: {
        summary: 'Readiness: a model is loaded',
        security: [],
        response: { 200: ReadyResponse, 503: ReadyResponse },
      },
    },
    async (_request, reply) => {
      const holder = fastify.modelHolder;
      const [reachable, database] = await Promise.all([holder.probeStore(storeTimeoutMs), databaseState()]);
      const status = holder.status();
      const objectStore = { reachable, ...(status.storeError ? { error: status.storeError } : {}) };
      const common = {
        objectStore,
        ...(database ? { database } : {}),
        ...(status.lastFailure ? { lastFailure: status.lastFailure } : {}),
      };
      if (!status.model) {
        return reply.status(503).send({ status: 'unavailable' as const, reason: status.reason, ...common });
      }
      if (!reachable) {
        const reason =
          'the object store is unreachable: serving the loaded model, promotions are not picked up';
        return { status: 'degraded' as const, reason, model: status.model, ...common };
      }
      return { status: 'ready' as const, model: status.model, ...common };
    },
  );
};

export default ready;
