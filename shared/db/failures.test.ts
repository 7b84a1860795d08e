import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { isAppError } from '../errors/app-error';
import {
  openTestDatabase,
  rowCounts,
  sampleResult,
  sampleText,
  type TestDatabase,
  uniqueId,
} from './__tests__/harness';
import { openDatabase } from './client';
import { createRepository, type StoreParseInput } from './repository';

function input(externalId: string): StoreParseInput {
  return {
    document: { source: 'test', externalId, contentType: 'text/markdown', text: sampleText },
    result: sampleResult(),
    durationMs: 5,
  };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('storage failures on PostgreSQL', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase('PostgreSQL');
  });
  afterAll(async () => {
    await handle?.close();
  });

  test('a connection killed mid-transaction leaves nothing half-written and fails with a retryable AppError', async () => {
    const repo = createRepository(handle.db);
    const id = uniqueId();
    // Another session holds an uncommitted skill row that storeParse must wait for: by then the
    // document, parse and requirement rows are written inside storeParse's open transaction.
    const blocker = new Client({ connectionString: handle.pg?.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query("insert into skills (name) values ('SQL')");
      const pending = caught(repo.storeParse(input(id)));

      let victim: number | undefined;
      for (let i = 0; i < 100 && victim === undefined; i++) {
        const { rows } = await blocker.query<{ pid: number }>(
          `select pid from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
        );
        victim = rows[0]?.pid;
        if (victim === undefined) await sleep(20);
      }
      expect(victim).toBeDefined();
      const { rows: written } = await blocker.query<{ n: number }>(
        `select count(*)::int as n from pg_locks where pid = $1 and locktype = 'transactionid' and granted`,
        [victim],
      );
      expect(written[0]?.n).toBeGreaterThan(0);
      await blocker.query('select pg_terminate_backend($1)', [victim]);

      const error = await pending;
      expect(isAppError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', retryable: true });
    } finally {
      await blocker.query('rollback').catch(() => undefined);
      await blocker.end();
    }
    expect(await rowCounts(handle, 'test', id)).toMatchObject({ documents: 0, parses: 0 });
    // The pool dropped the dead connection: the next write succeeds.
    expect((await repo.storeParse(input(id))).created).toBe(true);
  });

  test('an unreachable server fails with a retryable AppError', async () => {
    const unreachable = await openDatabase({
      kind: 'url',
      url: 'postgres://postgres@127.0.0.1:1/none',
      pool: { max: 1, connectionTimeoutMillis: 1_000, idleTimeoutMillis: 1_000 },
    });
    try {
      const error = await caught(createRepository(unreachable.db).storeParse(input(uniqueId())));
      expect(error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', retryable: true });
    } finally {
      await unreachable.close();
    }
  });
});
