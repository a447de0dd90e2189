/** Per-token rate limiting (@fastify/rate-limit), keyed by the token id set by the auth hook. */
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '../../../lib/errors.js';

export default fp<{ perMinute: number }>(
  async (fastify, opts) => {
    await fastify.register(rateLimit, {
      global: true,
      max: opts.perMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => request.tokenId,
      // Open routes (no token) are not limited: probes and scrapers must always get through.
      allowList: (request) => request.tokenId === '',
      errorResponseBuilder: (_request, context) =>
        new AppError(
          'RATE_LIMITED',
          `authorization: this token exceeded ${context.max} requests per minute; retry in ${context.after}`,
          { field: 'authorization' },
        ),
    });
  },
  { name: 'rate-limit', dependencies: ['auth'] },
);
