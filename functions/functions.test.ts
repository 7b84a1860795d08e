/**
 * The three functions through the Functions Framework's own test server (its body parsers, its
 * routing), on a real PostgreSQL database created for this file. The topic is the in-process
 * stand-in: an upload answered 202 is parsed in the background, as Pub/Sub would push it.
 */
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { Client } from 'pg';
import request from 'supertest';
import { createRepository } from '../shared/db/repository';
import { makeDocx } from '../shared/extract/__tests__/make-docx';
import { makePdf } from '../shared/extract/__tests__/make-pdf';
import { PARSER_VERSION } from '../shared/parser';
import { b64, eventually, openTestDatabase, pushBody, sampleText } from './__tests__/support';
import type { Runtime } from './runtime';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
let runtime: Runtime;
let sql: Client;

const upload = () => request(getTestServer('uploadJobDescription'));
const push = () => request(getTestServer('parseJobDescription'));
const reparse = () => request(getTestServer('reparseJobDescriptions'));

beforeAll(async () => {
  database = await openTestDatabase('PostgreSQL');
  process.env.DATABASE_URL = database.pg?.url;
  process.env.LOG_LEVEL = 'error';
  process.env.MAX_UPLOAD_BYTES = String(256 * 1024);
  // Registers the functions with the framework, reading the environment set above.
  runtime = (require('./index') as typeof import('./index')).runtime;
  sql = new Client({ connectionString: database.pg?.url });
  await sql.connect();
});

afterAll(async () => {
  await runtime?.close();
  await sql?.end();
  await database?.close();
  delete process.env.DATABASE_URL;
  delete process.env.MAX_UPLOAD_BYTES;
});

async function count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const { rows } = await sql.query(`select count(*)::int as n from ${table} where ${where}`, params);
  return rows[0].n;
}

const unique = (text = sampleText) => `${text}\n\nReference ${Math.random().toString(36).slice(2)}`;

describe('uploadJobDescription', () => {
  test('when a posting is uploaded, then 202 with its id and Location, and its parse appears', async () => {
    const res = await upload().post('/job-descriptions').set('content-type', 'text/markdown').send(unique());
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/job-descriptions/${res.body.id}`);
    const parsed = await eventually(async () => {
      const got = await upload().get(res.headers.location as string);
      return got.body.status === 'parsed' ? got.body : undefined;
    });
    expect(parsed.parse.parserVersion).toBe(PARSER_VERSION);
    expect(parsed.parse.result.requirements.length).toBeGreaterThan(0);
  });

  test('when wait=true, then 201 with the result; the same content again gives 200 and the same id', async () => {
    const text = unique();
    const first = await upload().post('/job-descriptions?wait=true').set('content-type', 'text/markdown').send(text);
    expect(first.status).toBe(201);
    expect(first.body.result.responsibilities.length).toBeGreaterThan(0);
    const again = await upload().post('/job-descriptions?wait=true').set('content-type', 'text/markdown').send(text);
    expect([again.status, again.body.id, again.body.created]).toEqual([200, first.body.id, false]);
    expect(await count('parses', 'document_id = $1', [first.body.id])).toBe(1);
  });

  test('when an Idempotency-Key is reused, then the same document; with another body, 422', async () => {
    const key = `k-${Math.random()}`;
    const text = unique();
    const a = await upload().post('/job-descriptions').set('idempotency-key', key).type('text/plain').send(text);
    const b = await upload().post('/job-descriptions').set('idempotency-key', key).type('text/plain').send(text);
    expect([a.status, b.status, b.body.id]).toEqual([202, 202, a.body.id]);
    const c = await upload().post('/job-descriptions').set('idempotency-key', key).type('text/plain').send(unique());
    expect([c.status, c.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  test('when JSON carries the posting with an external id and metadata, then both are stored', async () => {
    const externalId = `ext-${Math.random()}`;
    const res = await upload()
      .post('/job-descriptions?wait=true')
      .send({
        html: `<h2>Requirements</h2><ul><li>5+ years of Go</li></ul>${unique('')}`,
        source: 'ats',
        externalId,
        metadata: { url: 'https://x.test' },
      });
    expect(res.status).toBe(201);
    const got = await upload().get(res.headers.location as string);
    expect(got.body).toMatchObject({
      source: 'ats',
      externalId,
      metadata: { url: 'https://x.test' },
      contentType: 'text/html',
    });
    expect(got.body.parse.result.requirements[0]).toMatchObject({ yearsMin: 5 });
  });

  test.each([
    [
      'a Word file',
      'posting.docx',
      async () =>
        makeDocx([
          { heading: 'Requirements' },
          { bullet: 'At least 3 years of Python' },
          { bullet: `Experience with PostgreSQL ${Math.random()}` },
        ]),
    ],
    [
      'a PDF',
      'posting.pdf',
      async () =>
        makePdf([['Requirements', `- At least 3 years of Python ${Math.random()}`, '- Experience with PostgreSQL']]),
    ],
  ])(
    'when %s is uploaded as multipart/form-data, then its text is extracted and parsed',
    async (_name, fileName, make) => {
      const bytes = Buffer.from(await make());
      const res = await upload()
        .post('/job-descriptions?wait=true')
        .field('source', 'upload-test')
        .attach('file', bytes, { filename: fileName, contentType: 'application/octet-stream' });
      expect(res.status).toBe(201);
      expect(res.body.result.requirements.map((r: { yearsMin: number | null }) => r.yearsMin)).toContain(3);
      const got = await upload().get(res.headers.location as string);
      expect(got.body.source).toBe('upload-test');
      expect(got.body.sourceFormat).toMatch(/pdf|wordprocessingml/);
    },
  );

  test.each([
    ['JSON outside the schema', (r: request.Test) => r.send({ text: 'x', colour: 'red' }), 400, 'INVALID_INPUT'],
    [
      'a documentId',
      (r: request.Test) => r.send({ documentId: '0b5e4c1e-2a4f-4d0e-9f59-1f3f0a4b9a11' }),
      400,
      'INVALID_INPUT',
    ],
    ['an empty text', (r: request.Test) => r.type('text/plain').send('   '), 400, 'INPUT_EMPTY'],
    [
      'binary bytes as text',
      (r: request.Test) => r.type('text/plain').send(Buffer.from([0, 1, 2, 0, 0, 3, 0, 4, 0])),
      400,
      'INPUT_BINARY',
    ],
    [
      'a text over the limit',
      (r: request.Test) => r.type('text/plain').send('a'.repeat(300 * 1024)),
      413,
      'INPUT_TOO_LARGE',
    ],
    [
      'an image',
      (r: request.Test) => r.type('image/png').send(Buffer.from([137, 80, 78, 71])),
      415,
      'UNSUPPORTED_CONTENT_TYPE',
    ],
    [
      'a PDF that is not a PDF',
      (r: request.Test) => r.type('application/pdf').send(Buffer.from('hello, I am text')),
      400,
      'DOCUMENT_UNREADABLE',
    ],
    [
      'malformed multipart',
      (r: request.Test) =>
        r
          .type('multipart/form-data; boundary=XYZ')
          .send(Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello')),
      400,
      'INVALID_INPUT',
    ],
    ['multipart without a file', (r: request.Test) => r.field('source', 'x'), 400, 'INVALID_INPUT'],
    [
      'multipart with nested metadata',
      (r: request.Test) =>
        r.field('metadata', '{"a":{"b":1}}').attach('file', Buffer.from('Engineer'), { filename: 'a.txt' }),
      400,
      'INVALID_INPUT',
    ],
    [
      'wait=maybe',
      (r: request.Test) => r.query({ wait: 'maybe' }).type('text/plain').send('Engineer'),
      400,
      'INVALID_INPUT',
    ],
  ])(
    'when the upload is %s, then the answer is a problem+json with its status and code',
    async (_name, build, status, code) => {
      const res = await build(upload().post('/job-descriptions'));
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code, instance: expect.stringContaining('/job-descriptions') });
    },
  );

  test.each([
    ['an unknown id', 'get', '/job-descriptions/0b5e4c1e-2a4f-4d0e-9f59-1f3f0a4b9a11', 404, 'NOT_FOUND'],
    ['an id that is not a uuid', 'get', '/job-descriptions/42', 404, 'NOT_FOUND'],
    ['a PUT', 'put', '/job-descriptions', 405, 'METHOD_NOT_ALLOWED'],
    [
      'a DELETE of a document',
      'delete',
      '/job-descriptions/0b5e4c1e-2a4f-4d0e-9f59-1f3f0a4b9a11',
      405,
      'METHOD_NOT_ALLOWED',
    ],
  ] as const)(
    'when the request is %s, then the answer is a problem with its status and code',
    async (_name, method, path, status, code) => {
      const res = await upload()[method](path);
      expect([res.status, res.body.code]).toEqual([status, code]);
    },
  );

  test('when the OpenAPI document is asked for, then it is served', async () => {
    const res = await upload().get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
  });
});

describe('parseJobDescription', () => {
  test('when a message is pushed three times, then one document and one parse are stored', async () => {
    const body = pushBody(unique(), { source: 'board', externalId: `x-${Math.random()}` });
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await push().post('/').send(body);
      expect(res.status).toBe(200);
      statuses.push(res.body.status);
    }
    expect(statuses).toEqual(['stored', 'duplicate', 'duplicate']);
    const external = body.message.attributes.externalId;
    expect(await count('documents', 'external_id = $1', [external])).toBe(1);
    expect(await count('parses p join documents d on d.id = p.document_id', 'd.external_id = $1', [external])).toBe(1);
  });

  test('when Eventarc delivers a binary-mode CloudEvent, then the message is stored', async () => {
    const body = pushBody(JSON.stringify({ text: unique(), source: 'eventarc' }));
    const res = await push()
      .post('/')
      .set({
        'ce-specversion': '1.0',
        'ce-id': body.message.messageId,
        'ce-type': 'google.cloud.pubsub.topic.v1.messagePublished',
        'ce-source': '//pubsub.googleapis.com/projects/p/topics/job-descriptions',
      })
      .send(body);
    expect([res.status, res.body.status]).toEqual([200, 'stored']);
  });

  test.each([
    [
      'content that is not base64',
      JSON.stringify({ content: 'not base64!', contentType: 'text/plain' }),
      'INVALID_INPUT',
    ],
    ['invalid JSON', '{"text": "unfinished', 'INVALID_INPUT'],
    ['a schema violation', JSON.stringify({ text: 'a', html: 'b' }), 'INVALID_INPUT'],
    ['no text at all', '', 'INPUT_EMPTY'],
    ['an oversize posting', 'x'.repeat(300 * 1024), 'INPUT_TOO_LARGE'],
  ])('when the message holds %s, then it is acked and recorded with its raw payload', async (_name, data, code) => {
    const body = pushBody(data);
    const res = await push().post('/').send(body);
    expect([res.status, res.body.status, res.body.code]).toEqual([200, 'rejected', code]);
    const { rows } = await sql.query('select reason, raw_payload from rejections where message_id = $1', [
      body.message.messageId,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].reason).toBe(code);
    expect(JSON.parse(rows[0].raw_payload.toString()).message.data).toBe(body.message.data);
  });

  test('when the body is not a push request, then 400 and the body is recorded', async () => {
    const res = await push().post('/').send({ hello: 'world' });
    expect([res.status, res.body.code]).toEqual([400, 'INVALID_INPUT']);
    expect(await count('rejections', "reason = 'INVALID_INPUT' and message_id is null")).toBeGreaterThan(0);
  });

  test('when a message names a stored document, then that document is parsed', async () => {
    const repo = createRepository(runtime ? (await openRepoDb()).db : (undefined as never));
    const { documentId } = await repo.storeDocument({
      source: 's',
      externalId: `d-${Math.random()}`,
      contentType: 'text/markdown',
      text: unique(),
    });
    const res = await push()
      .post('/')
      .send(pushBody(JSON.stringify({ documentId })));
    expect([res.status, res.body.status, res.body.documentId]).toEqual([200, 'stored', documentId]);
    const again = await push()
      .post('/')
      .send(pushBody(JSON.stringify({ documentId })));
    expect(again.body).toMatchObject({ status: 'skipped', reason: 'ALREADY_PARSED' });
  });
});

describe('a document the parser fails on', () => {
  test('when its parse fails, then the failure is recorded, shown by GET, and not retried by the re-parse', async () => {
    const { db } = await openRepoDb();
    const repo = createRepository(db);
    // Stored by an older deployment with a type this parser does not read.
    const { documentId } = await repo.storeDocument({
      source: 'legacy',
      externalId: `l-${Math.random()}`,
      contentType: 'application/rtf',
      text: '{\\rtf1 Engineer}',
    });
    const res = await push()
      .post('/')
      .send(pushBody(JSON.stringify({ documentId })));
    expect(res.body).toMatchObject({ status: 'failed', code: 'UNSUPPORTED_CONTENT_TYPE', documentId });
    const got = await upload().get(`/job-descriptions/${documentId}`);
    expect(got.body).toMatchObject({
      status: 'failed',
      failure: { parserVersion: PARSER_VERSION, code: 'UNSUPPORTED_CONTENT_TYPE' },
    });
    expect(got.headers['retry-after']).toBeUndefined();
    await reparse().post('/').send({});
    expect(await count('parses', 'document_id = $1', [documentId])).toBe(1);
  });
});

/** `n` documents of `source`, each with a stored parse from parserVersion `version`; their ids. */
async function storeWithOldParses(n: number, source: string, version: string): Promise<string[]> {
  const { db } = await openRepoDb();
  const repo = createRepository(db);
  const harness = require('../shared/db/__tests__/harness') as typeof import('../shared/db/__tests__/harness');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const stored = await repo.storeParse({
      document: { source, externalId: `${source}-${i}-${Math.random()}`, contentType: 'text/markdown', text: unique() },
      result: harness.sampleResult(version),
      durationMs: 1,
    });
    ids.push(stored.documentId);
  }
  return ids;
}

describe('reparseJobDescriptions', () => {
  test('when documents carry an older parse, then a call brings them to this version and a second finds none', async () => {
    const ids = await storeWithOldParses(5, 'old', '0.0.1');
    const first = await reparse().post('/').send({ batchSize: 2 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ parserVersion: PARSER_VERSION, done: true, cursor: null });
    expect(first.body.stored).toBeGreaterThanOrEqual(5);
    for (const id of ids) {
      const got = await upload().get(`/job-descriptions/${id}`);
      expect(got.body.parse.parserVersion).toBe(PARSER_VERSION);
    }
    const second = await reparse().post('/').send({});
    expect(second.body).toMatchObject({ processed: 0, done: true });
  });

  test('when two re-parses run at once, then every document ends with exactly one parse of this version', async () => {
    const ids = await storeWithOldParses(12, 'twice', '0.0.2');
    const [a, b] = await Promise.all([
      reparse().post('/').send({ batchSize: 3 }),
      reparse().post('/').send({ batchSize: 5 }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await count('parses', 'document_id = any($1) and parser_version = $2', [ids, PARSER_VERSION])).toBe(12);
    expect(
      await count('parses', 'document_id = any($1) and is_current and parser_version = $2', [ids, PARSER_VERSION]),
    ).toBe(12);
  });

  test('when the time budget runs out, then a cursor is returned and the next call continues from it', async () => {
    const res = await reparse().post('/').send({ force: true, batchSize: 1, timeBudgetMs: 100 });
    expect(res.status).toBe(200);
    if (!res.body.done) {
      expect(typeof res.body.cursor).toBe('string');
      const next = await reparse()
        .post('/')
        .send({ force: true, cursor: res.body.cursor, batchSize: 500, timeBudgetMs: 60_000 });
      expect(next.body).toMatchObject({ done: true });
    }
  });

  test('when fan-out is asked for, then each document is published and parsed through the topic', async () => {
    const { db } = await openRepoDb();
    const repo = createRepository(db);
    const { documentId } = await repo.storeDocument({
      source: 'fan',
      externalId: `f-${Math.random()}`,
      contentType: 'text/plain',
      text: unique(),
    });
    const res = await reparse().post('/').send({ mode: 'fanout' });
    expect(res.body.published).toBeGreaterThanOrEqual(1);
    await eventually(async () => {
      const got = await upload().get(`/job-descriptions/${documentId}`);
      return got.body.status === 'parsed' ? true : undefined;
    });
  });

  test.each([[{ batchSize: 0 }], [{ mode: 'sideways' }], [{ unknown: true }], [{ cursor: 'not-an-id' }]])(
    'when the request is %j, then 400',
    async (body) => {
      const res = await reparse().post('/').send(body);
      expect([res.status, res.body.code]).toEqual([400, 'INVALID_INPUT']);
    },
  );
});

let repoDb: Awaited<ReturnType<typeof import('../shared/db/client').openDatabase>> | undefined;
async function openRepoDb() {
  const { openDatabase } = require('../shared/db/client') as typeof import('../shared/db/client');
  repoDb ??= await openDatabase({
    kind: 'url',
    url: database.pg?.url as string,
    pool: { max: 2, connectionTimeoutMillis: 5000, idleTimeoutMillis: 1000 },
  });
  return repoDb;
}
afterAll(async () => {
  await repoDb?.close();
});

test('the base64 helper round-trips', () => {
  expect(Buffer.from(b64('a'), 'base64').toString()).toBe('a');
});
