/**
 * The one error handler: client mistakes keep their message and name the field; server errors are logged
 * in full and answered with a generic message, so internals never leak to clients. Every answer has the
 * shape of api/error-body.ts and is counted in errors_total by its code. Unknown paths are a 404, a known
 * path with a method it does not answer a 405 with `Allow`.
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from '../../../lib/db/errors.js';
import { AppError, type ErrorCode } from '../../../lib/errors.js';
import { errorBody } from '../../error-body.js';
import { redactUrl } from '../../url-credentials.js';
import { describeValidation } from '../../validation-errors.js';
import type { FieldProblem } from '../../schemas/error.js';

/** Fastify's own client errors, mapped to catalogue codes and the field they concern. */
const fastifyClientErrors: Record<string, { code: ErrorCode; field: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'BAD_REQUEST', field: 'body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'BAD_REQUEST', field: 'body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', field: 'content-length' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', field: 'body' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' },
};

/** Any other 4xx a plugin raises, by status, with the part of the request it concerns. */
const byStatus: Record<number, { code: ErrorCode; field: string }> = {
  404: { code: 'NOT_FOUND', field: 'url' },
  405: { code: 'METHOD_NOT_ALLOWED', field: 'method' },
  408: { code: 'REQUEST_TIMEOUT', field: 'request' },
  413: { code: 'PAYLOAD_TOO_LARGE', field: 'body' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' },
  429: { code: 'RATE_LIMITED', field: 'authorization' },
  431: { code: 'REQUEST_HEADERS_TOO_LARGE', field: 'headers' },
};

function send(reply: FastifyReply, code: ErrorCode, message: string, problems: FieldProblem[] = []) {
  const body = errorBody(code, message, problems);
  reply.server.metrics.errors.inc({ kind: code });
  if (code === 'UNAUTHORIZED') void reply.header('www-authenticate', 'Bearer realm="cashflow-api"');
  return reply.status(body.statusCode).send(body);
}

/** The problems an AppError carries: its list, or its one field with the message. */
function problemsOf(error: AppError): FieldProblem[] {
  const details = error.details as { field?: string; errors?: FieldProblem[] };
  if (details.errors && details.errors.length > 0) return details.errors;
  const field = details.field ?? 'request';
  const prefix = `${field} `;
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return [{ field, message }];
}

export default fp(
  async (fastify) => {
    fastify.setErrorHandler<FastifyError | AppError>((error, request, reply) => {
      if (error instanceof AppError) {
        if (error.status >= 500) {
          request.log.error({ err: error }, 'request failed');
          // A 503 says why (no model, store down); other 5xx answers carry no internals.
          return send(reply, error.code, error.status === 503 ? error.message : 'Internal error');
        }
        const retryAfter = (error.details as { retryAfterSeconds?: number }).retryAfterSeconds;
        if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
        return send(reply, error.code, error.message, problemsOf(error));
      }
      if (error.validation) {
        const problems = describeValidation(error.validation, error.validationContext ?? 'body');
        const first = problems[0] as FieldProblem;
        return send(reply, 'INVALID_INPUT', `${first.field} ${first.message}`, problems);
      }
      const status = error.statusCode ?? 500;
      const known = fastifyClientErrors[error.code] ?? (status < 500 ? byStatus[status] : undefined);
      if (known || status < 500) {
        const { code, field } = known ?? { code: 'BAD_REQUEST' as const, field: 'request' };
        return send(reply, code, `${field}: ${error.message}`, [{ field, message: error.message }]);
      }
      request.log.error({ err: error }, 'request failed');
      // A route that needs PostgreSQL while it is down: a retryable 503 that says so, not an internal error.
      if (isDatabaseUnavailable(error)) {
        return send(reply, 'DEPENDENCY_UNAVAILABLE', 'the database (PostgreSQL) is unreachable; retry later');
      }
      return send(reply, 'INTERNAL', 'Internal error');
    });
    fastify.setNotFoundHandler((request, reply) => {
      const path = redactUrl(request.url);
      const allowed = fastify.allowedMethods(request.url);
      if (allowed.length > 0) {
        void reply.header('allow', allowed.join(', '));
        const message = `method ${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`;
        return send(reply, 'METHOD_NOT_ALLOWED', message, [{ field: 'method', message }]);
      }
      const message = `Route ${request.method} ${path} does not exist`;
      return send(reply, 'NOT_FOUND', message, [{ field: 'url', message: 'matches no route' }]);
    });
  },
  { name: 'error-handler', dependencies: ['metrics', 'route-catalogue'] },
);
