/** GET /metrics: this instance's Prometheus metrics in the text exposition format. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const metrics: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics',
        security: [],
        produces: ['text/plain'],
        response: { 200: Type.String({ description: 'The Prometheus text exposition format.' }) },
      },
    },
    async (_request, reply) => {
      const { registry } = fastify.metrics;
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
};

export default metrics;
