import { resolve } from 'node:path';
import { type Env, envInteger, envValue } from '../config/env';
import { AppError } from '../errors/app-error';

export const IP_TYPES = ['PUBLIC', 'PRIVATE', 'PSC'] as const;
export type IpType = (typeof IP_TYPES)[number];

/** Sized for serverless: one instance serves few concurrent requests, and Cloud SQL connections are scarce. */
export interface PoolSettings {
  max: number;
  connectionTimeoutMillis: number;
  idleTimeoutMillis: number;
}

export type DbConfig =
  | { kind: 'url'; url: string; pool: PoolSettings }
  | {
      kind: 'cloud-sql';
      instanceConnectionName: string;
      user: string;
      database: string;
      ipType: IpType;
      pool: PoolSettings;
    }
  /** `dataDir` undefined: in memory (tests). */
  | { kind: 'pglite'; dataDir: string | undefined };

export const DEFAULT_PGLITE_DIR = './.data/pglite';
const PGLITE_MEMORY = 'memory://';

function invalid(message: string, variables: string[]): AppError {
  return new AppError('CONFIG_INVALID', message, { variables });
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  return envInteger(env, name, { fallback, min, max }, (variable, message) => {
    throw invalid(message, [variable]);
  });
}

function poolSettings(env: Env): PoolSettings {
  return {
    max: integer(env, 'DB_POOL_MAX', 4, 1, 50),
    connectionTimeoutMillis: integer(env, 'DB_CONNECT_TIMEOUT_MS', 5_000, 100, 120_000),
    idleTimeoutMillis: integer(env, 'DB_IDLE_TIMEOUT_MS', 10_000, 100, 3_600_000),
  };
}

const CLOUD_SQL_ONLY = ['DB_USER', 'DB_NAME', 'DB_IP_TYPE'] as const;

/**
 * Reads and validates the database settings. Throws AppError CONFIG_INVALID naming the variable(s)
 * at fault; never falls back silently from a half-configured production setting to PGlite.
 */
export function readDbConfig(env: Env = process.env): DbConfig {
  const url = envValue(env, 'DATABASE_URL');
  const instance = envValue(env, 'INSTANCE_CONNECTION_NAME');
  const pgliteDir = envValue(env, 'PGLITE_DATA_DIR');

  if (url && instance) {
    throw invalid('DATABASE_URL and INSTANCE_CONNECTION_NAME are both set; set one of them', [
      'DATABASE_URL',
      'INSTANCE_CONNECTION_NAME',
    ]);
  }
  if (pgliteDir && (url || instance)) {
    const other = url ? 'DATABASE_URL' : 'INSTANCE_CONNECTION_NAME';
    throw invalid(`PGLITE_DATA_DIR and ${other} are both set; set one of them`, ['PGLITE_DATA_DIR', other]);
  }
  if (!instance) {
    const stray = CLOUD_SQL_ONLY.filter((name) => envValue(env, name) !== undefined);
    if (stray.length > 0) {
      throw invalid(`${stray.join(', ')} set without INSTANCE_CONNECTION_NAME`, [...stray, 'INSTANCE_CONNECTION_NAME']);
    }
  }

  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalid('DATABASE_URL is not a URL (expected postgres://user@host:port/database)', ['DATABASE_URL']);
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      throw invalid(`DATABASE_URL must use postgres:// or postgresql://, got ${parsed.protocol}`, ['DATABASE_URL']);
    }
    return { kind: 'url', url, pool: poolSettings(env) };
  }

  if (instance) {
    if (!/^[a-z0-9:._-]+:[a-z0-9-]+:[a-z0-9-]+$/i.test(instance)) {
      throw invalid('INSTANCE_CONNECTION_NAME must look like project:region:instance', ['INSTANCE_CONNECTION_NAME']);
    }
    const user = envValue(env, 'DB_USER');
    const database = envValue(env, 'DB_NAME');
    const missing = [user ? null : 'DB_USER', database ? null : 'DB_NAME'].filter((n): n is string => n !== null);
    if (!user || !database) {
      throw invalid(`INSTANCE_CONNECTION_NAME is set but ${missing.join(' and ')} not`, missing);
    }
    const ipType = (envValue(env, 'DB_IP_TYPE') ?? 'PUBLIC').toUpperCase();
    if (!(IP_TYPES as readonly string[]).includes(ipType)) {
      throw invalid(`DB_IP_TYPE must be one of ${IP_TYPES.join(', ')}, got "${ipType}"`, ['DB_IP_TYPE']);
    }
    return {
      kind: 'cloud-sql',
      instanceConnectionName: instance,
      user,
      database,
      ipType: ipType as IpType,
      pool: poolSettings(env),
    };
  }

  // K_SERVICE is set by Cloud Run: there, no database setting is a deployment mistake, not a wish
  // for an embedded database that disappears with the instance.
  if (envValue(env, 'K_SERVICE') && !pgliteDir) {
    throw invalid('no database configured on Cloud Run: set INSTANCE_CONNECTION_NAME, DB_USER and DB_NAME', [
      'INSTANCE_CONNECTION_NAME',
      'DB_USER',
      'DB_NAME',
    ]);
  }
  const dir = pgliteDir ?? DEFAULT_PGLITE_DIR;
  return { kind: 'pglite', dataDir: dir === PGLITE_MEMORY ? undefined : resolve(dir) };
}
