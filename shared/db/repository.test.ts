import { and, eq, sql } from 'drizzle-orm';
import { type AppError, isAppError } from '../errors/app-error';
import { DRIVERS, rowCounts, sampleResult, sampleText, uniqueId, useTestDatabase } from './__tests__/harness';
import type { StoreParseInput } from './repository';
import { documents, parses, rejections, requirementSkills, requirements, skills } from './schema';

function input(externalId: string, overrides: Partial<StoreParseInput> = {}, text = sampleText): StoreParseInput {
  return {
    document: { source: 'test', externalId, contentType: 'text/markdown', text },
    result: sampleResult(),
    durationMs: 12,
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe.each(DRIVERS)('storing parses on %s', (driver) => {
  const t = useTestDatabase(driver);

  /** n writers at once on PostgreSQL; one after another on PGlite, which is a single connection. */
  async function writers<T>(n: number, write: () => Promise<T>): Promise<T[]> {
    if (driver === 'PostgreSQL') return Promise.all(Array.from({ length: n }, write));
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(await write());
    return out;
  }

  test('storing the same document twice leaves one set of rows and says the second was not created', async () => {
    const id = uniqueId();
    const first = await t.repo.storeParse(input(id));
    const second = await t.repo.storeParse(input(id));
    expect(first.created).toBe(true);
    expect(second).toEqual({ ...first, created: false });
    const result = sampleResult();
    expect(await rowCounts(t.handle, 'test', id)).toEqual({
      documents: 1,
      parses: 1,
      requirements: result.requirements.length,
      responsibilities: result.responsibilities.length,
      links: result.requirements.reduce((n, r) => n + new Set(r.skills).size, 0),
    });
  });

  test('sixteen writers of the same document at once leave exactly one set of rows', async () => {
    const id = uniqueId();
    const outcomes = await writers(16, () => t.repo.storeParse(input(id)));
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.parseId)).size).toBe(1);
    const counts = await rowCounts(t.handle, 'test', id);
    expect(counts.documents).toBe(1);
    expect(counts.parses).toBe(1);
    expect(counts.requirements).toBe(sampleResult().requirements.length);
  });

  test('sixteen different documents written at once all land', async () => {
    const ids = Array.from({ length: 16 }, () => uniqueId('many'));
    const outcomes = await Promise.all(ids.map((id) => t.repo.storeParse(input(id))));
    expect(outcomes.every((o) => o.created)).toBe(true);
    for (const id of ids) expect((await rowCounts(t.handle, 'test', id)).parses).toBe(1);
    // The shared skill rows were created once each, whatever the interleaving.
    const dupes = await t.handle.db.execute(sql`select name from skills group by name having count(*) > 1`);
    expect((dupes as unknown as { rows: unknown[] }).rows).toHaveLength(0);
  });

  test('a newer parserVersion adds a parse and makes it current, and the old parse is kept', async () => {
    const id = uniqueId();
    const old = await t.repo.storeParse(input(id, { result: sampleResult('0.1.0') }));
    const newer = await t.repo.storeParse(input(id, { result: sampleResult('0.10.0') }));
    const older = await t.repo.storeParse(input(id, { result: sampleResult('0.9.1') }));
    expect(newer).toMatchObject({ documentId: old.documentId, created: true });
    expect(older.created).toBe(true);
    const stored = await t.repo.getDocument(old.documentId);
    expect(stored?.parse?.id).toBe(newer.parseId);
    expect(stored?.parse?.result.parserVersion).toBe('0.10.0');
    expect((await rowCounts(t.handle, 'test', id)).parses).toBe(3);
  });

  test('eight deliveries of the same message at once store it once and all return the same document', async () => {
    const messageId = uniqueId('msg');
    const id = uniqueId();
    const outcomes = await writers(8, () => t.repo.storeParse(input(id, { messageId })));
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.documentId)).size).toBe(1);
    expect((await rowCounts(t.handle, 'test', id)).parses).toBe(1);
  });

  test('the same messageId twice is a no-op returning the same document', async () => {
    const messageId = uniqueId('msg');
    const first = await t.repo.storeParse(input(uniqueId(), { messageId }));
    // A redelivery carries the same payload; even a different one must not be stored twice.
    const other = uniqueId();
    const second = await t.repo.storeParse(input(other, { messageId }));
    expect(second).toEqual({ ...first, created: false });
    expect((await rowCounts(t.handle, 'test', other)).documents).toBe(0);
  });

  test('new content under the same source and external id is a new version, and the latest is current', async () => {
    const id = uniqueId();
    const v1 = await t.repo.storeParse(input(id, {}, `${sampleText}\nVersion one.`));
    const v2 = await t.repo.storeParse(input(id, {}, `${sampleText}\nVersion two.`));
    // A late redelivery of version one does not make it latest again.
    await t.repo.storeParse(input(id, {}, `${sampleText}\nVersion one.`));
    expect(v2.documentId).not.toBe(v1.documentId);
    const latest = await t.repo.getLatestDocument('test', id);
    expect(latest).toMatchObject({ id: v2.documentId, version: 2, isLatest: true });
    expect(latest?.text.endsWith('Version two.')).toBe(true);
    expect(await t.repo.getDocument(v1.documentId)).toMatchObject({ version: 1, isLatest: false });
    expect((await rowCounts(t.handle, 'test', id)).documents).toBe(2);
  });

  test('a stored document reads back with its current parse in the parser JSON shape', async () => {
    const result = sampleResult();
    const stored = await t.repo.storeParse({
      ...input(uniqueId()),
      document: { ...input('x').document, externalId: uniqueId(), receivedAt: new Date('2026-01-02T03:04:05Z') },
    });
    const doc = await t.repo.getDocument(stored.documentId);
    expect(doc?.parse?.result).toEqual(result);
    expect(doc?.receivedAt.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(doc?.byteSize).toBe(Buffer.byteLength(sampleText));
  });

  test('an unknown or malformed document id reads as null', async () => {
    expect(await t.repo.getDocument('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await t.repo.getDocument("1' or '1'='1")).toBeNull();
  });

  test('text with a NUL character is refused with STORAGE_REJECTED and nothing is written', async () => {
    const id = uniqueId();
    const error = await refusal(t.repo.storeParse(input(id, {}, 'Requirements\n- SQL\u0000 and Go')));
    expect(error).toMatchObject({ code: 'STORAGE_REJECTED', retryable: false, details: { reason: 'NUL_CHARACTER' } });
    expect((await rowCounts(t.handle, 'test', id)).documents).toBe(0);
  });

  test('text with a lone surrogate is refused with STORAGE_REJECTED rather than silently altered', async () => {
    const error = await refusal(t.repo.storeParse(input(uniqueId(), {}, 'Requirements\n- SQL \uD800 and Go')));
    expect(error).toMatchObject({ code: 'STORAGE_REJECTED', details: { reason: 'LONE_SURROGATE' } });
    const inResult = sampleResult();
    inResult.title = 'Engineer \uDC00';
    const fromResult = await refusal(t.repo.storeParse(input(uniqueId(), { result: inResult })));
    expect(fromResult.details).toMatchObject({ reason: 'LONE_SURROGATE', path: 'result.title' });
  });

  test('a 5 MB document and SQL-looking strings are stored and read back verbatim', async () => {
    const evil = "Robert'); DROP TABLE documents;-- \\ $1 $$ 'quoted' \"double\" ☃ 𝄞 e\u0301";
    const big = `${evil}\n${'x'.repeat(5 * 1024 * 1024)}`;
    const result = sampleResult();
    const first = result.requirements[0];
    if (first) first.text = evil;
    const stored = await t.repo.storeParse(input(uniqueId(evil), { result }, big));
    const doc = await t.repo.getDocument(stored.documentId);
    expect(doc?.text === big).toBe(true);
    expect(doc?.externalId.startsWith(evil)).toBe(true);
    expect(doc?.parse?.result.requirements[0]?.text).toBe(evil);
    const [row] = await t.handle.db
      .select({ text: requirements.text })
      .from(requirements)
      .where(and(eq(requirements.parseId, stored.parseId), eq(requirements.position, 0)));
    expect(row?.text).toBe(evil);
  });

  test('current requirements needing a skill are found through the skill link', async () => {
    const stored = await t.repo.storeParse(input(uniqueId()));
    const rows = await t.handle.db
      .select({ text: requirements.text })
      .from(skills)
      .innerJoin(requirementSkills, eq(requirementSkills.skillId, skills.id))
      .innerJoin(requirements, eq(requirements.id, requirementSkills.requirementId))
      .innerJoin(parses, and(eq(parses.id, requirements.parseId), eq(parses.isCurrent, true)))
      .innerJoin(documents, and(eq(documents.id, parses.documentId), eq(documents.isLatest, true)))
      .where(and(eq(skills.name, 'SQL'), eq(parses.id, stored.parseId)));
    const expected = sampleResult()
      .requirements.filter((r) => r.skills.includes('SQL'))
      .map((r) => r.text);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.text)).toEqual(expected);
  });

  test('a rejection is recorded with its raw payload bytes, NUL bytes included', async () => {
    const payload = Buffer.from([0x00, 0xff, 0x41, 0x00]);
    const { id } = await t.repo.recordRejection({
      source: 'pubsub',
      reason: 'STORAGE_REJECTED',
      detail: 'nul \u0000 in text',
      messageId: 'm-1',
      rawPayload: payload,
    });
    const [row] = await t.handle.db.select().from(rejections).where(eq(rejections.id, id));
    expect(row?.rawPayload?.equals(payload)).toBe(true);
    expect(row).toMatchObject({ source: 'pubsub', reason: 'STORAGE_REJECTED', messageId: 'm-1' });
  });

  test('data the database refuses fails with a permanent STORAGE_REJECTED and nothing is written', async () => {
    const id = uniqueId();
    const result = sampleResult();
    const first = result.requirements[0];
    if (first) first.yearsMin = 100_000; // beyond the smallint column
    const error = await refusal(t.repo.storeParse(input(id, { result })));
    expect(error).toMatchObject({ code: 'STORAGE_REJECTED', retryable: false });
    expect((await rowCounts(t.handle, 'test', id)).documents).toBe(0);
  });

  test('invalid input is refused with INVALID_INPUT before touching the database', async () => {
    const bad = input('');
    const error = await refusal(t.repo.storeParse(bad));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
  });
});
