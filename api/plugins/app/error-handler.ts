/**
 * The one error handler: client mistakes keep their message and name the field; server errors are logged
 * in full and answered with a generic message, so internals never leak to clients.
 */
import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { AppError, errorCatalogue } from '../../../lib/errors.js';

export default fp(
  async (fastify) => {
    fastify.setErrorHandler<FastifyError | AppError>((error, request, reply) => {
      if (error instanceof AppError) {
        if (error.status >= 500) request.log.error({ err: error }, 'request failed');
        return reply.status(error.status).send({
          statusCode: error.status,
          code: error.code,
          error: error.name,
          message: error.status >= 500 ? 'Internal error' : error.message,
        });
      }
      const status = error.statusCode ?? 500;
      if (error.validation) {
        return reply.status(400).send({
          statusCode: 400,
          code: 'INVALID_INPUT',
          error: 'Bad Request',
          message: error.message,
        });
      }
      if (status < 500) {
        return reply.status(status).send({
          statusCode: status,
          code: status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST',
          error: error.name,
          message: error.message,
        });
      }
      request.log.error({ err: error }, 'request failed');
      return reply.status(errorCatalogue.INTERNAL.status).send({
        statusCode: 500,
        code: 'INTERNAL',
        error: 'Internal Server Error',
        message: 'Internal error',
      });
    });
    fastify.setNotFoundHandler((request, reply) => {
      void reply.status(404).send({
        statusCode: 404,
        code: 'NOT_FOUND',
        error: 'Not Found',
        message: `Route ${request.method} ${request.url} does not exist`,
      });
    });
  },
  { name: 'error-handler' },
);
