import { createHash } from 'node:crypto';
import { and, eq, inArray, max, sql } from 'drizzle-orm';
import type { ParseResult } from '../contracts/validate';
import { AppError } from '../errors/app-error';
import type { Database } from './client';
import { toAppError } from './errors';
import {
  documents,
  parses,
  processedDeliveries,
  rejections,
  requirementSkills,
  requirements,
  responsibilities,
  skills,
} from './schema';
import { compareParserVersions } from './versions';

export interface DocumentInput {
  source: string;
  externalId: string;
  contentType: string;
  text: string;
  receivedAt?: Date;
}

export interface StoreParseInput {
  document: DocumentInput;
  result: ParseResult;
  durationMs: number;
  /** The transport's delivery id (Pub/Sub messageId): a second delivery is a no-op. */
  messageId?: string;
}

export interface StoreParseOutcome {
  documentId: string;
  parseId: string;
  /** True when this call wrote the parse; false when it (or the delivery) was already stored. */
  created: boolean;
}

export interface StoredDocument {
  id: string;
  source: string;
  externalId: string;
  version: number;
  isLatest: boolean;
  contentType: string;
  text: string;
  byteSize: number;
  receivedAt: Date;
  parse: { id: string; parserVersion: string; parsedAt: Date; durationMs: number; result: ParseResult } | null;
}

export interface RejectionInput {
  source: 'pubsub' | 'http' | 'reparse';
  reason: string;
  detail?: string;
  messageId?: string;
  rawPayload?: Buffer | Uint8Array | string;
  receivedAt?: Date;
}

/**
 * Rows per INSERT statement. One statement per table for any realistic parse; the cap keeps a
 * pathological one under PostgreSQL's 65,535 bind parameters (8 per requirement row).
 */
const ROWS_PER_STATEMENT = 1000;

/**
 * The identity of a document version: the same posting text under another source, external id or
 * content type is another document. JSON framing keeps field boundaries unambiguous.
 */
export function contentHash(document: Pick<DocumentInput, 'source' | 'externalId' | 'contentType' | 'text'>): string {
  const framed = JSON.stringify([document.source, document.externalId, document.contentType, document.text]);
  return createHash('sha256').update(framed, 'utf8').digest('hex');
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, and UTF-8 cannot encode a lone surrogate (the
 * driver would silently turn it into U+FFFD). Rather than store something other than what was
 * received, such input is refused: the transport records it with recordRejection(), as bytes.
 */
function unstorable(value: string): 'NUL_CHARACTER' | 'LONE_SURROGATE' | null {
  if (value.includes('\u0000')) return 'NUL_CHARACTER';
  if (!value.isWellFormed()) return 'LONE_SURROGATE';
  return null;
}

function firstUnstorable(value: unknown, path: string): { path: string; reason: string } | null {
  if (typeof value === 'string') {
    const reason = unstorable(value);
    return reason ? { path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = firstUnstorable(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = firstUnstorable(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

function assertStorable(input: StoreParseInput): void {
  const { document } = input;
  for (const field of ['source', 'externalId', 'contentType'] as const) {
    if (typeof document[field] !== 'string' || document[field].length === 0) {
      throw new AppError('INVALID_INPUT', `document.${field} must be a non-empty string`, { field });
    }
  }
  if (typeof document.text !== 'string') throw new AppError('INVALID_INPUT', 'document.text must be a string');
  if (!Number.isFinite(input.durationMs) || input.durationMs < 0) {
    throw new AppError('INVALID_INPUT', 'durationMs must be a non-negative number', { durationMs: input.durationMs });
  }
  const found = firstUnstorable(document, 'document') ?? firstUnstorable(input.result, 'result');
  if (found) {
    throw new AppError('STORAGE_REJECTED', `${found.path} contains a ${found.reason}, which PostgreSQL cannot store`, {
      reason: found.reason,
      path: found.path,
    });
  }
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) out.push(rows.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function findOrCreateDocument(tx: Tx, document: DocumentInput, hash: string): Promise<string> {
  const [existing] = await tx.select({ id: documents.id }).from(documents).where(eq(documents.contentHash, hash));
  // A re-delivery of an older version stays where it is in the history: it does not become latest.
  if (existing) return existing.id;
  const sameExternal = and(eq(documents.source, document.source), eq(documents.externalId, document.externalId));
  const [last] = await tx
    .select({ version: max(documents.version) })
    .from(documents)
    .where(sameExternal);
  await tx
    .update(documents)
    .set({ isLatest: false })
    .where(and(sameExternal, eq(documents.isLatest, true)));
  const [created] = await tx
    .insert(documents)
    .values({
      contentHash: hash,
      source: document.source,
      externalId: document.externalId,
      version: (last?.version ?? 0) + 1,
      isLatest: true,
      contentType: document.contentType,
      rawText: document.text,
      byteSize: Buffer.byteLength(document.text, 'utf8'),
      ...(document.receivedAt ? { receivedAt: document.receivedAt } : {}),
    })
    .returning({ id: documents.id });
  if (!created) throw new Error('insert into documents returned no row');
  return created.id;
}

async function insertChildren(tx: Tx, parseId: string, result: ParseResult): Promise<void> {
  if (result.responsibilities.length > 0) {
    const rows = result.responsibilities.map((r, position) => ({
      parseId,
      position,
      text: r.text,
      section: r.section,
    }));
    for (const chunk of chunks(rows)) await tx.insert(responsibilities).values(chunk);
  }
  if (result.requirements.length === 0) return;
  const rows = result.requirements.map((r, position) => ({
    parseId,
    position,
    text: r.text,
    section: r.section,
    required: r.required,
    category: r.category,
    yearsMin: r.yearsMin,
    yearsMax: r.yearsMax,
  }));
  const ids: number[] = [];
  for (const chunk of chunks(rows)) {
    const inserted = await tx
      .insert(requirements)
      .values(chunk)
      .returning({ id: requirements.id, position: requirements.position });
    for (const row of inserted) ids[row.position] = row.id;
  }

  // Sorted so that concurrent writers lock skill rows in the same order and cannot deadlock.
  const names = [...new Set(result.requirements.flatMap((r) => r.skills))].sort();
  if (names.length === 0) return;
  for (const chunk of chunks(names)) {
    await tx
      .insert(skills)
      .values(chunk.map((name) => ({ name })))
      .onConflictDoNothing({ target: skills.name });
  }
  const skillIds = new Map<string, number>();
  for (const chunk of chunks(names)) {
    const found = await tx.select({ id: skills.id, name: skills.name }).from(skills).where(inArray(skills.name, chunk));
    for (const row of found) skillIds.set(row.name, row.id);
  }
  const links = result.requirements.flatMap((r, position) =>
    [...new Set(r.skills)].map((name) => ({
      requirementId: ids[position] as number,
      skillId: skillIds.get(name) as number,
    })),
  );
  for (const chunk of chunks(links)) await tx.insert(requirementSkills).values(chunk);
}

/** Makes `parseId` current unless the document already has a parse from a newer parser. */
async function promoteIfNewer(tx: Tx, documentId: string, parseId: string, parserVersion: string): Promise<void> {
  const [current] = await tx
    .select({ id: parses.id, parserVersion: parses.parserVersion })
    .from(parses)
    .where(and(eq(parses.documentId, documentId), eq(parses.isCurrent, true)));
  if (current && compareParserVersions(parserVersion, current.parserVersion) <= 0) return;
  if (current) await tx.update(parses).set({ isCurrent: false }).where(eq(parses.id, current.id));
  await tx.update(parses).set({ isCurrent: true }).where(eq(parses.id, parseId));
}

/** Held until the transaction ends; a hash collision only makes two unrelated writers queue. */
async function advisoryXactLock(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

async function storeInTransaction(tx: Tx, input: StoreParseInput): Promise<StoreParseOutcome> {
  const { document, result, messageId } = input;
  if (messageId !== undefined) {
    // Two deliveries of one message wait for each other even if (by a sender's bug) their payloads
    // differ. Always taken before the document lock, so the two locks cannot deadlock.
    await advisoryXactLock(tx, `jd-parser:message\u001f${messageId}`);
    const [delivered] = await tx
      .select({ documentId: processedDeliveries.documentId })
      .from(processedDeliveries)
      .where(eq(processedDeliveries.messageId, messageId));
    if (delivered) {
      const [parse] = await tx
        .select({ id: parses.id })
        .from(parses)
        .where(eq(parses.documentId, delivered.documentId))
        .orderBy(sql`${parses.parserVersion} = ${result.parserVersion} desc`, sql`${parses.isCurrent} desc`)
        .limit(1);
      if (parse) return { documentId: delivered.documentId, parseId: parse.id, created: false };
    }
  }
  // Serialises writers of one (source, external id): versions are numbered without gaps or races,
  // and a concurrent duplicate finds the first writer's rows instead of colliding with them.
  await advisoryXactLock(tx, `jd-parser:document\u001f${document.source}\u001f${document.externalId}`);

  const documentId = await findOrCreateDocument(tx, document, contentHash(document));
  const [inserted] = await tx
    .insert(parses)
    .values({
      documentId,
      parserVersion: result.parserVersion,
      status: 'succeeded',
      result,
      durationMs: Math.round(input.durationMs),
    })
    .onConflictDoNothing({ target: [parses.documentId, parses.parserVersion] })
    .returning({ id: parses.id });

  let parseId: string;
  if (inserted) {
    parseId = inserted.id;
    await insertChildren(tx, parseId, result);
    await promoteIfNewer(tx, documentId, parseId, result.parserVersion);
  } else {
    const [existing] = await tx
      .select({ id: parses.id })
      .from(parses)
      .where(and(eq(parses.documentId, documentId), eq(parses.parserVersion, result.parserVersion)));
    if (!existing) throw new Error('parse row vanished inside its transaction');
    parseId = existing.id;
  }

  if (messageId !== undefined) {
    await tx.insert(processedDeliveries).values({ messageId, documentId }).onConflictDoNothing();
  }
  return { documentId, parseId, created: inserted !== undefined };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Repository {
  /**
   * Stores a document version with its parse, children and delivery record in one transaction.
   * Idempotent for the same document and parserVersion, and for the same messageId.
   */
  storeParse(input: StoreParseInput): Promise<StoreParseOutcome>;
  /** A document version with its current parse (the parser's JSON), or null. */
  getDocument(id: string): Promise<StoredDocument | null>;
  /** The latest version of (source, externalId) with its current parse, or null. */
  getLatestDocument(source: string, externalId: string): Promise<StoredDocument | null>;
  recordRejection(input: RejectionInput): Promise<{ id: string }>;
}

export function createRepository(db: Database): Repository {
  async function readDocument(where: ReturnType<typeof and>): Promise<StoredDocument | null> {
    const [row] = await db
      .select({ document: documents, parse: parses })
      .from(documents)
      .leftJoin(parses, and(eq(parses.documentId, documents.id), eq(parses.isCurrent, true)))
      .where(where)
      .limit(1);
    if (!row) return null;
    const { document: d, parse: p } = row;
    return {
      id: d.id,
      source: d.source,
      externalId: d.externalId,
      version: d.version,
      isLatest: d.isLatest,
      contentType: d.contentType,
      text: d.rawText,
      byteSize: d.byteSize,
      receivedAt: d.receivedAt,
      parse:
        p?.result != null
          ? {
              id: p.id,
              parserVersion: p.parserVersion,
              parsedAt: p.parsedAt,
              durationMs: p.durationMs,
              result: p.result,
            }
          : null,
    };
  }

  return {
    async storeParse(input) {
      assertStorable(input);
      try {
        return await db.transaction((tx) => storeInTransaction(tx, input));
      } catch (error) {
        throw toAppError(error, 'storeParse');
      }
    },

    async getDocument(id) {
      if (!UUID.test(id)) return null;
      try {
        return await readDocument(eq(documents.id, id));
      } catch (error) {
        throw toAppError(error, 'getDocument');
      }
    },

    async getLatestDocument(source, externalId) {
      try {
        return await readDocument(
          and(eq(documents.source, source), eq(documents.externalId, externalId), eq(documents.isLatest, true)),
        );
      } catch (error) {
        throw toAppError(error, 'getLatestDocument');
      }
    },

    async recordRejection(input) {
      const raw = input.rawPayload;
      const rawPayload =
        raw === undefined ? null : typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw);
      // The detail is ours, not the sender's: make it storable rather than lose the rejection.
      const detail = input.detail?.replaceAll('\u0000', '\uFFFD').toWellFormed() ?? null;
      try {
        const [row] = await db
          .insert(rejections)
          .values({
            source: input.source,
            reason: input.reason,
            detail,
            messageId: input.messageId?.toWellFormed().replaceAll('\u0000', '\uFFFD') ?? null,
            rawPayload,
            ...(input.receivedAt ? { receivedAt: input.receivedAt } : {}),
          })
          .returning({ id: rejections.id });
        if (!row) throw new Error('insert into rejections returned no row');
        return { id: row.id };
      } catch (error) {
        throw toAppError(error, 'recordRejection');
      }
    },
  };
}
