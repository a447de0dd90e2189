/**
 * The error catalogue: stable codes, each with the HTTP status the API answers and whether retrying can
 * help. Codes are a contract with clients and operators; add new ones, never repurpose old ones.
 */
export const errorCatalogue = {
  BAD_REQUEST: { status: 400, retryable: false },
  INVALID_INPUT: { status: 400, retryable: false },
  UNAUTHORIZED: { status: 401, retryable: false },
  NOT_FOUND: { status: 404, retryable: false },
  /** The path exists, the method does not: the answer's `Allow` header lists the methods that do. */
  METHOD_NOT_ALLOWED: { status: 405, retryable: false },
  /** The request (headers or body) did not arrive within the server's time limit. */
  REQUEST_TIMEOUT: { status: 408, retryable: true },
  /** A credential in the URL: URLs end up in logs, proxies and browser history, so it is refused. */
  CREDENTIALS_IN_QUERY: { status: 400, retryable: false },
  /** Too many failed authentications from one client address; `Retry-After` says when to try again. */
  TOO_MANY_AUTH_FAILURES: { status: 429, retryable: true },
  /** Too many open connections from one client address. */
  TOO_MANY_CONNECTIONS: { status: 429, retryable: true },
  REQUEST_HEADERS_TOO_LARGE: { status: 431, retryable: false },
  OBJECT_NOT_FOUND: { status: 404, retryable: false },
  RATE_LIMITED: { status: 429, retryable: true },
  INTERNAL: { status: 500, retryable: true },
  DEPENDENCY_UNAVAILABLE: { status: 503, retryable: true },
  NO_MODEL_LOADED: { status: 503, retryable: true },
  INTEGRITY_CHECK_FAILED: { status: 500, retryable: false },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false },
  /** A registered version or alias that does not exist (registry reads, promotion of a missing version). */
  VERSION_NOT_FOUND: { status: 404, retryable: false },
  ALIAS_NOT_FOUND: { status: 404, retryable: false },
  /** The artifacts are intact but no engine can load them, or they disagree with the manifest's signature. */
  MODEL_LOAD_FAILED: { status: 500, retryable: false },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
  get status(): number {
    return errorCatalogue[this.code].status;
  }
  get retryable(): boolean {
    return errorCatalogue[this.code].retryable;
  }
}
