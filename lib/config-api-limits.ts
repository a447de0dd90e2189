/**
 * What one client may take from the API: how long it may take to send a request, how many connections it
 * may hold open, and how many wrong tokens it may try. A section of the configuration (lib/config.ts).
 */
import { ConfigError, configSection } from './config-vars.js';

export const apiLimitsSection = configSection(
  {
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
  },
  (v) => {
    const ms = (seconds: number) => Math.round(seconds * 1000);
    const limits = {
      /** Whole request (headers and body); 0 disables. */
      requestTimeoutMs: ms(v.API_REQUEST_TIMEOUT_SECONDS),
      headersTimeoutMs: ms(v.API_HEADERS_TIMEOUT_SECONDS),
      /** Socket inactivity in either direction; 0 disables. */
      idleTimeoutMs: ms(v.API_IDLE_TIMEOUT_SECONDS),
      keepAliveTimeoutMs: ms(v.API_KEEP_ALIVE_TIMEOUT_SECONDS),
      /** 0 disables. */
      maxConnectionsPerIp: v.API_MAX_CONNECTIONS_PER_IP,
      /** 0 disables. */
      authFailuresPerMinute: v.API_AUTH_FAILURES_PER_MINUTE,
    };
    // Node refuses a headers timeout longer than the request timeout it is part of.
    if (limits.requestTimeoutMs > 0 && limits.headersTimeoutMs > limits.requestTimeoutMs) {
      throw new ConfigError(
        `API_HEADERS_TIMEOUT_SECONDS=${v.API_HEADERS_TIMEOUT_SECONDS} is longer than ` +
          `API_REQUEST_TIMEOUT_SECONDS=${v.API_REQUEST_TIMEOUT_SECONDS}: the headers are part of the request`,
      );
    }
    return limits;
  },
);

export type ApiLimits = ReturnType<typeof apiLimitsSection.build>;
