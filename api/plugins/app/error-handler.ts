/**
 * The one error handler: client mistakes keep their message and name the field; server errors are logged
 * in full and answered with a generic message, so internals never leak to clients. Every error answer is
 * counted in errors_total by its code.
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply } from 'fastify';
import { AppError, errorCatalogue, type ErrorCode } from '../../../lib/errors.js';
import { describeValidation } from '../../validation-errors.js';
import type { ErrorResponse, FieldProblem } from '../../schemas/error.js';

/** Fastify's own client errors, mapped to catalogue codes and the field they concern. */
const fastifyClientErrors: Record<string, { code: ErrorCode; field: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'BAD_REQUEST', field: 'body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'BAD_REQUEST', field: 'body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', field: 'content-length' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', field: 'body' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' },
};

function send(reply: FastifyReply, code: ErrorCode, body: Omit<ErrorResponse, 'statusCode' | 'code'>) {
  const status = errorCatalogue[code].status;
  reply.server.metrics.errors.inc({ kind: code });
  if (code === 'UNAUTHORIZED') void reply.header('www-authenticate', 'Bearer realm="cashflow-api"');
  return reply.status(status).send({ statusCode: status, code, ...body });
}

function withField(problems: FieldProblem[]): Pick<ErrorResponse, 'field' | 'errors' | 'message'> {
  const first = problems[0] as FieldProblem;
  return { field: first.field, errors: problems, message: `${first.field} ${first.message}` };
}

export default fp(
  async (fastify) => {
    fastify.setErrorHandler<FastifyError | AppError>((error, request, reply) => {
      if (error instanceof AppError) {
        if (error.status >= 500) {
          request.log.error({ err: error }, 'request failed');
          // A 503 says why (no model, store down); other 5xx answers carry no internals.
          const message = error.status === 503 ? error.message : 'Internal error';
          return send(reply, error.code, { error: error.name, message });
        }
        const details = error.details as { field?: string; errors?: FieldProblem[] };
        const problems =
          details.errors ?? (details.field ? [{ field: details.field, message: '' }] : undefined);
        return send(reply, error.code, {
          error: error.name,
          message: error.message,
          ...(problems ? { field: problems[0]?.field, errors: details.errors } : {}),
        });
      }
      if (error.validation) {
        const problems = describeValidation(error.validation, error.validationContext ?? 'body');
        return send(reply, 'INVALID_INPUT', { error: 'Bad Request', ...withField(problems) });
      }
      const known = fastifyClientErrors[error.code];
      if (known) {
        const message = `${known.field}: ${error.message}`;
        return send(reply, known.code, { error: error.name, message, field: known.field });
      }
      const status = error.statusCode ?? 500;
      if (status < 500) {
        const code: ErrorCode =
          status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
        return send(reply, code, { error: error.name, message: error.message });
      }
      request.log.error({ err: error }, 'request failed');
      return send(reply, 'INTERNAL', { error: 'Internal Server Error', message: 'Internal error' });
    });
    fastify.setNotFoundHandler((request, reply) => {
      void send(reply, 'NOT_FOUND', {
        error: 'Not Found',
        message: `Route ${request.method} ${request.url} does not exist`,
      });
    });
  },
  { name: 'error-handler', dependencies: ['metrics'] },
);
