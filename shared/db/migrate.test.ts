import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import { isAppError } from '../errors/app-error';
import { admin, DRIVERS, openTestDatabase, type TestDatabase } from './__tests__/harness';
import { openDatabase } from './client';
import { APP_ROLE, migrate, migrationsFolder } from './migrate';
import { main } from './migrate-cli';
import { schema } from './schema';

const journal = JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as {
  entries: unknown[];
};

async function appliedMigrations(handle: TestDatabase): Promise<number> {
  const rows = await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
}

async function tableCount(handle: TestDatabase): Promise<number> {
  const rows = await handle.db.execute<{ n: number }>(
    sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
  );
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
}

describe.each(DRIVERS)('migrations on %s', (driver) => {
  let handle: TestDatabase;
  beforeEach(async () => {
    handle = await openTestDatabase(driver, { migrate: false });
  });
  afterEach(async () => {
    await handle.close();
  });

  test('running the migrator twice applies every migration once and the second run is a no-op', async () => {
    await migrate(handle.db);
    await migrate(handle.db);
    expect(await appliedMigrations(handle)).toBe(journal.entries.length);
    expect(await tableCount(handle)).toBe(Object.keys(schema).length);
  });

  test('two migrators started at once both succeed and apply each migration once', async () => {
    if (driver === 'PostgreSQL' && handle.pg) {
      // Two processes: two pools, so two sessions competing for the advisory lock.
      const url = handle.pg.url;
      const pool = { max: 2, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 1_000 };
      const [a, b] = await Promise.all([
        openDatabase({ kind: 'url', url, pool }),
        openDatabase({ kind: 'url', url, pool }),
      ]);
      try {
        await Promise.all([migrate(a.db), migrate(b.db)]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    } else {
      await Promise.all([migrate(handle.db), migrate(handle.db)]);
    }
    expect(await appliedMigrations(handle)).toBe(journal.entries.length);
  });
});

describe('the db:migrate command', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test('with DATABASE_URL it migrates that database and exits 0, twice in a row', async () => {
    const handle = await openTestDatabase('PostgreSQL', { migrate: false });
    try {
      process.env.DATABASE_URL = handle.pg?.url;
      const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        expect(await main()).toBe(0);
        expect(await main()).toBe(0);
      } finally {
        out.mockRestore();
      }
      expect(await appliedMigrations(handle)).toBe(journal.entries.length);
    } finally {
      await handle.close();
    }
  });

  test('with contradictory settings it exits 1 naming both variables', async () => {
    process.env.DATABASE_URL = 'postgres://localhost/x';
    process.env.INSTANCE_CONNECTION_NAME = 'p:r:i';
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main()).toBe(1);
      expect(String(err.mock.calls[0]?.[0])).toMatch(/CONFIG_INVALID.*DATABASE_URL.*INSTANCE_CONNECTION_NAME/);
    } finally {
      err.mockRestore();
    }
  });

  test('a migration against an unreachable server fails with a retryable AppError', async () => {
    const handle = await openDatabase(
      {
        kind: 'url',
        url: 'postgres://postgres@127.0.0.1:1/none',
        pool: { max: 1, connectionTimeoutMillis: 2_000, idleTimeoutMillis: 1_000 },
      },
      { migrate: false },
    );
    try {
      const error = await migrate(handle.db).catch((e: unknown) => e);
      expect(isAppError(error) && error.code === 'DATABASE_UNAVAILABLE' && error.retryable).toBe(true);
    } finally {
      await handle.close();
    }
  });
});

describe('rights for the functions on PostgreSQL', () => {
  test('when the app role exists, then after migrating it can read and write every table', async () => {
    const role = APP_ROLE;
    const login = `jd_test_login_${process.pid}`;
    await admin(async (c) => {
      await c.query(
        `do $$ begin if not exists (select 1 from pg_roles where rolname = '${role}') then create role ${role} nologin; end if; end $$`,
      );
      await c.query(`drop role if exists ${login}`);
      await c.query(`create role ${login} login in role ${role}`);
    });
    const handle = await openTestDatabase('PostgreSQL');
    try {
      const url = new URL(handle.pg?.url as string);
      url.username = login;
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query(
          `insert into documents (content_hash, source, external_id, version, content_type, raw_text, byte_size) values ('h', 's', 'e', 1, 'text/plain', 't', 1)`,
        );
        const { rows } = await client.query('select count(*)::int as n from documents');
        expect(rows[0].n).toBe(1);
        await client.query(`insert into skills (name) values ('Go')`);
      } finally {
        await client.end();
      }
    } finally {
      await handle.close();
      await admin((c) => c.query(`drop role if exists ${login}`));
    }
  });
});
