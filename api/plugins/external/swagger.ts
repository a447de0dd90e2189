/** The OpenAPI document, generated from the route schemas, and its UI at /docs. */
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serviceVersion } from '../../../lib/versions.js';

export interface SwaggerOptions {
  /** Applied to the generated document on every request for it (it is generated once). */
  transformSpecification?: (spec: unknown) => unknown;
}

export default fp<SwaggerOptions>(
  async (fastify, opts) => {
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
    await fastify.register(swaggerUi, {
      routePrefix: '/docs',
      ...(opts.transformSpecification
        ? {
            transformSpecification: (spec: Readonly<Record<string, unknown>>) =>
              opts.transformSpecification!(spec) as Record<string, unknown>,
          }
        : {}),
    });
  },
  { name: 'swagger' },
);
