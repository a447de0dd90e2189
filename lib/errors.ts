/**
 * The error catalogue: stable codes, each with the HTTP status the API answers and whether retrying can
 * help. Codes are a contract with clients and operators; add new ones, never repurpose old ones.
 */
export const errorCatalogue = {
  BAD_REQUEST: { status: 400, retryable: false },
  INVALID_INPUT: { status: 400, retryable: false },
  UNAUTHORIZED: { status: 401, retryable: false },
  NOT_FOUND: { status: 404, retryable: false },
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
