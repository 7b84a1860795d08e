import { resolve } from 'node:path';
import type { AppError } from '../errors/app-error';
import { readDbConfig } from './config';

function configError(env: Record<string, string>): AppError {
  try {
    readDbConfig(env);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected readDbConfig to throw');
}

describe('database configuration from the environment', () => {
  test('nothing set means an embedded PGlite under ./.data/pglite', () => {
    expect(readDbConfig({})).toEqual({ kind: 'pglite', dataDir: resolve('.data/pglite') });
  });

  test('PGLITE_DATA_DIR moves it, and memory:// keeps it in memory', () => {
    expect(readDbConfig({ PGLITE_DATA_DIR: '/tmp/x' })).toEqual({ kind: 'pglite', dataDir: '/tmp/x' });
    expect(readDbConfig({ PGLITE_DATA_DIR: 'memory://' })).toEqual({ kind: 'pglite', dataDir: undefined });
  });

  test('DATABASE_URL gives a small pool with connect and idle timeouts', () => {
    expect(readDbConfig({ DATABASE_URL: 'postgres://u@h:5432/d', DB_POOL_MAX: '2' })).toEqual({
      kind: 'url',
      url: 'postgres://u@h:5432/d',
      pool: { max: 2, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 10_000 },
    });
  });

  test('INSTANCE_CONNECTION_NAME with DB_USER and DB_NAME gives Cloud SQL, public IP unless told', () => {
    expect(
      readDbConfig({ INSTANCE_CONNECTION_NAME: 'proj:europe-west1:jd', DB_USER: 'sa@proj.iam', DB_NAME: 'jd' }),
    ).toMatchObject({ kind: 'cloud-sql', ipType: 'PUBLIC', user: 'sa@proj.iam', database: 'jd' });
    expect(
      readDbConfig({ INSTANCE_CONNECTION_NAME: 'p:r:i', DB_USER: 'u', DB_NAME: 'd', DB_IP_TYPE: 'psc' }),
    ).toMatchObject({ ipType: 'PSC' });
  });

  test.each([
    [
      { DATABASE_URL: 'postgres://h/d', INSTANCE_CONNECTION_NAME: 'p:r:i' },
      ['DATABASE_URL', 'INSTANCE_CONNECTION_NAME'],
    ],
    [{ DATABASE_URL: 'postgres://h/d', PGLITE_DATA_DIR: '/x' }, ['PGLITE_DATA_DIR', 'DATABASE_URL']],
    [{ INSTANCE_CONNECTION_NAME: 'p:r:i', DB_NAME: 'd' }, ['DB_USER']],
    [{ INSTANCE_CONNECTION_NAME: 'p:r:i' }, ['DB_USER', 'DB_NAME']],
    [{ INSTANCE_CONNECTION_NAME: 'not-a-name', DB_USER: 'u', DB_NAME: 'd' }, ['INSTANCE_CONNECTION_NAME']],
    [{ INSTANCE_CONNECTION_NAME: 'p:r:i', DB_USER: 'u', DB_NAME: 'd', DB_IP_TYPE: 'LAN' }, ['DB_IP_TYPE']],
    [{ DB_USER: 'u' }, ['DB_USER', 'INSTANCE_CONNECTION_NAME']],
    [{ DATABASE_URL: 'mysql://h/d' }, ['DATABASE_URL']],
    [{ DATABASE_URL: 'not a url' }, ['DATABASE_URL']],
    [{ DATABASE_URL: 'postgres://h/d', DB_POOL_MAX: '0' }, ['DB_POOL_MAX']],
    [{ DATABASE_URL: 'postgres://h/d', DB_CONNECT_TIMEOUT_MS: 'soon' }, ['DB_CONNECT_TIMEOUT_MS']],
    [{ K_SERVICE: 'parser' }, ['INSTANCE_CONNECTION_NAME']],
  ])('%j fails with CONFIG_INVALID naming %j', (env, names) => {
    const error = configError(env);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', retryable: false });
    for (const name of names) {
      expect(error.message).toContain(name);
      expect(error.details.variables).toContain(name);
    }
  });

  test('an empty variable counts as unset', () => {
    expect(readDbConfig({ DATABASE_URL: '', INSTANCE_CONNECTION_NAME: '  ' }).kind).toBe('pglite');
  });
});
