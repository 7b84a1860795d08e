import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { ParseResult } from '../contracts/validate';
import { type ContentType, parseJobDescription } from '../parser';
import { DRIVERS, openTestDatabase, type TestDatabase, uniqueId } from './__tests__/harness';
import { createRepository, type DocumentInput, type Repository } from './repository';
import { type BatchParseInput, storeParsesBatch } from './store-batch';

jest.setTimeout(60_000);

const TYPES: Record<string, ContentType> = { '.txt': 'text/plain', '.md': 'text/markdown', '.html': 'text/html' };
const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
const postings = readdirSync(FIXTURES)
  .filter((f) => TYPES[extname(f)])
  .sort()
  .map((f) => ({ text: readFileSync(join(FIXTURES, f), 'utf8'), contentType: TYPES[extname(f)] as ContentType }));

const NEW = '2.0.0';
const OLD = '1.9.0';
const NEWER = '2.1.0';

function parse(text: string, contentType: ContentType, parserVersion: string): ParseResult {
  return { ...parseJobDescription({ text, contentType }), parserVersion };
}

/** A parse with skills no other test uses, so the batch has to create them. */
function withFreshSkills(result: ParseResult, own: string, shared: string): ParseResult {
  const copy = structuredClone(result);
  copy.requirements.forEach((r, i) => {
    r.skills = [...r.skills, `Fresh ${own} ${i % 3}`, `Fresh ${shared} shared`];
  });
  return copy;
}

type Prior = 'none' | 'old' | 'failed-same' | 'newer' | 'same';

interface Case {
  document: DocumentInput;
  prior: Prior;
  result: ParseResult;
  durationMs: number;
}

/** Documents in every state a re-parse meets, each with the parse the re-parse would store. */
function cases(source: string): Case[] {
  const priors: Prior[] = ['none', 'old', 'failed-same', 'newer', 'same', 'old', 'none'];
  return priors.map((prior, i) => {
    const posting = postings[i % postings.length] as (typeof postings)[number];
    const text = `${posting.text}\n\nReference: ${source}-${i}\n`;
    const result = parse(text, posting.contentType, NEW);
    return {
      document: { source, externalId: `doc-${i}`, contentType: posting.contentType, text },
      prior,
      result: i % 2 === 0 ? withFreshSkills(result, `${source} ${i}`, source) : result,
      durationMs: 1.5 + i,
    };
  });
}

/** Stores each document as it was before the re-parse; returns the document ids in case order. */
async function seed(repo: Repository, all: Case[]): Promise<string[]> {
  const ids: string[] = [];
  for (const c of all) {
    const { documentId } = await repo.storeDocument(c.document);
    ids.push(documentId);
    const { text, contentType } = c.document;
    if (c.prior === 'old' || c.prior === 'newer' || c.prior === 'same') {
      const version = c.prior === 'old' ? OLD : c.prior === 'newer' ? NEWER : NEW;
      const prior = parse(text, contentType as ContentType, version);
      // The stored success of the same version must win over the batch's, so it differs from it.
      if (c.prior === 'same') prior.title = 'stored first';
      await repo.storeParse({ document: c.document, result: prior, durationMs: 7 });
    }
    if (c.prior === 'failed-same') {
      await repo.recordParseFailure({ documentId, parserVersion: NEW, code: 'INTERNAL', durationMs: 0 });
    }
  }
  return ids;
}

function items(all: Case[], ids: string[]): BatchParseInput[] {
  return all.map((c, i) => ({
    documentId: ids[i] as string,
    source: c.document.source,
    externalId: c.document.externalId,
    result: c.result,
    durationMs: c.durationMs,
  }));
}

/** Every parse of a source's documents with its child rows, by external id: nothing database-specific. */
async function snapshot(handle: TestDatabase, source: string) {
  const result = await handle.db.execute(sql`
    select d.external_id, p.parser_version, p.status, p.is_current, p.result, p.duration_ms, p.error_code,
      (select coalesce(json_agg(json_build_object('position', r.position, 'text', r.text, 'section', r.section)
         order by r.position), '[]'::json)
       from responsibilities r where r.parse_id = p.id) as responsibilities,
      (select coalesce(json_agg(json_build_object('position', q.position, 'text', q.text, 'section', q.section,
         'required', q.required, 'category', q.category, 'yearsMin', q.years_min, 'yearsMax', q.years_max,
         'skills', (select coalesce(json_agg(s.name order by s.name), '[]'::json)
                    from requirement_skills rs join skills s on s.id = rs.skill_id where rs.requirement_id = q.id))
         order by q.position), '[]'::json)
       from requirements q where q.parse_id = p.id) as requirements
    from documents d join parses p on p.document_id = d.id
    where d.source = ${source}
    order by d.external_id, p.parser_version`);
  return (result as unknown as { rows: unknown[] }).rows;
}

async function skillNames(handle: TestDatabase, like: string): Promise<string[]> {
  const result = await handle.db.execute(sql`select name from skills where name like ${like} order by name`);
  return (result as unknown as { rows: { name: string }[] }).rows.map((r) => r.name);
}

async function currentVersion(handle: TestDatabase, documentId: string): Promise<string[]> {
  const result = await handle.db.execute(
    sql`select parser_version from parses where document_id = ${documentId} and is_current`,
  );
  return (result as unknown as { rows: { parser_version: string }[] }).rows.map((r) => r.parser_version);
}

describe.each(DRIVERS)('storing a batch of re-parses on %s', (driver) => {
  let one: TestDatabase;
  let batch: TestDatabase;
  let repoOne: Repository;
  let repoBatch: Repository;
  beforeAll(async () => {
    [one, batch] = await Promise.all([openTestDatabase(driver), openTestDatabase(driver)]);
    repoOne = createRepository(one.db);
    repoBatch = createRepository(batch.db);
  });
  afterAll(async () => {
    await Promise.all([one?.close(), batch?.close()]);
  });

  test('when the same documents are stored one by one with storeParse and as one batch, then both give the same rows', async () => {
    const source = uniqueId('same-rows');
    const all = cases(source);
    const idsOne = await seed(repoOne, all);
    const idsBatch = await seed(repoBatch, all);
    for (const c of all) await repoOne.storeParse({ document: c.document, result: c.result, durationMs: c.durationMs });
    const outcome = await storeParsesBatch(batch.db, items(all, idsBatch));

    expect(idsOne).toHaveLength(all.length);
    const expected = await snapshot(one, source);
    const actual = await snapshot(batch, source);
    expect(actual).toEqual(expected);
    // The comparison means something only if the batch really wrote children and moved flags.
    expect(JSON.stringify(actual)).toContain(`Fresh ${source} shared`);
    expect(await skillNames(batch, `Fresh ${source}%`)).toEqual(await skillNames(one, `Fresh ${source}%`));
    expect(outcome).toEqual({ stored: all.length - 1, skipped: 1, rejected: [] });
  });

  test('when replace is set, then the batch gives the same rows as storeParse with replace, one by one', async () => {
    const source = uniqueId('replace');
    const all = cases(source);
    await seed(repoOne, all);
    const idsBatch = await seed(repoBatch, all);
    for (const c of all) {
      await repoOne.storeParse({ document: c.document, result: c.result, durationMs: c.durationMs, replace: true });
    }
    const outcome = await storeParsesBatch(batch.db, items(all, idsBatch), { replace: true });

    const actual = await snapshot(batch, source);
    expect(actual).toEqual(await snapshot(one, source));
    expect(JSON.stringify(actual)).not.toContain('stored first');
    expect(outcome).toEqual({ stored: all.length, skipped: 0, rejected: [] });
  });

  test('when a batch is stored a second time, then nothing is written and every document is skipped', async () => {
    const source = uniqueId('twice');
    const all = cases(source);
    const ids = await seed(repoBatch, all);
    await storeParsesBatch(batch.db, items(all, ids));
    const before = await snapshot(batch, source);
    const again = await storeParsesBatch(batch.db, items(all, ids));
    expect(again).toEqual({ stored: 0, skipped: all.length, rejected: [] });
    expect(await snapshot(batch, source)).toEqual(before);
  });

  test('when a document has a parse from a newer parser, then the batch stores its parse but the newer one stays current', async () => {
    const source = uniqueId('newer');
    const all = cases(source).filter((c) => c.prior === 'newer' || c.prior === 'old');
    const ids = await seed(repoBatch, all);
    await storeParsesBatch(batch.db, items(all, ids));
    const current = await Promise.all(ids.map((id) => currentVersion(batch, id)));
    expect(current).toEqual(all.map((c) => [c.prior === 'newer' ? NEWER : NEW]));
  });

  test('when a result holds a NUL character, then that item is rejected untouched and the others are stored', async () => {
    const source = uniqueId('nul');
    const all = cases(source).filter((c) => c.prior === 'none');
    const ids = await seed(repoBatch, all);
    const input = items(all, ids);
    const bad = input[0] as BatchParseInput;
    bad.result = { ...bad.result, title: 'Engineer\u0000' };
    const outcome = await storeParsesBatch(batch.db, input);
    expect(outcome.rejected).toEqual([
      { documentId: bad.documentId, code: 'STORAGE_REJECTED', message: expect.stringContaining('result.title') },
    ]);
    expect(outcome.stored).toBe(all.length - 1);
    expect(await currentVersion(batch, bad.documentId)).toEqual([]);
  });

  test('when a document of the batch no longer exists, then it is skipped and the others are stored', async () => {
    const source = uniqueId('gone');
    const all = cases(source).filter((c) => c.prior === 'none');
    const ids = await seed(repoBatch, all);
    const input = items(all, ids);
    (input[1] as BatchParseInput).documentId = '00000000-0000-4000-8000-000000000000';
    const outcome = await storeParsesBatch(batch.db, input);
    expect(outcome).toEqual({ stored: all.length - 1, skipped: 1, rejected: [] });
  });

  test('when a document appears twice in a batch, then the batch is refused and nothing is written', async () => {
    const source = uniqueId('dup');
    const all = cases(source).filter((c) => c.prior === 'none');
    const ids = await seed(repoBatch, all);
    const input = items(all, ids);
    await expect(storeParsesBatch(batch.db, [...input, input[0] as BatchParseInput])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await snapshot(batch, source)).toEqual([]);
  });

  test('when the batch is empty, then nothing happens', async () => {
    expect(await storeParsesBatch(batch.db, [])).toEqual({ stored: 0, skipped: 0, rejected: [] });
  });

  if (driver === 'PostgreSQL') {
    test('when batches over overlapping documents and new skills run at once, then none deadlocks and every parse has all its links', async () => {
      const source = uniqueId('race');
      const posting = postings.find((p) => p.contentType === 'text/markdown') ?? (postings[0] as (typeof postings)[0]);
      const docs: DocumentInput[] = Array.from({ length: 24 }, (_, i) => ({
        source,
        externalId: `doc-${i}`,
        contentType: posting.contentType,
        text: `${posting.text}\n\nReference: ${i}\n`,
      }));
      const ids: string[] = [];
      for (const d of docs) ids.push((await repoBatch.storeDocument(d)).documentId);
      const base = parse(posting.text, posting.contentType, NEW);
      const all = docs.map((d, i) => ({
        documentId: ids[i] as string,
        source,
        externalId: d.externalId,
        result: withFreshSkills(base, `${source}-race`, source),
        durationMs: 1,
      }));
      // Six batches of eight, each document in two of them, half of them in reverse order.
      const batches = Array.from({ length: 6 }, (_, b) => {
        const slice = Array.from({ length: 8 }, (_, k) => all[(b * 4 + k) % all.length] as BatchParseInput);
        return b % 2 ? slice.reverse() : slice;
      });
      const outcomes = await Promise.all(batches.map((b) => storeParsesBatch(batch.db, b)));
      expect(outcomes.reduce((n, o) => n + o.stored, 0)).toBe(all.length);
      expect(outcomes.reduce((n, o) => n + o.skipped, 0)).toBe(48 - all.length);
      const expectedLinks = base.requirements.reduce((n, r) => n + new Set(r.skills).size + 2, 0);
      const result = await batch.db.execute(sql`
        select d.id, count(rs.requirement_id)::int as links
        from documents d join parses p on p.document_id = d.id and p.is_current
        left join requirements q on q.parse_id = p.id
        left join requirement_skills rs on rs.requirement_id = q.id
        where d.source = ${source} group by d.id`);
      const rows = (result as unknown as { rows: { links: number }[] }).rows;
      expect(rows).toHaveLength(all.length);
      expect(rows.every((r) => r.links === expectedLinks)).toBe(true);
    });
  }
});
