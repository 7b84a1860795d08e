import type { Request, Response } from 'express';
import { AppError, ERROR_CODES, type ErrorCode, isAppError } from '../../shared/errors/app-error';

/**
 * The one place that decides what an error means to a caller: an HTTP status and an RFC 9457
 * problem document for HTTP, ack or retry for Pub/Sub. Everything else throws AppErrors.
 */

/**
 * Handlers and the body reader throw AppErrors; anything else that reaches a mapper is a bug:
 * a generic INTERNAL whose cause is logged, never shown.
 */
export function toAppError(error: unknown): AppError {
  return isAppError(error) ? error : new AppError('INTERNAL', 'internal error', {}, { cause: error });
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  [extension: string]: unknown;
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  INPUT_EMPTY: 'Empty posting',
  INPUT_TOO_LARGE: 'Posting too large',
  INPUT_BINARY: 'Posting is binary',
  UNSUPPORTED_CONTENT_TYPE: 'Unsupported media type',
  INVALID_INPUT: 'Invalid request',
  DOCUMENT_UNREADABLE: 'Unreadable document',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency-Key reused',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  DATABASE_UNAVAILABLE: 'Storage unavailable',
  PUBLISH_FAILED: 'Queue unavailable',
  TIMEOUT: 'Timed out',
  STORAGE_REJECTED: 'Posting cannot be stored',
};

/** Details safe to show a caller: codes, sizes, field names; never a stack or a cause. */
const PUBLIC_DETAILS = ['reason', 'field', 'errors', 'limit', 'size', 'contentType', 'fileName', 'format', 'allowed'];

export function toProblem(error: AppError, instance?: string): Problem {
  const status = ERROR_CODES[error.code].httpStatus;
  const problem: Problem = {
    type: `https://jd-parser.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[error.code] ?? 'Internal error',
    status,
    // An internal error's message may name internals: callers get a generic sentence.
    detail: error.code === 'INTERNAL' ? 'The server failed to process the request.' : error.message,
    code: error.code,
    ...(instance ? { instance } : {}),
  };
  for (const key of PUBLIC_DETAILS) {
    if (error.details[key] !== undefined) problem[key] = error.details[key];
  }
  return problem;
}

export function sendProblem(req: Request, res: Response, error: AppError): void {
  const problem = toProblem(error, req.originalUrl);
  if (error.retryable) res.setHeader('Retry-After', '5');
  if (error.code === 'METHOD_NOT_ALLOWED' && Array.isArray(error.details.allowed)) {
    res.setHeader('Allow', error.details.allowed.join(', '));
  }
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/**
 * Pub/Sub push: any 2xx acks, anything else is redelivered with backoff. A delivery that throws was
 * not acked on purpose: a retryable failure (503), or an unexpected one (500), worth another
 * delivery until the subscription dead-letters it. Permanent failures are recorded and answered
 * 200 before they get here.
 */
export function pushRetryStatus(error: AppError): number {
  return error.retryable ? 503 : 500;
}
