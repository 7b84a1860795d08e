/**
 * The project's one error type. `code` is stable (callers and tests branch on it, never on
 * `message`); `retryable` tells the transport whether another attempt can succeed: Pub/Sub
 * redelivers, HTTP answers 503, the CLI exits non-zero either way.
 */
export const ERROR_CODES = {
  INPUT_EMPTY: { retryable: false, httpStatus: 400 },
  INPUT_TOO_LARGE: { retryable: false, httpStatus: 413 },
  INPUT_BINARY: { retryable: false, httpStatus: 400 },
  UNSUPPORTED_CONTENT_TYPE: { retryable: false, httpStatus: 415 },
  INVALID_INPUT: { retryable: false, httpStatus: 400 },
  /** A PDF or Word file that cannot be read (corrupt, encrypted, not what its type says, no text layer). */
  DOCUMENT_UNREADABLE: { retryable: false, httpStatus: 400 },
  /** An Idempotency-Key sent again with a different request body. */
  IDEMPOTENCY_KEY_REUSED: { retryable: false, httpStatus: 422 },
  NOT_FOUND: { retryable: false, httpStatus: 404 },
  METHOD_NOT_ALLOWED: { retryable: false, httpStatus: 405 },
  /** The topic could not take the message (Pub/Sub unreachable, quota): the caller may try again. */
  PUBLISH_FAILED: { retryable: true, httpStatus: 503 },
  /** The work did not finish in the time it was given: another attempt can succeed. */
  TIMEOUT: { retryable: true, httpStatus: 503 },
  INTERNAL: { retryable: false, httpStatus: 500 },
  /** The database could not be reached or dropped the connection: another attempt can succeed. */
  DATABASE_UNAVAILABLE: { retryable: true, httpStatus: 503 },
  /** The database refused the data itself (constraint, encoding): retrying the same data cannot help. */
  STORAGE_REJECTED: { retryable: false, httpStatus: 422 },
  /** Missing or contradictory environment settings: a deployment fix, not a retry. */
  CONFIG_INVALID: { retryable: false, httpStatus: 500 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.retryable = ERROR_CODES[code].retryable;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
