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
