/**
 * End to end, with every real part: the Pub/Sub emulator pushing to the server over HTTP, the
 * server writing to PostgreSQL (through a TCP proxy this test can take down). Topic and push
 * subscription are created here as Terraform creates them in Google Cloud.
 */
import { PubSub, type Topic } from '@google-cloud/pubsub';
import { Client } from 'pg';
import { capturingLogger, createPostgresDatabase, eventually, sampleText } from '../../functions/__tests__/support';
import { type StartedServer, startServer } from '../../functions/server';
import { openDatabase } from '../../shared/db/client';
import { migrate } from '../../shared/db/migrate';
import { type Emulator, hasGcloud, startEmulator, startProxy, type TcpProxy } from './support';

jest.setTimeout(180_000);

const PROJECT = 'e2e-project';
const MAX_UPLOAD_BYTES = 64 * 1024;
const available = hasGcloud();
if (!available) {
  // Visible in the output: a machine without the Cloud SDK cannot run this suite.
  console.warn('gcloud is not on PATH: the Pub/Sub emulator suite is skipped');
}
const suite = available ? describe : describe.skip;

suite('Pub/Sub emulator -> push -> server -> PostgreSQL', () => {
  let emulator: Emulator;
  let proxy: TcpProxy;
  let server: StartedServer;
  let pubsub: PubSub;
  let topic: Topic;
  let sql: Client;
  let dropDatabase: () => Promise<void>;
  const logs = capturingLogger();

  beforeAll(async () => {
    emulator = await startEmulator();
    const database = await createPostgresDatabase();
    dropDatabase = database.drop;
    const admin = await openDatabase({
      kind: 'url',
      url: database.url,
      pool: { max: 1, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 1_000 },
    });
    await migrate(admin.db);
    await admin.close();
    const direct = new URL(database.url);
    proxy = await startProxy(direct.hostname, Number(direct.port || 5432));
    const viaProxy = new URL(database.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    server = await startServer({
      port: 0,
      migrate: false,
      logger: logs.logger,
      env: {
        DATABASE_URL: viaProxy.toString(),
        DB_CONNECT_TIMEOUT_MS: '1000',
        PUBSUB_EMULATOR_HOST: emulator.host,
        GOOGLE_CLOUD_PROJECT: PROJECT,
        PUBSUB_TOPIC: 'job-descriptions-e2e',
        MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
      },
    });
    pubsub = new PubSub({ projectId: PROJECT, apiEndpoint: emulator.host, emulatorMode: true });
    [topic] = await pubsub.createTopic('job-descriptions-e2e');
    await topic.createSubscription('job-descriptions-e2e-parse', {
      pushConfig: { pushEndpoint: `${server.url}/pubsub/push` },
      ackDeadlineSeconds: 20,
      // No retryPolicy here, unlike terraform/pubsub.tf: with one, the emulator stops redelivering
      // after two or three failed pushes (seen with the emulator on this machine); without, it
      // redelivers about once a second, which is what this test needs.
    });
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await server?.stop();
    await pubsub?.close();
    await emulator?.stop();
    await proxy?.close();
    await sql?.end();
    await dropDatabase?.();
  });

  const count = async (query: string, params: unknown[] = []) => (await sql.query(query, params)).rows[0].n as number;

  /** Push deliveries the server saw, by message id (from its structured logs). */
  const deliveries = (ids: Set<string>) =>
    logs.lines.filter(
      (l) =>
        typeof l.messageId === 'string' &&
        ids.has(l.messageId) &&
        l.function === 'parseJobDescription' &&
        typeof l.message === 'string' &&
        l.message.startsWith('message'),
    );

  test('when every posting is published three times, then each is stored once with one parse', async () => {
    const externalIds = Array.from({ length: 10 }, (_, i) => `triple-${i}-${Date.now()}`);
    const ids = new Set<string>();
    for (const externalId of externalIds) {
      const data = Buffer.from(JSON.stringify({ text: `${sampleText}\n${externalId}`, source: 'e2e', externalId }));
      for (let i = 0; i < 3; i++) ids.add(await topic.publishMessage({ data }));
    }
    await eventually(async () => (deliveries(ids).length >= 30 ? true : undefined), 60_000);
    expect(
      await count("select count(*)::int as n from documents where source = 'e2e' and external_id = any($1)", [
        externalIds,
      ]),
    ).toBe(10);
    expect(
      await count(
        "select count(*)::int as n from parses p join documents d on d.id = p.document_id where d.source = 'e2e' and d.external_id = any($1)",
        [externalIds],
      ),
    ).toBe(10);
  });

  test('when 20 poison messages are published among good ones, then 20 rejections are recorded, none retried, and the good ones land', async () => {
    const poison: Buffer[] = [];
    for (let i = 0; i < 4; i++) {
      poison.push(Buffer.from(JSON.stringify({ content: `***not base64 ${i}***`, contentType: 'text/plain' })));
      poison.push(Buffer.from(`{"text": "unfinished ${i}`));
      poison.push(Buffer.from(JSON.stringify({ text: `both ${i}`, html: '<p>x</p>' })));
      poison.push(Buffer.from(JSON.stringify({ text: 'x'.repeat(MAX_UPLOAD_BYTES + 1 + i) })));
    }
    const poisonIds = new Set<string>();
    const good: string[] = [];
    for (const data of poison) poisonIds.add(await topic.publishMessage({ data }));
    // Empty: attributes only, no data.
    for (let i = 0; i < 4; i++)
      poisonIds.add(await topic.publishMessage({ data: Buffer.alloc(0), attributes: { n: String(i) } }));
    for (let i = 0; i < 5; i++) {
      const externalId = `good-${i}-${Date.now()}`;
      good.push(externalId);
      await topic.publishMessage({
        data: Buffer.from(`${sampleText}\n${externalId}`),
        attributes: { source: 'e2e-good', externalId },
      });
    }
    expect(poisonIds.size).toBe(20);
    const rejected = await eventually(async () => {
      const n = await count('select count(*)::int as n from rejections where message_id = any($1)', [[...poisonIds]]);
      return n >= 20 ? n : undefined;
    }, 60_000);
    expect(rejected).toBe(20);
    await eventually(async () => {
      const n = await count(
        "select count(*)::int as n from documents where source = 'e2e-good' and external_id = any($1)",
        [good],
      );
      return n === good.length ? true : undefined;
    }, 60_000);
    // No retry storm: a few seconds later, each poison message was delivered once (acked at once).
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const perMessage = new Map<string, number>();
    for (const line of deliveries(poisonIds))
      perMessage.set(line.messageId as string, (perMessage.get(line.messageId as string) ?? 0) + 1);
    expect([...perMessage.values()].every((n) => n === 1)).toBe(true);
    expect(perMessage.size).toBe(20);
    const reasons = await sql.query(
      'select reason, count(*)::int as n from rejections where message_id = any($1) group by reason order by reason',
      [[...poisonIds]],
    );
    expect(Object.fromEntries(reasons.rows.map((r) => [r.reason, r.n]))).toEqual({
      INPUT_EMPTY: 4,
      INPUT_TOO_LARGE: 4,
      INVALID_INPUT: 12,
    });
  });

  test('when the database is down for a while, then messages are redelivered and all land once, none lost, none doubled', async () => {
    await proxy.down();
    const externalIds = Array.from({ length: 10 }, (_, i) => `outage-${i}-${Date.now()}`);
    const ids = new Set<string>();
    for (const externalId of externalIds) {
      ids.add(
        await topic.publishMessage({
          data: Buffer.from(JSON.stringify({ text: `${sampleText}\n${externalId}`, source: 'e2e-outage', externalId })),
        }),
      );
    }
    // Deliveries fail while it is down: each answered with a non-2xx, so the emulator redelivers.
    await eventually(async () => {
      const failed = logs.lines.filter((l) => ids.has(l.messageId as string) && l.code === 'DATABASE_UNAVAILABLE');
      return failed.length >= 10 ? true : undefined;
    }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await proxy.up();
    await eventually(async () => {
      const n = await count(
        "select count(*)::int as n from documents where source = 'e2e-outage' and external_id = any($1)",
        [externalIds],
      );
      return n === 10 ? true : undefined;
    }, 90_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await count("select count(*)::int as n from documents where source = 'e2e-outage'")).toBe(10);
    expect(
      await count(
        "select count(*)::int as n from parses p join documents d on d.id = p.document_id where d.source = 'e2e-outage'",
      ),
    ).toBe(10);
    expect(await count('select count(*)::int as n from rejections where message_id = any($1)', [[...ids]])).toBe(0);
    const attempts = logs.lines.filter((l) => ids.has(l.messageId as string) && l.function === 'parseJobDescription');
    expect(attempts.length).toBeGreaterThan(20);
  });
});
