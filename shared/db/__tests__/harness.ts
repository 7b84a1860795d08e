// Test support for the storage suites (not a test file; excluded from the build with __tests__).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { Client } from 'pg';
import type { ParseResult } from '../../contracts/validate';
import { parseJobDescription } from '../../parser';
import { type DatabaseHandle, openDatabase, openPgliteDatabase } from '../client';
import { migrate } from '../migrate';
import { createRepository, type Repository } from '../repository';
import { documents, parses, requirementSkills, requirements, responsibilities } from '../schema';
import { loadPgliteInJest } from './pglite-loader';

export const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type DriverName = 'PostgreSQL' | 'PGlite';
export const DRIVERS: DriverName[] = ['PostgreSQL', 'PGlite'];

export async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty PostgreSQL database with a random name; `drop()` removes it. */
export async function createPostgresDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `jd_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

export interface TestDatabase extends DatabaseHandle {
  /** PostgreSQL only: the database's name and URL. */
  pg?: { name: string; url: string };
}

/** A migrated database for one test file: a fresh PostgreSQL database, or an in-memory PGlite. */
export async function openTestDatabase(driver: DriverName, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const shouldMigrate = options.migrate ?? true;
  if (driver === 'PGlite') {
    const { PGlite } = loadPgliteInJest();
    return openPgliteDatabase(new PGlite(), { migrate: shouldMigrate });
  }
  const created = await createPostgresDatabase();
  const handle = await openDatabase({
    kind: 'url',
    url: created.url,
    pool: { max: 20, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 1_000 },
  });
  if (shouldMigrate) await migrate(handle.db);
  return {
    ...handle,
    pg: { name: created.name, url: created.url },
    close: async () => {
      await handle.close();
      await created.drop();
    },
  };
}

const fixture = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'sectioned.md'), 'utf8');
const fixtureResult = parseJobDescription({ text: fixture, contentType: 'text/markdown' });

/** A real parser result (from a fixture with requirements, responsibilities and skills). */
export function sampleResult(parserVersion = fixtureResult.parserVersion): ParseResult {
  return { ...structuredClone(fixtureResult), parserVersion };
}

export const sampleText = fixture;

let counter = 0;
export function uniqueId(prefix = 'ext'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${randomBytes(3).toString('hex')}`;
}

/** Row counts of everything stored under one (source, external id). */
export async function rowCounts(handle: DatabaseHandle, source: string, externalId: string) {
  const { db } = handle;
  const docs = await db
    .select({ id: documents.id })
    .from(documents)
    .where(sql`${documents.source} = ${source} and ${documents.externalId} = ${externalId}`);
  const docIds = docs.map((d) => d.id);
  if (docIds.length === 0) return { documents: 0, parses: 0, requirements: 0, responsibilities: 0, links: 0 };
  const parseRows = await db.select({ id: parses.id }).from(parses).where(inArray(parses.documentId, docIds));
  const parseIds = parseRows.map((p) => p.id);
  const count = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  if (parseIds.length === 0)
    return { documents: docIds.length, parses: 0, requirements: 0, responsibilities: 0, links: 0 };
  return {
    documents: docIds.length,
    parses: parseIds.length,
    requirements: await count(
      db.select({ n: sql<number>`count(*)::int` }).from(requirements).where(inArray(requirements.parseId, parseIds)),
    ),
    responsibilities: await count(
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(responsibilities)
        .where(inArray(responsibilities.parseId, parseIds)),
    ),
    links: await count(
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(requirementSkills)
        .innerJoin(requirements, eq(requirements.id, requirementSkills.requirementId))
        .where(inArray(requirements.parseId, parseIds)),
    ),
  };
}

/**
 * A migrated database and its repository for the enclosing describe block: opened before its
 * tests, closed (and, on PostgreSQL, dropped) after. Read `handle` and `repo` inside tests.
 */
export function useTestDatabase(driver: DriverName): { handle: TestDatabase; repo: Repository } {
  const context = {} as { handle: TestDatabase; repo: Repository };
  beforeAll(async () => {
    context.handle = await openTestDatabase(driver);
    context.repo = createRepository(context.handle.db);
  });
  afterAll(async () => {
    await context.handle?.close();
  });
  return context;
}
