import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Pool, PoolClient } from 'pg';
import type { Database } from './client';
import { toAppError } from './errors';

/**
 * Key of the session-level advisory lock that serialises migrators across processes. Arbitrary but
 * fixed: every version of this code must use the same one.
 */
const MIGRATION_LOCK_KEY = '7305119467280419';

/**
 * The drizzle/ folder: MIGRATIONS_DIR, else the nearest ancestor holding drizzle/meta/_journal.json
 * (shared/db/ under ts-jest, dist/shared/db/ once built).
 */
export function migrationsFolder(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.MIGRATIONS_DIR) return resolve(env.MIGRATIONS_DIR);
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`no drizzle/meta/_journal.json above ${__dirname}; set MIGRATIONS_DIR`);
  }
}

/**
 * The functions' database users share one group role, created by whoever administers the database
 * (docs/deploy.md); the migrator owns the tables and is the one that can grant on them. Run after
 * every migration so a role created later still gets its rights; a no-op where the role does not
 * exist (local and test databases).
 */
export const APP_ROLE = 'jd_parser_app';
const GRANT_APP_ROLE_SQL = `
do $$ begin
  if exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
    grant usage on schema public to ${APP_ROLE};
    grant select, insert, update, delete on all tables in schema public to ${APP_ROLE};
    grant usage, select on all sequences in schema public to ${APP_ROLE};
    alter default privileges in schema public grant select, insert, update, delete on tables to ${APP_ROLE};
    alter default privileges in schema public grant usage, select on sequences to ${APP_ROLE};
  end if;
end $$`;

function isPglite(client: Database['$client']): client is PGlite {
  return 'waitReady' in client;
}

function isPool(client: Pool | PoolClient): client is Pool {
  return 'totalCount' in client;
}

// PGlite is one session in this process: an advisory lock there would not exclude a second caller
// on the same instance, so callers queue on a promise instead.
const pgliteQueues = new WeakMap<PGlite, Promise<unknown>>();

async function migratePgliteClient(client: PGlite, folder: string): Promise<void> {
  const previous = pgliteQueues.get(client) ?? Promise.resolve();
  const run = previous
    .catch(() => {})
    .then(() => migratePglite(drizzlePglite({ client }), { migrationsFolder: folder }));
  pgliteQueues.set(client, run);
  await run;
}

async function migrateWithLock(session: PoolClient | Pool, folder: string): Promise<void> {
  const client = isPool(session) ? await session.connect() : session;
  let failure: unknown;
  try {
    // Session-level, on the one connection the migrator then uses: a second process blocks here
    // until the first has committed, then finds nothing left to apply.
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrateNodePg(drizzleNodePg({ client }), { migrationsFolder: folder });
      await client.query(GRANT_APP_ROLE_SQL);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    // A connection that failed mid-migration may still hold the lock: destroy it rather than pool it.
    if (isPool(session)) (client as PoolClient).release(failure instanceof Error ? failure : undefined);
  }
}

/**
 * Applies pending migrations from drizzle/ with Drizzle's migrator. Safe to run twice (a no-op) and
 * from several processes at once (a PostgreSQL advisory lock). Throws AppError.
 */
export async function migrate(db: Database, options: { migrationsFolder?: string } = {}): Promise<void> {
  const folder = options.migrationsFolder ?? migrationsFolder();
  const client = db.$client;
  try {
    if (isPglite(client)) await migratePgliteClient(client, folder);
    else await migrateWithLock(client, folder);
  } catch (error) {
    throw toAppError(error, 'migrate');
  }
}
