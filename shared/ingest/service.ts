import { createHash } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import type { AppConfig } from '../config/app-config';
import type { ParseResult } from '../contracts/validate';
import type { DocumentInput, ReparseCandidate, Repository, StoredDocument, StoreParseOutcome } from '../db/repository';
import type { BatchParseInput } from '../db/store-batch';
import { AppError, isAppError } from '../errors/app-error';
import { extractText } from '../extract';
import type { Logger } from '../logging/logger';
import type { Topic } from '../messaging/topic';
import { type ContentType, PARSER_VERSION, parseJobDescription } from '../parser';
import { contentDigest, type Delivery, decodeMessage, type Submission } from './delivery';

/**
 * The use-cases the three functions share: a delivery from the topic, an upload, a re-parse.
 * Transport-free: they take decoded input and return outcomes; retryable failures are thrown as
 * AppErrors for the transport's one mapper to turn into a nack or a 503.
 */
export interface ServiceDeps {
  repository: () => Promise<Repository>;
  topic: Topic;
  logger: Logger;
  config: Pick<AppConfig, 'maxUploadBytes' | 'reparse'>;
  /** Injected so that tests can make time pass; Date.now by default. */
  now?: () => number;
}

export type DeliveryOutcome =
  /** parseId: for a posting stored with its parse (a stored document's re-parse does not read it back). */
  | { status: 'stored' | 'duplicate'; documentId: string; parseId?: string }
  | { status: 'rejected'; code: string; rejectionId: string }
  | { status: 'failed'; code: string; documentId: string }
  | { status: 'skipped'; reason: 'DOCUMENT_NOT_FOUND' | 'ALREADY_PARSED'; documentId: string };

export interface UploadRequest {
  submission: Submission;
  /** Parse inline and answer with the result (201) instead of queueing it (202). */
  wait: boolean;
  idempotencyKey: string | undefined;
}

export interface UploadOutcome {
  documentId: string;
  /** False when the same content (or Idempotency-Key) was uploaded before. */
  created: boolean;
  /** With wait: the current parse. */
  result?: ParseResult;
  /** Without wait: the id of the message queued for parsing, if one was published. */
  messageId?: string;
}

export interface ReparseRequest {
  force: boolean;
  cursor: string | undefined;
  batchSize: number;
  timeBudgetMs: number;
  /** inline: parse here; fanout: publish one message per document and let the parse function scale out. */
  mode: 'inline' | 'fanout';
}

export interface ReparseOutcome {
  parserVersion: string;
  mode: 'inline' | 'fanout';
  processed: number;
  stored: number;
  failed: number;
  published: number;
  /** Pass back to continue; null when every document was visited. */
  cursor: string | null;
  done: boolean;
  elapsedMs: number;
}

export interface ParsedDocument {
  document: DocumentInput;
  result: ParseResult;
  durationMs: number;
  warnings: string[];
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** Extraction and parse of one submission, no I/O: the text that will be stored and its parse. */
export async function prepare(submission: Submission, maxBytes: number): Promise<ParsedDocument> {
  const started = performance.now();
  const { document, warnings } = await extract(submission, maxBytes);
  const { result } = await parseStored(document);
  return { document, result, durationMs: round(performance.now() - started), warnings };
}

/**
 * The document a submission becomes, without parsing it: what an upload answered 202 stores. Every
 * refusal of the input itself (empty, binary, too large, unreadable, unsupported) happens here.
 */
export async function extract(
  submission: Submission,
  maxBytes: number,
): Promise<{ document: DocumentInput; warnings: string[] }> {
  if (submission.bytes.length > maxBytes) {
    throw new AppError('INPUT_TOO_LARGE', `the posting is ${submission.bytes.length} bytes; the limit is ${maxBytes}`, {
      size: submission.bytes.length,
      limit: maxBytes,
    });
  }
  const extracted = await pure('extract', () =>
    extractText({ bytes: submission.bytes, contentType: submission.contentType, fileName: submission.fileName }),
  );
  const document: DocumentInput = {
    source: submission.source,
    // Without an id at its source, a posting is identified by its content: the same bytes are the
    // same document, anything else is another one.
    externalId: submission.externalId ?? contentDigest(submission.bytes),
    contentType: extracted.contentType,
    text: extracted.text,
    sourceFormat: extracted.sourceFormat === extracted.contentType ? null : extracted.sourceFormat,
    metadata: submission.metadata ?? null,
  };
  return { document, warnings: extracted.warnings };
}

function asDocumentInput(stored: StoredDocument): DocumentInput {
  return {
    source: stored.source,
    externalId: stored.externalId,
    contentType: stored.contentType,
    text: stored.text,
    sourceFormat: stored.sourceFormat,
    metadata: stored.metadata,
  };
}

/**
 * Runs a step with no I/O. What it throws besides an AppError is a bug that the same input will hit
 * again: it becomes a permanent INTERNAL error (recorded, acked) rather than a redelivery loop.
 */
async function pure<T>(step: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('INTERNAL', `${step} failed unexpectedly`, { step }, { cause: error });
  }
}

async function parseStored(document: DocumentInput): Promise<{ result: ParseResult; durationMs: number }> {
  const started = performance.now();
  const result = await pure('parse', () =>
    parseJobDescription({ text: document.text, contentType: document.contentType as ContentType }),
  );
  return { result, durationMs: round(performance.now() - started) };
}

export function createJobDescriptionService(deps: ServiceDeps) {
  const now = deps.now ?? Date.now;

  /**
   * Parses a stored document and stores the parse by the batch path (a few statements; the
   * document's text is not sent back to the database). Idempotent per document and parser version,
   * so a redelivered message needs no delivery record. A permanent failure is recorded on the
   * document and reported, not thrown.
   */
  async function parseStoredDocument(
    repo: Repository,
    id: string,
    document: DocumentInput,
    options: { force: boolean },
  ): Promise<DeliveryOutcome> {
    let parsed: { result: ParseResult; durationMs: number };
    try {
      parsed = await parseStored(document);
    } catch (error) {
      if (isAppError(error) && error.retryable) throw error;
      const code = isAppError(error) ? error.code : 'INTERNAL';
      return recordFailure(repo, id, code);
    }
    const outcome = await repo.storeParses([{ documentId: id, ...document, ...parsed }], { replace: options.force });
    const rejected = outcome.rejected[0];
    // A parse the database refuses (STORAGE_REJECTED) would be refused again: record it, move on.
    if (rejected) return recordFailure(repo, id, rejected.code);
    return { status: outcome.stored > 0 ? 'stored' : 'duplicate', documentId: id };
  }

  async function recordFailure(repo: Repository, documentId: string, code: string): Promise<DeliveryOutcome> {
    await repo.recordParseFailure({ documentId, parserVersion: PARSER_VERSION, code, durationMs: 0 });
    deps.logger.warn({ documentId, code }, 'parse failed; recorded on the document');
    return { status: 'failed', code, documentId };
  }

  return {
    /**
     * One delivery from the topic. Returns for everything that must be acked (stored, duplicate,
     * rejected and recorded); throws only what another delivery can fix.
     */
    async handleDelivery(delivery: Delivery, rawPayload: Buffer): Promise<DeliveryOutcome> {
      const repo = await deps.repository();
      const log = deps.logger.child({ messageId: delivery.messageId });
      try {
        const work = decodeMessage(delivery.data, delivery.attributes, deps.config.maxUploadBytes);
        if (work.kind === 'document') {
          const stored = await repo.getDocument(work.documentId, { failure: false });
          if (!stored) {
            log.warn({ documentId: work.documentId }, 'document to parse no longer exists');
            return { status: 'skipped', reason: 'DOCUMENT_NOT_FOUND', documentId: work.documentId };
          }
          if (!work.force && stored.parse?.parserVersion === PARSER_VERSION) {
            return { status: 'skipped', reason: 'ALREADY_PARSED', documentId: stored.id };
          }
          return await parseStoredDocument(repo, stored.id, asDocumentInput(stored), { force: work.force });
        }
        const parsed = await prepare(work.submission, deps.config.maxUploadBytes);
        const stored = await repo.storeParse({
          document: parsed.document,
          result: parsed.result,
          durationMs: parsed.durationMs,
          messageId: delivery.messageId,
        });
        return deliveredAs(stored);
      } catch (error) {
        if (!isAppError(error) || error.retryable) throw error;
        const { id } = await repo.recordRejection({
          source: 'pubsub',
          reason: error.code,
          detail: detailOf(error),
          messageId: delivery.messageId,
          rawPayload,
        });
        return { status: 'rejected', code: error.code, rejectionId: id };
      }
    },

    /** An upload: stored, then parsed inline (wait) or queued on the topic. */
    async upload(request: UploadRequest): Promise<UploadOutcome> {
      const repo = await deps.repository();
      const idempotency = request.idempotencyKey
        ? { key: request.idempotencyKey, requestHash: hashRequest(request.submission) }
        : undefined;
      if (idempotency) {
        const bound = await repo.findIdempotencyKey(idempotency.key);
        if (bound) return replay(repo, bound, idempotency.requestHash, request.wait);
      }
      let outcome: UploadOutcome;
      if (request.wait) {
        const parsed = await prepare(request.submission, deps.config.maxUploadBytes);
        const stored = await repo.storeParse({
          document: parsed.document,
          result: parsed.result,
          durationMs: parsed.durationMs,
        });
        const current = stored.created
          ? parsed.result
          : (await repo.getDocument(stored.documentId, { failure: false }))?.parse?.result;
        outcome = { documentId: stored.documentId, created: stored.created, result: current ?? parsed.result };
      } else {
        // Parsed once, by whoever takes the message: here only what refuses bad input runs.
        const { document } = await extract(request.submission, deps.config.maxUploadBytes);
        const stored = await repo.storeDocument(document);
        outcome = { documentId: stored.documentId, created: stored.created };
        const current = stored.created ? null : await repo.getDocument(stored.documentId, { failure: false });
        if (!current?.parse || current.parse.parserVersion !== PARSER_VERSION) {
          outcome.messageId = await deps.topic.publish({ documentId: stored.documentId });
        }
      }
      if (idempotency) {
        const bound = await repo.bindIdempotencyKey(idempotency.key, idempotency.requestHash, outcome.documentId);
        if (bound.documentId !== outcome.documentId) return replay(repo, bound, idempotency.requestHash, request.wait);
      }
      return outcome;
    },

    /** A request that never became a delivery (not a push body): kept with its bytes. */
    async recordRejection(error: AppError, rawPayload: Buffer): Promise<void> {
      const repo = await deps.repository();
      await repo.recordRejection({ source: 'pubsub', reason: error.code, detail: detailOf(error), rawPayload });
    },

    async getDocument(id: string): Promise<StoredDocument | null> {
      return (await deps.repository()).getDocument(id);
    },

    /**
     * Brings documents up to this parser version, a batch at a time, until none is left or the
     * time budget is spent; the cursor continues where it stopped. Memory is three batches (one
     * read ahead, one parsed, one stored).
     */
    async reparse(request: ReparseRequest): Promise<ReparseOutcome> {
      const repo = await deps.repository();
      const started = now();
      const outcome: ReparseOutcome = {
        parserVersion: PARSER_VERSION,
        mode: request.mode,
        processed: 0,
        stored: 0,
        failed: 0,
        published: 0,
        cursor: request.cursor ?? null,
        done: false,
        elapsedMs: 0,
      };
      let after = request.cursor;
      const page = (from: string | undefined) => {
        const read = repo.findDocumentsToReparse({
          parserVersion: PARSER_VERSION,
          force: request.force,
          after: from,
          limit: request.batchSize,
        });
        // Handled here so a page read ahead of an error that ends the run is not an unhandled
        // rejection; awaiting it still throws.
        read.catch(() => undefined);
        return read;
      };
      // Inline, batch k is stored (PostgreSQL, on its own core) while batch k+1 is parsed here, and
      // the page after k+1 is read meanwhile: the main thread does not wait for pages.
      let storing: Promise<void> = Promise.resolve();
      let next: Promise<ReparseCandidate[]> | null = page(after);
      while (next !== null && now() - started < request.timeBudgetMs) {
        const batch: ReparseCandidate[] = await next;
        next = null;
        if (batch.length === 0) {
          outcome.done = true;
          break;
        }
        if (batch.length === request.batchSize) next = page(batch.at(-1)?.id);
        if (request.mode === 'fanout') {
          // Published together: the client batches them into few requests.
          await Promise.all(
            batch.map((c) => deps.topic.publish({ documentId: c.id, ...(request.force ? { force: true } : {}) })),
          );
          outcome.published += batch.length;
        } else {
          const parsed: BatchParseInput[] = [];
          const failures: { documentId: string; code: string }[] = [];
          for (const candidate of batch) {
            try {
              const { result, durationMs } = await parseStored(candidate.document);
              parsed.push({ documentId: candidate.id, ...candidate.document, result, durationMs });
            } catch (error) {
              if (isAppError(error) && error.retryable) throw error;
              failures.push({ documentId: candidate.id, code: isAppError(error) ? error.code : 'INTERNAL' });
            }
            // Parsing never waits on I/O, so without this the previous batch's transaction would
            // take its next step (BEGIN, locks, insert, promote, COMMIT: each an answer to read)
            // only once this whole batch is parsed, and the two would not overlap at all.
            await setImmediate();
          }
          await storing;
          storing = storeBatch(repo, parsed, failures, request.force, outcome);
        }
        outcome.processed += batch.length;
        after = batch.at(-1)?.id;
        if (batch.length < request.batchSize) {
          outcome.done = true;
          break;
        }
      }
      await storing;
      // A page read ahead of a spent budget is read again by the next run, from the cursor.
      await next?.catch(() => undefined);
      outcome.cursor = outcome.done ? null : (after ?? null);
      outcome.elapsedMs = now() - started;
      deps.logger.info({ ...outcome }, 'reparse step finished');
      return outcome;
    },
  };

  async function storeBatch(
    repo: Repository,
    parsed: BatchParseInput[],
    failures: { documentId: string; code: string }[],
    force: boolean,
    outcome: ReparseOutcome,
  ): Promise<void> {
    const stored = parsed.length > 0 ? await repo.storeParses(parsed, { replace: force }) : null;
    outcome.stored += stored?.stored ?? 0;
    // Refused by the parser or by the database: recorded, so the next run does not try again.
    for (const failure of [...failures, ...(stored?.rejected ?? [])]) {
      await recordFailure(repo, failure.documentId, failure.code);
      outcome.failed += 1;
    }
  }

  async function replay(
    repo: Repository,
    bound: { requestHash: string; documentId: string },
    requestHash: string,
    wait: boolean,
  ): Promise<UploadOutcome> {
    if (bound.requestHash !== requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request', {
        documentId: bound.documentId,
      });
    }
    const stored = await repo.getDocument(bound.documentId);
    if (!stored) throw new AppError('NOT_FOUND', 'the document of this Idempotency-Key no longer exists');
    return {
      documentId: stored.id,
      created: false,
      ...(wait && stored.parse ? { result: stored.parse.result } : {}),
    };
  }
}

export type JobDescriptionService = ReturnType<typeof createJobDescriptionService>;

/** What an Idempotency-Key stands for: the body and every parameter that shapes the document. */
function hashRequest(submission: Submission): string {
  const { bytes, ...rest } = submission;
  return createHash('sha256')
    .update(JSON.stringify([rest.contentType, rest.fileName, rest.source, rest.externalId, rest.metadata ?? null]))
    .update(bytes)
    .digest('hex');
}

function deliveredAs(stored: StoreParseOutcome): DeliveryOutcome {
  return { status: stored.created ? 'stored' : 'duplicate', documentId: stored.documentId, parseId: stored.parseId };
}

function detailOf(error: AppError): string {
  const errors = error.details.errors;
  return Array.isArray(errors) ? `${error.message}: ${errors.join('; ')}` : error.message;
}
