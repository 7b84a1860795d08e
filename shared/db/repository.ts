import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, notExists, sql } from 'drizzle-orm';
import type { ParseResult } from '../contracts/validate';
import { AppError } from '../errors/app-error';
import type { Database } from './client';
import { toAppError } from './errors';
import { raw, type Tx } from './raw-sql';
import {
  documents,
  idempotencyKeys,
  parses,
  processedDeliveries,
  rejections,
  requirementSkills,
  requirements,
  responsibilities,
  skills,
} from './schema';
import { firstUnstorable } from './storable';
import { type BatchParseInput, type BatchStoreOutcome, storeParsesBatch } from './store-batch';
import { compareParserVersions } from './versions';

export interface DocumentInput {
  source: string;
  externalId: string;
  contentType: string;
  text: string;
  receivedAt?: Date;
  /** What the text was extracted from (application/pdf...), when not contentType itself. */
  sourceFormat?: string | null;
  metadata?: DocumentMetadata | null;
}

export type DocumentMetadata = Record<string, string | number | boolean | null>;

export interface StoreParseInput {
  document: DocumentInput;
  result: ParseResult;
  durationMs: number;
  /** The transport's delivery id (Pub/Sub messageId): a second delivery is a no-op. */
  messageId?: string;
  /**
   * Replace a parse of the same parserVersion if there is one (a forced re-parse); otherwise a
   * stored success wins and the call is a no-op.
   */
  replace?: boolean;
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
  sourceFormat: string | null;
  metadata: DocumentMetadata | null;
  /** With no current parse: the latest recorded failure, if the parser failed on it. */
  failure: { parserVersion: string; code: string; at: Date } | null;
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

function assertDocumentStorable(document: DocumentInput): void {
  for (const field of ['source', 'externalId', 'contentType'] as const) {
    if (typeof document[field] !== 'string' || document[field].length === 0) {
      throw new AppError('INVALID_INPUT', `document.${field} must be a non-empty string`, { field });
    }
  }
  if (typeof document.text !== 'string') throw new AppError('INVALID_INPUT', 'document.text must be a string');
  throwIfUnstorable(firstUnstorable(document, 'document'));
}

function throwIfUnstorable(found: { path: string; reason: string } | null): void {
  if (found) {
    throw new AppError('STORAGE_REJECTED', `${found.path} contains a ${found.reason}, which PostgreSQL cannot store`, {
      reason: found.reason,
      path: found.path,
    });
  }
}

function assertStorable(input: StoreParseInput): void {
  assertDocumentStorable(input.document);
  if (!Number.isFinite(input.durationMs) || input.durationMs < 0) {
    throw new AppError('INVALID_INPUT', 'durationMs must be a non-negative number', { durationMs: input.durationMs });
  }
  throwIfUnstorable(firstUnstorable(input.result, 'result'));
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) out.push(rows.slice(i, i + ROWS_PER_STATEMENT));
  return out;
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

/**
 * Serialises writers of one (source, external id): versions are numbered without gaps or races,
 * and a concurrent duplicate finds the first writer's rows instead of colliding with them.
 */
function lockDocument(tx: Tx, document: DocumentInput): Promise<void> {
  return advisoryXactLock(tx, `jd-parser:document\u001f${document.source}\u001f${document.externalId}`);
}

/** Held until the transaction ends; a hash collision only makes two unrelated writers queue. */
async function advisoryXactLock(tx: Tx, key: string): Promise<void> {
  await raw(tx, 'jd_advisory_lock', LOCK_SQL, [key]);
}

/**
 * The document half of both one-statement stores, parameters $1-$9 (see documentParams): the known
 * row for the same content, else the next version, flipping the previous version's is_latest
 * first. `doc` reads from `flipped`, an aggregate over `prior`, so the old row loses is_latest
 * before the new row enters documents_latest_key (checked row by row).
 */
const DOCUMENT_CTES = `known as (
  select id from documents where content_hash = $1::text
), prior as (
  update documents set is_latest = false
  where source = $2::text and external_id = $3::text and is_latest and not exists (select from known)
  returning version
), doc as (
  insert into documents (content_hash, source, external_id, version, is_latest, content_type, raw_text, byte_size,
    received_at, source_format, metadata)
  select $1::text, $2::text, $3::text,
    coalesce((select max(version) from documents where source = $2::text and external_id = $3::text), 0) + 1,
    true, $4::text, $5::text, $6::int4, coalesce($7::text::timestamptz, now()), $8::text, $9::text::jsonb
  from (select count(*) from prior) as flipped
  where not exists (select from known)
  returning id
)`;

function documentParams(d: DocumentInput, hash: string): unknown[] {
  return [
    hash,
    d.source,
    d.externalId,
    d.contentType,
    d.text,
    Buffer.byteLength(d.text, 'utf8'),
    d.receivedAt ? d.receivedAt.toISOString() : null,
    d.sourceFormat ?? null,
    d.metadata ? JSON.stringify(d.metadata) : null,
  ];
}

/**
 * The common case, a document never seen before, in one statement: flip the previous version's
 * is_latest, insert the document with the next version, its parse (current at once: a new document
 * has no other), the child rows (unnest of arrays: a fixed parameter count, so one cached plan), the
 * skills and their links, and the delivery record. Run under the document's advisory lock, taken by
 * an earlier statement, so this statement's snapshot sees any writer of the same content that
 * committed first: when `known` finds the hash, nothing is written and the caller takes the
 * step-by-step path.
 *
 * Ordering inside the statement: the document as in DOCUMENT_CTES. Skills are inserted in sorted order (no deadlock between writers sharing skills) with DO NOTHING, so no
 * skill row stays locked until commit; a skill committed by another writer after this statement's
 * snapshot is in neither `new_skills` nor the snapshot, which the link count reveals (see
 * LINK_MISSING_SQL).
 */
const STORE_NEW_SQL = `
with ${DOCUMENT_CTES}, parse as (
  insert into parses (document_id, parser_version, status, is_current, result, duration_ms)
  select doc.id, $10::text, 'succeeded', true, $11::text::jsonb, $12::int4 from doc
  returning id
), resp as (
  insert into responsibilities (parse_id, position, text, section)
  select parse.id, (r.ord - 1)::int4, r.text, r.section
  from parse, unnest($13::text[], $14::text[]) with ordinality as r(text, section, ord)
), req as (
  insert into requirements (parse_id, position, text, section, required, category, years_min, years_max)
  select parse.id, (r.ord - 1)::int4, r.text, r.section, r.required, r.category, r.years_min, r.years_max
  from parse, unnest($15::text[], $16::text[], $17::bool[], $18::text[], $19::int2[], $20::int2[])
    with ordinality as r(text, section, required, category, years_min, years_max, ord)
  returning id, position
), new_skills as (
  insert into skills (name) select n from unnest($21::text[]) as n where exists (select from parse) order by n
  on conflict (name) do nothing
  returning id, name
), all_skills as (
  select id, name from new_skills
  union all
  select id, name from skills where name = any($21::text[])
), links as (
  insert into requirement_skills (skill_id, requirement_id)
  select s.id, q.id
  from unnest($22::int4[], $23::text[]) as l(position, name)
  join req q on q.position = l.position
  join all_skills s on s.name = l.name
  returning 1
), delivery as (
  insert into processed_deliveries (message_id, document_id)
  select $24::text, doc.id from doc where $24::text is not null
  on conflict do nothing
)
select (select id from known)::text as known_id, (select id from doc)::text as document_id, (select id from parse)::text as parse_id,
  (select count(*) from links)::int4 as links`;

/** A document without a parse (an upload answered 202), in one statement under the document's advisory lock. */
const STORE_DOCUMENT_SQL = `
with ${DOCUMENT_CTES}
select (select id from known)::text as known_id, (select id from doc)::text as document_id`;

/**
 * The links STORE_NEW_SQL could not make because their skill was committed by another writer after
 * its snapshot was taken. A new statement has a new snapshot (READ COMMITTED), which sees it.
 */
const LINK_MISSING_SQL = `
insert into requirement_skills (skill_id, requirement_id)
select s.id, q.id
from unnest($2::int4[], $3::text[]) as l(position, name)
join requirements q on q.parse_id = $1::uuid and q.position = l.position
join skills s on s.name = l.name
on conflict do nothing
returning 1`;

const LOCK_SQL = 'select pg_advisory_xact_lock(hashtextextended($1::text, 0))';

/**
 * Stores a document not seen before in one statement; when its hash is known, nothing is written
 * and the known document's id comes back instead.
 */
async function storeIfNew(
  tx: Tx,
  input: StoreParseInput,
  hash: string,
): Promise<{ documentId: string; parseId: string } | { known: string }> {
  const { document: d, result } = input;
  const names = [...new Set(result.requirements.flatMap((r) => r.skills))].sort();
  const linkPositions: number[] = [];
  const linkNames: string[] = [];
  result.requirements.forEach((r, position) => {
    for (const name of new Set(r.skills)) {
      linkPositions.push(position);
      linkNames.push(name);
    }
  });
  const rs = result.responsibilities;
  const qs = result.requirements;
  const [row] = await raw<{
    known_id: string | null;
    document_id: string | null;
    parse_id: string | null;
    links: number;
  }>(tx, 'jd_store_new', STORE_NEW_SQL, [
    ...documentParams(d, hash),
    result.parserVersion,
    JSON.stringify(result),
    Math.round(input.durationMs),
    rs.map((r) => r.text),
    rs.map((r) => r.section ?? null),
    qs.map((r) => r.text),
    qs.map((r) => r.section ?? null),
    qs.map((r) => r.required),
    qs.map((r) => r.category),
    qs.map((r) => r.yearsMin ?? null),
    qs.map((r) => r.yearsMax ?? null),
    names,
    linkPositions,
    linkNames,
    input.messageId ?? null,
  ]);
  if (row?.known_id) return { known: row.known_id };
  if (!row?.document_id || !row.parse_id) throw new Error('storing a new document returned no row');
  let links = Number(row.links);
  if (links < linkPositions.length) {
    const added = await raw<unknown>(tx, 'jd_store_links', LINK_MISSING_SQL, [row.parse_id, linkPositions, linkNames]);
    links += added.length;
    if (links !== linkPositions.length) {
      throw new Error(`stored ${links} of ${linkPositions.length} requirement-skill links`);
    }
  }
  return { documentId: row.document_id, parseId: row.parse_id };
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
  await lockDocument(tx, document);

  const hash = contentHash(document);
  const stored = await storeIfNew(tx, input, hash);
  if (!('known' in stored)) return { ...stored, created: true };

  // The rare cases, step by step: a redelivery of a known document, another parserVersion of it.
  // (A re-delivery of an older version stays where it is in the history: it does not become latest.)
  const documentId = stored.known;
  // A forced re-parse replaces this version's parse (children cascade); a failed attempt of this
  // version always gives way to a new one.
  await tx
    .delete(parses)
    .where(
      and(
        eq(parses.documentId, documentId),
        eq(parses.parserVersion, result.parserVersion),
        input.replace ? undefined : eq(parses.status, 'failed'),
      ),
    );
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
  getDocument(id: string, options?: { failure?: boolean }): Promise<StoredDocument | null>;
  /** The latest version of (source, externalId) with its current parse, or null. */
  getLatestDocument(source: string, externalId: string): Promise<StoredDocument | null>;
  recordRejection(input: RejectionInput): Promise<{ id: string }>;
  /**
   * Stores a document version without a parse (an upload answered 202, parsed later from the
   * topic). Idempotent: the same content returns the same document.
   */
  storeDocument(document: DocumentInput): Promise<{ documentId: string; created: boolean }>;
  /**
   * New parses of stored documents, many in one transaction (the re-parse): the rows storeParse
   * would write for each; see storeParsesBatch.
   */
  storeParses(items: BatchParseInput[], options?: { replace?: boolean }): Promise<BatchStoreOutcome>;
  /** Records that parserVersion failed on a document, so re-parses skip it until the parser changes. */
  recordParseFailure(input: {
    documentId: string;
    parserVersion: string;
    code: string;
    durationMs: number;
  }): Promise<void>;
  /**
   * Latest document versions with no parse from `parserVersion` (never parsed, parsed by another
   * version, or failed under another version), or all latest versions with `force`; ordered by id
   * after `after` (keyset pagination: stable under concurrent inserts, constant cost per page).
   */
  findDocumentsToReparse(options: {
    parserVersion: string;
    force: boolean;
    after: string | undefined;
    limit: number;
  }): Promise<ReparseCandidate[]>;
  /**
   * Binds an Idempotency-Key to the document its first request made; returns the binding that
   * holds (the earlier one, if the key was already bound).
   */
  bindIdempotencyKey(key: string, requestHash: string, documentId: string): Promise<IdempotencyBinding>;
  findIdempotencyKey(key: string): Promise<IdempotencyBinding | null>;
}

export interface IdempotencyBinding {
  requestHash: string;
  documentId: string;
}

export interface ReparseCandidate {
  id: string;
  document: DocumentInput;
}

export function createRepository(db: Database): Repository {
  /** `failure: false` skips the look-up of a recorded failure (one query fewer for a caller about to parse). */
  async function readDocument(where: ReturnType<typeof and>, withFailure = true): Promise<StoredDocument | null> {
    const [row] = await db
      .select({ document: documents, parse: parses })
      .from(documents)
      .leftJoin(parses, and(eq(parses.documentId, documents.id), eq(parses.isCurrent, true)))
      .where(where)
      .limit(1);
    if (!row) return null;
    const { document: d, parse: p } = row;
    let failure: StoredDocument['failure'] = null;
    if (!p && withFailure) {
      const [failed] = await db
        .select({ parserVersion: parses.parserVersion, code: parses.errorCode, at: parses.parsedAt })
        .from(parses)
        .where(and(eq(parses.documentId, d.id), eq(parses.status, 'failed')))
        .orderBy(sql`${parses.parsedAt} desc`)
        .limit(1);
      if (failed) failure = { parserVersion: failed.parserVersion, code: failed.code ?? 'INTERNAL', at: failed.at };
    }
    return {
      failure,
      id: d.id,
      source: d.source,
      externalId: d.externalId,
      version: d.version,
      isLatest: d.isLatest,
      contentType: d.contentType,
      text: d.rawText,
      byteSize: d.byteSize,
      receivedAt: d.receivedAt,
      sourceFormat: d.sourceFormat,
      metadata: d.metadata,
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

    async getDocument(id, options) {
      if (!UUID.test(id)) return null;
      try {
        return await readDocument(eq(documents.id, id), options?.failure ?? true);
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

    async storeDocument(document) {
      assertDocumentStorable(document);
      try {
        return await db.transaction(async (tx) => {
          await lockDocument(tx, document);
          const [row] = await raw<{ known_id: string | null; document_id: string | null }>(
            tx,
            'jd_store_document',
            STORE_DOCUMENT_SQL,
            documentParams(document, contentHash(document)),
          );
          const id = row?.known_id ?? row?.document_id;
          if (!id) throw new Error('storing a document returned no row');
          return { documentId: id, created: !row?.known_id };
        });
      } catch (error) {
        throw toAppError(error, 'storeDocument');
      }
    },

    storeParses(items, options) {
      return storeParsesBatch(db, items, options);
    },

    async recordParseFailure(input) {
      try {
        await db
          .insert(parses)
          .values({
            documentId: input.documentId,
            parserVersion: input.parserVersion,
            status: 'failed',
            errorCode: input.code,
            durationMs: Math.round(input.durationMs),
          })
          .onConflictDoNothing({ target: [parses.documentId, parses.parserVersion] });
      } catch (error) {
        throw toAppError(error, 'recordParseFailure');
      }
    },

    async findDocumentsToReparse({ parserVersion, force, after, limit }) {
      if (after !== undefined && !UUID.test(after)) {
        throw new AppError('INVALID_INPUT', 'cursor is not a document id', { field: 'cursor' });
      }
      try {
        const rows = await db
          .select({
            id: documents.id,
            source: documents.source,
            externalId: documents.externalId,
            contentType: documents.contentType,
            text: documents.rawText,
            sourceFormat: documents.sourceFormat,
            metadata: documents.metadata,
            receivedAt: documents.receivedAt,
          })
          .from(documents)
          .where(
            and(
              eq(documents.isLatest, true),
              after === undefined ? undefined : gt(documents.id, after),
              force
                ? undefined
                : notExists(
                    db
                      .select({ one: sql`1` })
                      .from(parses)
                      .where(and(eq(parses.documentId, documents.id), eq(parses.parserVersion, parserVersion))),
                  ),
            ),
          )
          .orderBy(asc(documents.id))
          .limit(limit);
        return rows.map(({ id, ...document }) => ({ id, document }));
      } catch (error) {
        throw toAppError(error, 'findDocumentsToReparse');
      }
    },

    async bindIdempotencyKey(key, requestHash, documentId) {
      try {
        await db.insert(idempotencyKeys).values({ key, requestHash, documentId }).onConflictDoNothing();
        const [row] = await db
          .select({ requestHash: idempotencyKeys.requestHash, documentId: idempotencyKeys.documentId })
          .from(idempotencyKeys)
          .where(eq(idempotencyKeys.key, key));
        if (!row) throw new Error('idempotency key vanished after insert');
        return row;
      } catch (error) {
        throw toAppError(error, 'bindIdempotencyKey');
      }
    },

    async findIdempotencyKey(key) {
      try {
        const [row] = await db
          .select({ requestHash: idempotencyKeys.requestHash, documentId: idempotencyKeys.documentId })
          .from(idempotencyKeys)
          .where(eq(idempotencyKeys.key, key));
        return row ?? null;
      } catch (error) {
        throw toAppError(error, 'findIdempotencyKey');
      }
    },

    async recordRejection(input) {
      const raw = input.rawPayload;
      const rawPayload =
        raw === undefined ? null : typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw);
      // The detail is ours, not the sender's: make it storable rather than lose the rejection.
      const detail = input.detail?.replaceAll('\u0000', '\uFFFD').toWellFormed() ?? null;
      const messageId = input.messageId?.toWellFormed().replaceAll('\u0000', '\uFFFD') ?? null;
      try {
        const [row] = await db
          .insert(rejections)
          .values({
            source: input.source,
            reason: input.reason,
            detail,
            messageId,
            rawPayload,
            ...(input.receivedAt ? { receivedAt: input.receivedAt } : {}),
          })
          .onConflictDoNothing({
            target: [rejections.source, rejections.messageId],
            where: sql`${rejections.messageId} is not null`,
          })
          .returning({ id: rejections.id });
        if (row) return { id: row.id };
        // A redelivery of a message already recorded: the first record stands.
        const [first] = await db
          .select({ id: rejections.id })
          .from(rejections)
          .where(and(eq(rejections.source, input.source), eq(rejections.messageId, messageId as string)));
        if (!first) throw new Error('insert into rejections returned no row');
        return { id: first.id };
      } catch (error) {
        throw toAppError(error, 'recordRejection');
      }
    },
  };
}
