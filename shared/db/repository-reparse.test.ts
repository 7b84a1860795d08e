import { isAppError } from '../errors/app-error';
import { DRIVERS, sampleResult, sampleText, uniqueId, useTestDatabase } from './__tests__/harness';
import type { DocumentInput } from './repository';

const doc = (externalId: string, text = sampleText): DocumentInput => ({
  source: 'reparse-test',
  externalId,
  contentType: 'text/markdown',
  text,
});

describe.each(DRIVERS)('documents awaiting a parse, failures and idempotency keys on %s', (driver) => {
  const t = useTestDatabase(driver);

  test('when a document is stored twice without a parse, then one row exists and it keeps its metadata', async () => {
    const d = { ...doc(uniqueId()), metadata: { url: 'https://x.test/1', rank: 3 }, sourceFormat: 'application/pdf' };
    const first = await t.repo.storeDocument(d);
    const second = await t.repo.storeDocument(d);
    expect(first.created).toBe(true);
    expect(second).toEqual({ documentId: first.documentId, created: false });
    const stored = await t.repo.getDocument(first.documentId);
    expect(stored?.metadata).toEqual({ url: 'https://x.test/1', rank: 3 });
    expect(stored?.sourceFormat).toBe('application/pdf');
    expect(stored?.parse).toBeNull();
  });

  test('when new content arrives under the same external id without a parse, then it is the next version and the latest', async () => {
    const externalId = uniqueId();
    const first = await t.repo.storeDocument(doc(externalId, `${sampleText}\nv1`));
    const second = await t.repo.storeDocument(doc(externalId, `${sampleText}\nv2`));
    const again = await Promise.all([1, 2, 3].map(() => t.repo.storeDocument(doc(externalId, `${sampleText}\nv3`))));
    expect(new Set(again.map((a) => a.documentId)).size).toBe(1);
    expect(again.filter((a) => a.created)).toHaveLength(1);
    const [a, b, c] = await Promise.all(
      [first.documentId, second.documentId, again[0]?.documentId as string].map((id) => t.repo.getDocument(id)),
    );
    expect([a?.version, a?.isLatest, b?.version, b?.isLatest, c?.version, c?.isLatest]).toEqual([
      1,
      false,
      2,
      false,
      3,
      true,
    ]);
  });

  test('when documents are paged with a cursor, then each awaiting document comes once, in id order', async () => {
    const version = `9.${Date.now() % 1000}.0`;
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++)
      ids.add((await t.repo.storeDocument(doc(uniqueId(), `${sampleText}\n${i}`))).documentId);
    // One is already on this version: it must not come back.
    const parsedId = [...ids][0] as string;
    const stored = await t.repo.getDocument(parsedId);
    await t.repo.storeParse({
      document: stored as unknown as DocumentInput,
      result: sampleResult(version),
      durationMs: 1,
    });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await t.repo.findDocumentsToReparse({ parserVersion: version, force: false, after, limit: 3 });
      if (page.length === 0) break;
      seen.push(...page.map((c) => c.id));
      after = page.at(-1)?.id;
    }
    const mine = seen.filter((id) => ids.has(id));
    expect(mine).toHaveLength(6);
    expect(mine).not.toContain(parsedId);
    expect([...seen].sort()).toEqual(seen);
    const forced = await t.repo.findDocumentsToReparse({
      parserVersion: version,
      force: true,
      after: undefined,
      limit: 1e6,
    });
    expect(forced.map((c) => c.id)).toContain(parsedId);
  });

  test('when a parse failed under this version, then it is not offered again until forced, and a success replaces it', async () => {
    const version = `8.${Date.now() % 1000}.1`;
    const d = doc(uniqueId(), `${sampleText}\nfailure`);
    const { documentId } = await t.repo.storeDocument(d);
    await t.repo.recordParseFailure({ documentId, parserVersion: version, code: 'INTERNAL', durationMs: 3 });
    const all = await t.repo.findDocumentsToReparse({
      parserVersion: version,
      force: false,
      after: undefined,
      limit: 1e6,
    });
    expect(all.map((c) => c.id)).not.toContain(documentId);
    const outcome = await t.repo.storeParse({ document: d, result: sampleResult(version), durationMs: 2 });
    expect(outcome).toMatchObject({ documentId, created: true });
    expect((await t.repo.getDocument(documentId))?.parse?.parserVersion).toBe(version);
  });

  test('when a forced re-parse stores the same version again, then the parse is replaced, not doubled', async () => {
    const version = `7.${Date.now() % 1000}.2`;
    const d = doc(uniqueId(), `${sampleText}\nforced`);
    const first = await t.repo.storeParse({ document: d, result: sampleResult(version), durationMs: 2 });
    const noop = await t.repo.storeParse({ document: d, result: sampleResult(version), durationMs: 2 });
    expect(noop).toEqual({ ...first, created: false });
    const replaced = await t.repo.storeParse({
      document: d,
      result: sampleResult(version),
      durationMs: 2,
      replace: true,
    });
    expect(replaced.created).toBe(true);
    expect(replaced.parseId).not.toBe(first.parseId);
    expect((await t.repo.getDocument(first.documentId))?.parse?.id).toBe(replaced.parseId);
  });

  test('when an idempotency key is bound twice, then the first binding holds', async () => {
    const a = await t.repo.storeDocument(doc(uniqueId(), `${sampleText}\na`));
    const b = await t.repo.storeDocument(doc(uniqueId(), `${sampleText}\nb`));
    const key = uniqueId('key');
    expect(await t.repo.findIdempotencyKey(key)).toBeNull();
    expect(await t.repo.bindIdempotencyKey(key, 'hash-a', a.documentId)).toEqual({
      requestHash: 'hash-a',
      documentId: a.documentId,
    });
    expect(await t.repo.bindIdempotencyKey(key, 'hash-b', b.documentId)).toEqual({
      requestHash: 'hash-a',
      documentId: a.documentId,
    });
  });

  test('when a redelivered message is rejected again, then it is recorded once', async () => {
    const messageId = uniqueId('msg');
    const first = await t.repo.recordRejection({
      source: 'pubsub',
      reason: 'INVALID_INPUT',
      messageId,
      rawPayload: 'x',
    });
    const second = await t.repo.recordRejection({
      source: 'pubsub',
      reason: 'INVALID_INPUT',
      messageId,
      rawPayload: 'x',
    });
    expect(second.id).toBe(first.id);
    const anonymous = await Promise.all(
      [1, 2].map(() => t.repo.recordRejection({ source: 'http', reason: 'INPUT_EMPTY' })),
    );
    expect(anonymous[0]?.id).not.toBe(anonymous[1]?.id);
  });

  test('when the cursor is not a document id, then INVALID_INPUT', async () => {
    const error = await t.repo
      .findDocumentsToReparse({ parserVersion: '1.0.0', force: false, after: 'nope', limit: 1 })
      .catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('INVALID_INPUT');
  });
});
