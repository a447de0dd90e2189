/**
 * What one client may take from the API: how long it may take to send a request, how many connections it
 * may hold open, and how many wrong tokens it may try. Declared like every other variable and merged into
 * `configSpec` by lib/config.ts.
 */
import type { VarSpec } from './config.js';

export const apiLimitsSpec = {
  API_REQUEST_TIMEOUT_SECONDS: {
    kind: 'number',
    default: '30',
    doc: 'Longest time a client may take to send a whole request (headers and body); then 408 and the connection is closed. 0 disables.',
  },
  API_HEADERS_TIMEOUT_SECONDS: {
    kind: 'number',
    default: '10',
    doc: 'Longest time a client may take to send the request headers (at most API_REQUEST_TIMEOUT_SECONDS).',
  },
  API_IDLE_TIMEOUT_SECONDS: {
    kind: 'number',
    default: '30',
    doc: 'A connection on which no byte moves for this long is closed, a stalled upload included. 0 disables.',
  },
  API_KEEP_ALIVE_TIMEOUT_SECONDS: {
    kind: 'number',
    default: '5',
    doc: 'How long an idle keep-alive connection is kept open for the next request.',
  },
  API_MAX_CONNECTIONS_PER_IP: {
    kind: 'int',
    default: '256',
    doc: 'Open connections one client address may hold; beyond, a new connection gets 429 and is closed. 0 disables.',
  },
  API_AUTH_FAILURES_PER_MINUTE: {
    kind: 'int',
    default: '10',
    doc: 'Wrong or malformed tokens one client address may send per minute; beyond, 429 with Retry-After until the minute ends. 0 disables.',
  },
} satisfies Record<string, VarSpec>;

export interface ApiLimits {
  /** Whole request (headers and body); 0 disables. */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** Socket inactivity in either direction; 0 disables. */
  idleTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** 0 disables. */
  maxConnectionsPerIp: number;
  /** 0 disables. */
  authFailuresPerMinute: number;
}

type ApiLimitsKey = keyof typeof apiLimitsSpec;

export function apiLimitsConfig(
  must: (key: ApiLimitsKey) => string,
  configError: (message: string) => Error,
): ApiLimits {
  const ms = (key: ApiLimitsKey) => Math.round(Number(must(key)) * 1000);
  const limits: ApiLimits = {
    requestTimeoutMs: ms('API_REQUEST_TIMEOUT_SECONDS'),
    headersTimeoutMs: ms('API_HEADERS_TIMEOUT_SECONDS'),
    idleTimeoutMs: ms('API_IDLE_TIMEOUT_SECONDS'),
    keepAliveTimeoutMs: ms('API_KEEP_ALIVE_TIMEOUT_SECONDS'),
    maxConnectionsPerIp: Number(must('API_MAX_CONNECTIONS_PER_IP')),
    authFailuresPerMinute: Number(must('API_AUTH_FAILURES_PER_MINUTE')),
  };
  // Node refuses a headers timeout longer than the request timeout it is part of.
  if (limits.requestTimeoutMs > 0 && limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw configError(
      `API_HEADERS_TIMEOUT_SECONDS=${must('API_HEADERS_TIMEOUT_SECONDS')} is longer than ` +
        `API_REQUEST_TIMEOUT_SECONDS=${must('API_REQUEST_TIMEOUT_SECONDS')}: the headers are part of the request`,
    );
  }
  return limits;
}
