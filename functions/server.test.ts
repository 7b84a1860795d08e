/**
 * The server the container runs: size limits enforced before the body is read, problem+json for
 * every refusal, routing by FUNCTION_TARGET, structured logs without document text, and the
 * answers when the database is unreachable.
 */
import { connect } from 'node:net';
import request from 'supertest';
import { AppError, isAppError } from '../shared/errors/app-error';
import { capturingLogger, eventually, openTestDatabase, pushBody, sampleText } from './__tests__/support';
import { type StartedServer, startServer } from './server';

jest.setTimeout(30_000);

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
let started: StartedServer;
const logs = capturingLogger();

beforeAll(async () => {
  database = await openTestDatabase('PostgreSQL');
  started = await startServer({
    port: 0,
    env: { DATABASE_URL: database.pg?.url, MAX_UPLOAD_BYTES: String(1024 * 1024) },
    logger: logs.logger,
  });
});

afterAll(async () => {
  await started?.stop();
  await database?.close();
});

/** Writes `head`, then body chunks while the server has not answered; resolves with the answer. */
function rawUpload(head: string, chunks: Iterable<Buffer>): Promise<{ response: string; sent: number }> {
  const url = new URL(started.url);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let response = '';
    let sent = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ response, sent });
    };
    socket.on('data', (chunk) => {
      response += chunk.toString('latin1');
      if (response.includes('\r\n\r\n')) setTimeout(finish, 20);
    });
    socket.on('close', finish);
    socket.on('error', finish);
    socket.write(head);
    const iterator = chunks[Symbol.iterator]();
    const pump = async () => {
      while (!done && response === '') {
        const next = iterator.next();
        if (next.done) return;
        sent += next.value.length;
        if (!socket.write(next.value)) await new Promise((r) => socket.once('drain', r));
        // Lets the answer be read between writes, as a real client's event loop would.
        await new Promise((r) => setImmediate(r));
      }
    };
    void pump();
    setTimeout(finish, 20_000);
  });
}

function* repeat(chunk: Buffer, total: number): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
}

const FIFTY_MB = 50 * 1024 * 1024;

describe('the server', () => {
  test('when a 50 MB upload declares its length, then 413 comes before any of the body is sent', async () => {
    const { response, sent } = await rawUpload(
      `POST /job-descriptions HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${FIFTY_MB}\r\n\r\n`,
      [],
    );
    expect(sent).toBe(0);
    expect(response).toMatch(/^HTTP\/1.1 413/);
    expect(response).toContain('"code":"INPUT_TOO_LARGE"');
  });

  test('when a 50 MB upload is chunked, then reading stops near the limit with 413 and memory stays bounded', async () => {
    const before = process.memoryUsage().rss;
    const chunk = Buffer.alloc(64 * 1024, 'b');
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    const { response, sent } = await rawUpload(
      'POST /job-descriptions HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n',
      repeat(frame, FIFTY_MB),
    );
    expect(response).toMatch(/^HTTP\/1.1 413/);
    expect(sent).toBeLessThan(FIFTY_MB / 2);
    expect(process.memoryUsage().rss - before).toBeLessThan(30 * 1024 * 1024);
  });

  test('when the JSON body is invalid, then 400 INVALID_INPUT as problem+json', async () => {
    const res = await request(started.url).post('/job-descriptions').type('application/json').send('{"text":');
    expect([res.status, res.body.code, res.body.reason]).toEqual([400, 'INVALID_INPUT', 'INVALID_JSON']);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  test('when a push arrives on the push path, then it is stored', async () => {
    const res = await request(started.url)
      .post('/pubsub/push')
      .send(pushBody(`${sampleText}\n${Math.random()}`));
    expect([res.status, res.body.status]).toEqual([200, 'stored']);
  });

  test('when a document id holds a malformed percent-escape, then 404 as problem+json, not a 500', async () => {
    const res = await request(started.url).get('/job-descriptions/%E0%A4%A');
    expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  test('when an unknown path is asked for, then 404 as problem+json', async () => {
    const res = await request(started.url).get('/nothing-here');
    expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  test('when a posting is uploaded, then the logs carry severity, trace and ids but never its text', async () => {
    const marker = `MARKER${Math.random().toString(36).slice(2)}`;
    const res = await request(started.url)
      .post('/job-descriptions?wait=true')
      .set('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')
      .type('text/plain')
      .send(`${sampleText}\n${marker}`);
    expect(res.status).toBe(201);
    const line = logs.lines.find((l) => l.documentId === res.body.id && l.message === 'upload accepted');
    expect(line).toMatchObject({ severity: 'INFO', function: 'uploadJobDescription' });
    expect(logs.text()).not.toContain(marker);
  });
});

describe('the server without its database', () => {
  let offline: StartedServer;
  beforeAll(async () => {
    offline = await startServer({
      port: 0,
      // Nothing listens on port 1: every connection is refused.
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DB_CONNECT_TIMEOUT_MS: '500' },
      logger: capturingLogger().logger,
    });
  });
  afterAll(async () => {
    await offline?.stop();
  });

  test('when an upload comes, then 503 DATABASE_UNAVAILABLE with Retry-After', async () => {
    const res = await request(offline.url).post('/job-descriptions').type('text/plain').send(sampleText);
    expect([res.status, res.body.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
    expect(res.headers['retry-after']).toBeDefined();
  });

  test('when a push comes, then a non-2xx answer makes Pub/Sub redeliver it', async () => {
    const res = await request(offline.url).post('/pubsub/push').send(pushBody(sampleText));
    expect(res.status).toBe(503);
  });
});

describe('one function per service', () => {
  test('when FUNCTION_TARGET names the parse function, then every path is the push endpoint', async () => {
    const single = await startServer({
      port: 0,
      env: { DATABASE_URL: database.pg?.url, FUNCTION_TARGET: 'parseJobDescription' },
      logger: capturingLogger().logger,
    });
    try {
      const upload = await request(single.url).get('/job-descriptions');
      expect([upload.status, upload.body.code]).toEqual([405, 'METHOD_NOT_ALLOWED']);
      const res = await request(single.url)
        .post('/')
        .send(pushBody(`${sampleText}\n${Math.random()}`));
      expect([res.status, res.body.status]).toEqual([200, 'stored']);
    } finally {
      await single.stop();
    }
  });

  test.each([
    ['an unknown FUNCTION_TARGET', { FUNCTION_TARGET: 'nope', PGLITE_DATA_DIR: 'memory://' }],
    ['an invalid MAX_UPLOAD_BYTES', { MAX_UPLOAD_BYTES: 'lots', PGLITE_DATA_DIR: 'memory://' }],
    ['no database on Cloud Run', { K_SERVICE: 'parse' }],
  ])('when the server starts with %s, then it refuses to start', async (_name, env) => {
    const error = await startServer({ port: 0, env, logger: capturingLogger().logger }).then(
      (s) => s.stop().then(() => undefined),
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    if (isAppError(error)) expect(error.code).toBe('CONFIG_INVALID');
  });
});

describe('the local stack on a timer', () => {
  test('when REPARSE_INTERVAL_SECONDS is set, then documents on an older parser are brought up to date without a call', async () => {
    const { createRepository } = require('../shared/db/repository') as typeof import('../shared/db/repository');
    const { sampleResult } =
      require('../shared/db/__tests__/harness') as typeof import('../shared/db/__tests__/harness');
    const timed = await startServer({
      port: 0,
      env: { DATABASE_URL: database.pg?.url, REPARSE_INTERVAL_SECONDS: '1' },
      logger: capturingLogger().logger,
    });
    try {
      const { openDatabase } = require('../shared/db/client') as typeof import('../shared/db/client');
      const handle = await openDatabase({
        kind: 'url',
        url: database.pg?.url as string,
        pool: { max: 1, connectionTimeoutMillis: 5000, idleTimeoutMillis: 1000 },
      });
      try {
        const { documentId } = await createRepository(handle.db).storeParse({
          document: {
            source: 'timer',
            externalId: `timer-${Math.random()}`,
            contentType: 'text/markdown',
            text: sampleText,
          },
          result: sampleResult('0.0.3'),
          durationMs: 1,
        });
        const { PARSER_VERSION } = require('../shared/parser') as typeof import('../shared/parser');
        await eventually(async () => {
          const res = await request(timed.url).get(`/job-descriptions/${documentId}`);
          return res.body.parse?.parserVersion === PARSER_VERSION ? true : undefined;
        }, 10_000);
      } finally {
        await handle.close();
      }
    } finally {
      await timed.stop();
    }
  });
});

describe('the server when the topic refuses messages', () => {
  test('when an upload cannot be queued, then 503 PUBLISH_FAILED, and the next re-parse parses the stored document', async () => {
    const failing = await startServer({
      port: 0,
      env: { DATABASE_URL: database.pg?.url },
      logger: capturingLogger().logger,
      topic: () => ({
        name: 'down',
        publish: async () => {
          throw new AppError('PUBLISH_FAILED', 'topic unavailable');
        },
        close: async () => {},
      }),
    });
    try {
      const text = `${sampleText}\nqueued-${Math.random()}`;
      const res = await request(failing.url).post('/job-descriptions').type('text/plain').send(text);
      expect([res.status, res.body.code]).toEqual([503, 'PUBLISH_FAILED']);
      const swept = await request(failing.url).post('/reparse').send({});
      expect(swept.body.stored).toBeGreaterThanOrEqual(1);
      const again = await request(failing.url).post('/job-descriptions?wait=true').type('text/plain').send(text);
      expect([again.status, again.body.created]).toEqual([200, false]);
      expect(again.body.result.requirements.length).toBeGreaterThan(0);
    } finally {
      await failing.stop();
    }
  });
});
