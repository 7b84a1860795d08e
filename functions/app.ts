import Ajv2020 from 'ajv/dist/2020';
import type { Request, Response } from 'express';
import type { AppConfig } from '../shared/config/app-config';
import { describeSchemaErrors, validateMessageMetadata } from '../shared/contracts/validate';
import type { StoredDocument } from '../shared/db/repository';
import { AppError, isAppError } from '../shared/errors/app-error';
import { SOURCE_FORMATS } from '../shared/extract';
import { decodeJsonMessage, readPushRequest, type Submission } from '../shared/ingest/delivery';
import type { JobDescriptionService, ReparseRequest } from '../shared/ingest/service';
import { type Logger, traceFields } from '../shared/logging/logger';
import { bodyBytes, header } from './http/body';
import { parseMultipart } from './http/multipart';
import { pushRetryStatus, sendProblem, toAppError } from './http/problem';
import openapi from './openapi.json';

export type HttpHandler = (req: Request, res: Response) => Promise<void>;

export interface Handlers {
  parseJobDescription: HttpHandler;
  uploadJobDescription: HttpHandler;
  reparseJobDescriptions: HttpHandler;
}

export interface HandlerDeps {
  service: JobDescriptionService;
  logger: Logger;
  config: Pick<AppConfig, 'maxUploadBytes' | 'reparse'>;
  projectId: string | undefined;
}

const UPLOAD_PATH = /^\/job-descriptions\/?$/;
// Ids are UUIDs: nothing in one needs percent-decoding, and a malformed escape is simply not an id.
const DOCUMENT_PATH = /^\/job-descriptions\/([^/]+)\/?$/;

/** Bodies that are the posting itself: every format extraction reads, or bytes it types by name and content. */
const RAW_BODY_TYPES = new Set<string>([...SOURCE_FORMATS, 'application/octet-stream']);

const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes: false });
const reparseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    force: { type: 'boolean' },
    cursor: { type: ['string', 'null'], maxLength: 64 },
    batchSize: { type: 'integer', minimum: 1, maximum: 5000 },
    timeBudgetMs: { type: 'integer', minimum: 100, maximum: 3_600_000 },
    mode: { enum: ['inline', 'fanout'] },
  },
} as const;
const validateReparse = ajv.compile<{
  force?: boolean;
  cursor?: string | null;
  batchSize?: number;
  timeBudgetMs?: number;
  mode?: 'inline' | 'fanout';
}>(reparseSchema);

function mediaType(req: Request): string {
  return (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function queryFlag(req: Request, name: string): boolean {
  const value = queryString(req, name)?.toLowerCase();
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1' || value === '') return true;
  throw new AppError('INVALID_INPUT', `${name} must be true or false`, { field: name });
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('INVALID_INPUT', 'the body is not valid JSON', { reason: 'INVALID_JSON' });
  }
}

/** The multipart form's `metadata` field: a JSON object under the message schema's rule. */
function metadataField(raw: string | undefined): Submission['metadata'] {
  if (raw === undefined) return undefined;
  const value = parseJson(Buffer.from(raw));
  const outcome = validateMessageMetadata(value);
  if (!outcome.valid) {
    throw new AppError('INVALID_INPUT', 'the metadata field is not a flat JSON object', {
      reason: 'SCHEMA_VIOLATION',
      field: 'metadata',
      errors: describeSchemaErrors(outcome.errors),
    });
  }
  return value as Submission['metadata'];
}

/** The upload body, in any of the accepted forms, as one Submission. */
async function readUpload(req: Request, maxBytes: number): Promise<Submission> {
  const type = mediaType(req);
  const bytes = bodyBytes(req);
  const source = queryString(req, 'source') ?? 'http';
  const externalId = queryString(req, 'externalId');
  if (type === 'application/json') {
    const work = decodeJsonMessage(parseJson(bytes), maxBytes);
    if (work.kind !== 'submission') {
      throw new AppError('INVALID_INPUT', 'documentId is not accepted on uploads', { field: 'documentId' });
    }
    return { ...work.submission, source: work.submission.source === 'pubsub' ? source : work.submission.source };
  }
  if (type === 'multipart/form-data') {
    const form = await parseMultipart(bytes, header(req, 'content-type') ?? '', maxBytes);
    if (!form.file) throw new AppError('INVALID_INPUT', 'the form has no file part', { field: 'file' });
    return {
      bytes: form.file.bytes,
      contentType: form.file.contentType,
      fileName: form.file.fileName,
      source: form.fields.source?.trim() || source,
      externalId: form.fields.externalId?.trim() || externalId,
      metadata: metadataField(form.fields.metadata),
    };
  }
  if (RAW_BODY_TYPES.has(type)) {
    return {
      bytes,
      contentType: type === 'application/octet-stream' ? undefined : header(req, 'content-type'),
      fileName: queryString(req, 'fileName'),
      source,
      externalId,
      metadata: undefined,
    };
  }
  throw new AppError('UNSUPPORTED_CONTENT_TYPE', `Content-Type ${type || '(none)'} is not accepted`, {
    contentType: type || null,
    allowed: ['application/json', 'multipart/form-data', ...RAW_BODY_TYPES],
  });
}

function documentView(document: StoredDocument) {
  return {
    id: document.id,
    source: document.source,
    externalId: document.externalId,
    version: document.version,
    isLatest: document.isLatest,
    contentType: document.contentType,
    sourceFormat: document.sourceFormat,
    metadata: document.metadata,
    byteSize: document.byteSize,
    receivedAt: document.receivedAt.toISOString(),
    status: document.parse ? 'parsed' : document.failure ? 'failed' : 'pending',
    failure: document.failure && {
      parserVersion: document.failure.parserVersion,
      code: document.failure.code,
      at: document.failure.at.toISOString(),
    },
    parse: document.parse && {
      id: document.parse.id,
      parserVersion: document.parse.parserVersion,
      parsedAt: document.parse.parsedAt.toISOString(),
      durationMs: document.parse.durationMs,
      result: document.parse.result,
    },
  };
}

function notAllowed(allowed: string[]): AppError {
  return new AppError('METHOD_NOT_ALLOWED', `use ${allowed.join(' or ')}`, { allowed });
}

/**
 * The three functions as Express handlers: decode, validate, call one use-case, map the outcome.
 * The same handlers serve the Functions Framework (functions/index.ts) and our server.
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { service, config } = deps;

  /** Runs a handler with a request-scoped logger; every failure goes through the one mapper. */
  function handler(name: string, fn: (req: Request, res: Response, log: Logger) => Promise<void>): HttpHandler {
    return async (req, res) => {
      const log = deps.logger.child({ function: name, ...traceFields(req.headers, deps.projectId) });
      try {
        await fn(req, res, log);
      } catch (caught) {
        const error = toAppError(caught);
        const fields = { code: error.code, path: req.path, method: req.method };
        if (error.code === 'INTERNAL' || error.retryable) log.error({ ...fields, err: caught }, 'request failed');
        else log.info(fields, 'request refused');
        if (!res.headersSent) sendProblem(req, res, error);
      }
    };
  }

  return {
    parseJobDescription: handler('parseJobDescription', async (req, res, log) => {
      if (req.method !== 'POST') throw notAllowed(['POST']);
      const raw = bodyBytes(req);
      let delivery: ReturnType<typeof readPushRequest>;
      try {
        delivery = readPushRequest(raw, req.headers);
      } catch (error) {
        // Not something Pub/Sub sends: refused to the sender, and kept for whoever misconfigured it.
        if (isAppError(error)) await service.recordRejection(error, raw);
        throw error;
      }
      const scoped = log.child({ messageId: delivery.messageId, deliveryAttempt: delivery.deliveryAttempt });
      try {
        const outcome = await service.handleDelivery(delivery, raw);
        const level = outcome.status === 'rejected' || outcome.status === 'failed' ? 'warn' : 'info';
        scoped[level]({ ...outcome }, `message ${outcome.status}`);
        res.status(200).json(outcome);
      } catch (caught) {
        const error = toAppError(caught);
        scoped.error({ code: error.code, err: caught }, 'message not processed; Pub/Sub will redeliver');
        res.status(pushRetryStatus(error)).json({ status: 'retry', code: error.code });
      }
    }),

    uploadJobDescription: handler('uploadJobDescription', async (req, res, log) => {
      if (req.path === '/openapi.json') {
        if (req.method !== 'GET') throw notAllowed(['GET']);
        res.status(200).json(openapi);
        return;
      }
      const one = DOCUMENT_PATH.exec(req.path);
      if (one) {
        if (req.method !== 'GET') throw notAllowed(['GET']);
        const document = await service.getDocument(one[1] as string);
        if (!document) throw new AppError('NOT_FOUND', 'no job description has this id');
        if (!document.parse && !document.failure) res.setHeader('Retry-After', '1');
        res.status(200).json(documentView(document));
        return;
      }
      if (!UPLOAD_PATH.test(req.path) && req.path !== '/') throw new AppError('NOT_FOUND', `no route ${req.path}`);
      if (req.method !== 'POST') throw notAllowed(['POST']);
      const wait = queryFlag(req, 'wait');
      const submission = await readUpload(req, config.maxUploadBytes);
      const outcome = await service.upload({ submission, wait, idempotencyKey: header(req, 'idempotency-key') });
      const location = `/job-descriptions/${outcome.documentId}`;
      log.info({ documentId: outcome.documentId, created: outcome.created, wait }, 'upload accepted');
      res.setHeader('Location', location);
      if (wait) {
        res.status(outcome.created ? 201 : 200).json({
          id: outcome.documentId,
          created: outcome.created,
          location,
          result: outcome.result,
        });
      } else {
        res.status(202).json({ id: outcome.documentId, created: outcome.created, status: 'queued', location });
      }
    }),

    reparseJobDescriptions: handler('reparseJobDescriptions', async (req, res, log) => {
      if (req.method !== 'POST') throw notAllowed(['POST']);
      const raw = bodyBytes(req);
      const body = raw.length === 0 ? {} : parseJson(raw);
      if (!validateReparse(body)) {
        throw new AppError('INVALID_INPUT', 'the re-parse request is invalid', {
          reason: 'SCHEMA_VIOLATION',
          errors: describeSchemaErrors(validateReparse.errors ?? []),
        });
      }
      const request: ReparseRequest = {
        force: body.force ?? false,
        cursor: body.cursor ?? undefined,
        batchSize: body.batchSize ?? config.reparse.batchSize,
        timeBudgetMs: body.timeBudgetMs ?? config.reparse.timeBudgetMs,
        mode: body.mode ?? 'inline',
      };
      const outcome = await service.reparse(request);
      log.info({ ...outcome }, 'reparse call finished');
      res.status(200).json(outcome);
    }),
  };
}
