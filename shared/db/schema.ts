/**
 * The storage schema: the one source of truth for table types. `drizzle-kit generate` turns it into
 * the SQL migrations under `drizzle/`; never edit those by hand.
 *
 * Versioning: a document row is one version of a posting, keyed by `content_hash`. A posting re-sent
 * under the same (source, external_id) with different content becomes a new row with the next
 * `version`; exactly one row per (source, external_id) has `is_latest` (a partial unique index says
 * so). Exactly one parse per document has `is_current` (the highest parserVersion seen). Both flags
 * are denormalised so "latest version of X" and "current requirements needing skill Y" are index
 * lookups rather than max()/distinct-on scans.
 */

import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ParseResult } from '../contracts/validate';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const createdAt = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** sha256 hex of JSON [source, externalId, contentType, text]: see contentHash() in repository.ts. */
    contentHash: text('content_hash').notNull().unique('documents_content_hash_key'),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    version: integer('version').notNull(),
    isLatest: boolean('is_latest').notNull().default(true),
    contentType: text('content_type').notNull(),
    rawText: text('raw_text').notNull(),
    /** UTF-8 bytes of raw_text, for quotas and monitoring without reading the text. */
    byteSize: integer('byte_size').notNull(),
    /** What was received when raw_text was extracted from it (application/pdf, a DOCX); null when the same as content_type. */
    sourceFormat: text('source_format'),
    /** The sender's own fields (message `metadata`), returned as they came. Not part of the content hash. */
    metadata: jsonb('metadata').$type<Record<string, string | number | boolean | null>>(),
    receivedAt: createdAt('received_at'),
  },
  (t) => [
    uniqueIndex('documents_external_version_key').on(t.source, t.externalId, t.version),
    uniqueIndex('documents_latest_key').on(t.source, t.externalId).where(sql`${t.isLatest}`),
  ],
);

export const parses = pgTable(
  'parses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    parserVersion: text('parser_version').notNull(),
    status: text('status', { enum: ['succeeded', 'failed'] }).notNull(),
    isCurrent: boolean('is_current').notNull().default(false),
    result: jsonb('result').$type<ParseResult>(),
    /** For status 'failed': the AppError code, so a failed document is not retried until the parser changes. */
    errorCode: text('error_code'),
    parsedAt: createdAt('parsed_at'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [
    uniqueIndex('parses_document_version_key').on(t.documentId, t.parserVersion),
    uniqueIndex('parses_current_key').on(t.documentId).where(sql`${t.isCurrent}`),
    // "Documents still on an old parserVersion": current parses by version.
    index('parses_current_version_idx').on(t.parserVersion, t.documentId).where(sql`${t.isCurrent}`),
  ],
);

const parseId = () =>
  uuid('parse_id')
    .notNull()
    .references(() => parses.id, { onDelete: 'cascade' });

export const requirements = pgTable(
  'requirements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    parseId: parseId(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    section: text('section'),
    required: boolean('required').notNull(),
    category: text('category').notNull(),
    yearsMin: smallint('years_min'),
    yearsMax: smallint('years_max'),
  },
  (t) => [uniqueIndex('requirements_parse_position_key').on(t.parseId, t.position)],
);

export const responsibilities = pgTable(
  'responsibilities',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    parseId: parseId(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    section: text('section'),
  },
  (t) => [uniqueIndex('responsibilities_parse_position_key').on(t.parseId, t.position)],
);

export const skills = pgTable('skills', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull().unique('skills_name_key'),
});

export const requirementSkills = pgTable(
  'requirement_skills',
  {
    // skill first: "requirements needing skill X" is a prefix scan of the primary key.
    skillId: bigint('skill_id', { mode: 'number' })
      .notNull()
      .references(() => skills.id),
    requirementId: bigint('requirement_id', { mode: 'number' })
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ name: 'requirement_skills_pkey', columns: [t.skillId, t.requirementId] }),
    index('requirement_skills_requirement_idx').on(t.requirementId),
  ],
);

export const processedDeliveries = pgTable('processed_deliveries', {
  messageId: text('message_id').primaryKey(),
  documentId: uuid('document_id')
    .notNull()
    .references(() => documents.id, { onDelete: 'cascade' }),
  processedAt: createdAt('processed_at'),
});

export const rejections = pgTable(
  'rejections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source', { enum: ['pubsub', 'http', 'reparse'] }).notNull(),
    reason: text('reason').notNull(),
    detail: text('detail'),
    messageId: text('message_id'),
    /** Bytes as received: a payload refused for its encoding cannot be kept as text. */
    rawPayload: bytea('raw_payload'),
    receivedAt: createdAt('received_at'),
  },
  (t) => [
    index('rejections_received_idx').on(t.receivedAt),
    // A redelivered rejected message is recorded once.
    uniqueIndex('rejections_message_key').on(t.source, t.messageId).where(sql`${t.messageId} is not null`),
  ],
);

/**
 * Upload Idempotency-Keys: a key sent again returns the document it created; with a different body
 * it is refused. `request_hash` covers the body and the parameters that shape the document.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').primaryKey(),
  requestHash: text('request_hash').notNull(),
  documentId: uuid('document_id')
    .notNull()
    .references(() => documents.id, { onDelete: 'cascade' }),
  createdAt: createdAt('created_at'),
});

export const schema = {
  documents,
  parses,
  requirements,
  responsibilities,
  skills,
  requirementSkills,
  processedDeliveries,
  rejections,
  idempotencyKeys,
};
export type Schema = typeof schema;
