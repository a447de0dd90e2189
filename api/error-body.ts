/**
 * The one shape of every error answer, built in one place: by the error handler, and by the handlers that
 * write to a raw socket (the HTTP parser's errors, the per-address connection limit). Lists and texts are
 * capped, so a request with a hundred thousand bad field names gets a small answer.
 */
import { STATUS_CODES } from 'node:http';
import { errorCatalogue, type ErrorCode } from '../lib/errors.js';
import type { ErrorResponse, FieldProblem } from './schemas/error.js';

/** Enough to fix a request; the message says how many more there were. */
export const maxListedProblems = 20;
/** Longest field name echoed back; client-supplied names can be of any length. */
export const maxEchoedLength = 120;
/** Longest message; a message may hold a field name and the advice on fixing it. */
const maxMessageLength = 400;

export function clip(text: string, max = maxEchoedLength): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * `problems` name the fields at fault (at least one for a 4xx); a 5xx has none. The message is the
 * caller's, clipped; it should begin with the first field.
 */
export function errorBody(
  code: ErrorCode,
  message: string,
  problems: readonly FieldProblem[] = [],
): ErrorResponse {
  const statusCode = errorCatalogue[code].status;
  const errors = problems
    .slice(0, maxListedProblems)
    .map((p) => ({ field: clip(p.field), message: clip(p.message, maxMessageLength) }));
  const unlisted = problems.length - errors.length;
  return {
    statusCode,
    code,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message:
      clip(message, maxMessageLength) + (unlisted > 0 ? ` (${unlisted} more problems not listed)` : ''),
    field: errors[0]?.field ?? '',
    errors,
  };
}

/** A whole HTTP/1.1 response, for a socket no Fastify reply exists for; the connection closes after it. */
export function rawErrorResponse(body: ErrorResponse, headers: Record<string, string> = {}): string {
  const json = JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${body.statusCode} ${body.error}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${json}`;
}
