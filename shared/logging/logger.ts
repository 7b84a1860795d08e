import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from '../config/app-config';

/**
 * Structured JSON logs in Cloud Logging's format: one object per line with `severity` and
 * `message`, trace correlation under `logging.googleapis.com/trace`. pino is used for its speed
 * and child loggers; only the field names are shaped here.
 *
 * Never log document text: the fields passed are ids, codes, counts and durations.
 */
export type Logger = PinoLogger<never, boolean>;

const SEVERITY: Record<string, string> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

const PINO_LEVEL: Record<LogLevel, string> = { debug: 'debug', info: 'info', warning: 'warn', error: 'error' };

export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: PINO_LEVEL[options.level ?? 'info'],
      messageKey: 'message',
      // No pid/hostname: Cloud Run labels every entry with its instance already.
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ severity: SEVERITY[label] ?? 'DEFAULT' }),
      },
      serializers: { err: serializeError },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  ) as Logger;
}

/** Errors by code and message only: a stack is useful, a payload echoed in a message is not. */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    stack: error.stack,
  };
}

/**
 * The trace fields Cloud Logging joins with Cloud Trace: from `traceparent` (W3C) or
 * `X-Cloud-Trace-Context` ("TRACE_ID/SPAN_ID;o=1"). Empty when there is no trace or no project.
 */
export function traceFields(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  projectId: string | undefined,
): Record<string, string | boolean> {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  let traceId: string | undefined;
  let spanId: string | undefined;
  let sampled = false;
  const parent = header('traceparent');
  const w3c = parent ? /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/i.exec(parent.trim()) : null;
  if (w3c) {
    traceId = w3c[1];
    spanId = w3c[2];
    sampled = (Number.parseInt(w3c[3] as string, 16) & 1) === 1;
  } else {
    const cloud = /^([\da-f]{32})(?:\/(\d+))?(?:;o=([01]))?/i.exec(header('x-cloud-trace-context') ?? '');
    if (cloud) {
      traceId = cloud[1];
      spanId = cloud[2] ? BigInt(cloud[2]).toString(16).padStart(16, '0') : undefined;
      sampled = cloud[3] === '1';
    }
  }
  if (!traceId || !projectId) return {};
  return {
    'logging.googleapis.com/trace': `projects/${projectId}/traces/${traceId}`,
    ...(spanId ? { 'logging.googleapis.com/spanId': spanId } : {}),
    'logging.googleapis.com/trace_sampled': sampled,
  };
}
