import { isAppError } from '../errors/app-error';
import { close, getDatabase, openDatabase } from './client';

const getOptions = jest.fn(async () => ({ stream: () => null }));
const connectorClose = jest.fn();
jest.mock('@google-cloud/cloud-sql-connector', () => ({
  ...jest.requireActual('@google-cloud/cloud-sql-connector'),
  Connector: jest.fn(() => ({ getOptions, close: connectorClose })),
}));

describe('database connections', () => {
  const saved = { ...process.env };
  afterEach(async () => {
    await close();
    process.env = { ...saved };
  });

  test('Cloud SQL goes through the connector with IAM authentication and the chosen IP type', async () => {
    const handle = await openDatabase({
      kind: 'cloud-sql',
      instanceConnectionName: 'proj:europe-west1:jd',
      user: 'parser@proj.iam',
      database: 'jd',
      ipType: 'PSC',
      pool: { max: 3, connectionTimeoutMillis: 4_000, idleTimeoutMillis: 9_000 },
    });
    expect(getOptions).toHaveBeenCalledWith({
      instanceConnectionName: 'proj:europe-west1:jd',
      ipType: 'PSC',
      authType: 'IAM',
    });
    const pool = handle.db.$client as unknown as { options: Record<string, unknown> };
    expect(pool.options).toMatchObject({
      user: 'parser@proj.iam',
      database: 'jd',
      max: 3,
      connectionTimeoutMillis: 4_000,
      idleTimeoutMillis: 9_000,
    });
    await handle.close();
    expect(connectorClose).toHaveBeenCalled();
  });

  test('the process database is opened once, however many callers ask at once, and close() forgets it', async () => {
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/none';
    const [a, b] = await Promise.all([getDatabase(), getDatabase()]);
    expect(a).toBe(b);
    await close();
    expect(await getDatabase()).not.toBe(a);
  });

  test('a bad environment fails every caller with CONFIG_INVALID, and is read again on the next call', async () => {
    process.env.DATABASE_URL = 'postgres://h/d';
    process.env.INSTANCE_CONNECTION_NAME = 'p:r:i';
    const error = await getDatabase().catch((e: unknown) => e);
    expect(isAppError(error) && error.code === 'CONFIG_INVALID').toBe(true);
    delete process.env.INSTANCE_CONNECTION_NAME;
    await expect(getDatabase()).resolves.toBeDefined();
  });
});
