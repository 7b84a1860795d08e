import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { type DbConfig, readDbConfig } from './config';
import { toAppError } from './errors';
import { migrate } from './migrate';
import { type Schema, schema } from './schema';

/**
 * What the repository and the migrator see, whichever driver is underneath: node-postgres and
 * PGlite both give a PgDatabase, and `$client` lets the migrator take a dedicated session.
 */
export type Database = PgDatabase<PgQueryResultHKT, Schema> & { $client: Pool | PoolClient | PGlite };

export interface DatabaseHandle {
  db: Database;
  kind: DbConfig['kind'];
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Apply pending migrations before returning. Defaults to true for PGlite only: PostgreSQL and
   * Cloud SQL are migrated by `npm run db:migrate`, never on a production cold start.
   */
  migrate?: boolean;
}

function poolConfig(settings: { max: number; connectionTimeoutMillis: number; idleTimeoutMillis: number }) {
  return {
    max: settings.max,
    connectionTimeoutMillis: settings.connectionTimeoutMillis,
    idleTimeoutMillis: settings.idleTimeoutMillis,
    // Lets a CLI or a test exit once its work is done instead of waiting for idle timeouts.
    allowExitOnIdle: true,
  } satisfies PoolConfig;
}

function newPool(config: PoolConfig): Pool {
  const pool = new Pool(config);
  // A client whose server went away emits 'error': on the pool while idle, on the client itself
  // while checked out (mid-transaction). Unhandled, either kills the process. The failed query
  // rejects anyway (reported as a retryable AppError) and the pool discards the dead client.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

async function openPool(config: Exclude<DbConfig, { kind: 'pglite' }>): Promise<{ pool: Pool; stop(): void }> {
  if (config.kind === 'url') {
    return { pool: newPool({ connectionString: config.url, ...poolConfig(config.pool) }), stop: () => {} };
  }
  // Loaded only here: the connector pulls in Google auth, which local runs and tests never need.
  const { AuthTypes, Connector, IpAddressTypes } =
    require('@google-cloud/cloud-sql-connector') as typeof import('@google-cloud/cloud-sql-connector');
  const connector = new Connector();
  try {
    const options = await connector.getOptions({
      instanceConnectionName: config.instanceConnectionName,
      ipType: IpAddressTypes[config.ipType],
      authType: AuthTypes.IAM,
    });
    const pool = newPool({ ...options, user: config.user, database: config.database, ...poolConfig(config.pool) });
    return { pool, stop: () => connector.close() };
  } catch (error) {
    connector.close();
    throw error;
  }
}

async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  await client.waitReady;
  return client;
}

/** Wraps an open PGlite (tests bring their own instance) and migrates it unless told not to. */
export async function openPgliteDatabase(client: PGlite, options: OpenOptions = {}): Promise<DatabaseHandle> {
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  try {
    if (options.migrate ?? true) await migrate(db);
  } catch (error) {
    await client.close();
    throw error;
  }
  return { db, kind: 'pglite', close: () => client.close() };
}

/** Opens a database from an already validated config. Most callers want `getDatabase()`. */
export async function openDatabase(config: DbConfig, options: OpenOptions = {}): Promise<DatabaseHandle> {
  try {
    if (config.kind === 'pglite') return await openPgliteDatabase(await openPglite(config.dataDir), options);
    const { pool, stop } = await openPool(config);
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Database;
    if (options.migrate ?? false) await migrate(db);
    return {
      db,
      kind: config.kind,
      close: async () => {
        await pool.end();
        stop();
      },
    };
  } catch (error) {
    throw toAppError(error, 'open database');
  }
}

export interface LazyDatabase {
  get(): Promise<Database>;
  /** Closes the database if it was opened; the next get() opens it again. */
  close(): Promise<void>;
}

/**
 * A database opened on first use. Memoised as a promise so concurrent first requests share one
 * pool; a failed open is forgotten so the next request (or redelivery) can try again.
 */
export function lazyDatabase(open: () => Promise<DatabaseHandle>): LazyDatabase {
  let pending: Promise<DatabaseHandle> | undefined;
  return {
    get() {
      if (!pending) {
        // Through then(): a config error thrown by `open` becomes a rejection like any other.
        const opening = Promise.resolve().then(open);
        pending = opening;
        opening.catch(() => {
          if (pending === opening) pending = undefined;
        });
      }
      return pending.then((handle) => handle.db);
    },
    async close() {
      const opening = pending;
      pending = undefined;
      const handle = await opening?.catch(() => undefined);
      await handle?.close();
    },
  };
}

/** The process's one database, from the environment (read and validated on first use). */
const processDatabase = lazyDatabase(() => openDatabase(readDbConfig()));

export function getDatabase(): Promise<Database> {
  return processDatabase.get();
}

/** Closes the process's database, if one was opened: call on SIGTERM. */
export function close(): Promise<void> {
  return processDatabase.close();
}
