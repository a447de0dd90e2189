/** The OpenAPI document, generated from the route schemas, and its UI at /docs. */
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serviceVersion } from '../../../lib/versions.js';

export default fp(
  async (fastify) => {
    await fastify.register(swagger, {
      openapi: {
        info: {
          title: 'Cash-flow forecasting API',
          version: serviceVersion,
          description:
            'Predictions from the production model in the registry. Every route except /health, /ready, ' +
            '/metrics and /docs (configurable) needs `Authorization: Bearer <token>`; each token may send ' +
            'RATE_LIMIT_PER_MINUTE requests per minute (429 with Retry-After beyond).',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
    });
    await fastify.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'swagger' },
);
