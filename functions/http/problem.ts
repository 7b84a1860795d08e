import type { Request, Response } from 'express';
import { AppError, ERROR_CODES, type ErrorCode, isAppError } from '../../shared/errors/app-error';

/**
 * The one place that decides what an error means to a caller: an HTTP status and an RFC 9457
 * problem document for HTTP, ack or retry for Pub/Sub. Everything else throws AppErrors.
 */

/** Body-parser and Express errors carry `type` and `status`: translated to our codes. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const e = error as { type?: unknown; status?: unknown; expected?: unknown; limit?: unknown };
  if (e && e.type === 'entity.too.large') {
    return new AppError('INPUT_TOO_LARGE', 'the request body is over the size limit', { limit: e.limit });
  }
  if (e && (e.type === 'request.aborted' || e.type === 'request.size.invalid' || e.type === 'stream.encoding.set')) {
    return new AppError('INVALID_INPUT', 'the request body could not be read', { reason: String(e.type) });
  }
  return new AppError('INTERNAL', 'internal error', {}, { cause: error });
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

/** Pub/Sub push: any 2xx acks, anything else is redelivered with backoff. */
export function pushStatusFor(error: AppError): number {
  return error.retryable ? 503 : 200;
}
