import { AppError, isAppError } from '../errors/app-error';

/**
 * SQLSTATE classes and codes after which the same statement can succeed on another attempt: the
 * connection went away, the server is starting or shutting down, or we lost a race.
 */
const RETRYABLE_SQLSTATE_CLASSES = ['08', '53', '57'];
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01', '55P03']);
/** Data exceptions and integrity violations: the data itself is refused, retrying cannot help. */
const REJECTED_SQLSTATE_CLASSES = ['22', '23'];
/** Socket-level failures, raised by `net`/`pg` before any SQLSTATE exists. */
const RETRYABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// node-postgres reports a dropped socket or a pool timeout with a plain Error and only a message.
const RETRYABLE_MESSAGES =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|client has encountered a connection error|server closed the connection/i;

/** Walks `cause` links: Drizzle wraps driver errors in DrizzleQueryError. */
function* causes(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

function property(error: unknown, key: string): string | undefined {
  const value = typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Maps whatever a driver threw to AppError, keeping the original as `cause`. */
export function toAppError(error: unknown, operation: string): AppError {
  for (const e of causes(error)) if (isAppError(e)) return e;
  for (const e of causes(error)) {
    const sqlState = property(e, 'code');
    const message = property(e, 'message') ?? String(e);
    if (sqlState && /^[0-9A-Z]{5}$/.test(sqlState)) {
      const cls = sqlState.slice(0, 2);
      const details = { operation, sqlState, constraint: property(e, 'constraint') };
      if (RETRYABLE_SQLSTATES.has(sqlState) || RETRYABLE_SQLSTATE_CLASSES.includes(cls)) {
        return new AppError('DATABASE_UNAVAILABLE', `${operation}: ${message}`, details, { cause: error });
      }
      if (REJECTED_SQLSTATE_CLASSES.includes(cls)) {
        return new AppError('STORAGE_REJECTED', `${operation}: ${message}`, details, { cause: error });
      }
    }
    if ((sqlState && RETRYABLE_NODE_CODES.has(sqlState)) || RETRYABLE_MESSAGES.test(message)) {
      return new AppError(
        'DATABASE_UNAVAILABLE',
        `${operation}: ${message}`,
        { operation, code: sqlState },
        { cause: error },
      );
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', `${operation}: ${message}`, { operation }, { cause: error });
}
