// The one-statement path for new documents (STORE_NEW_SQL in repository.ts): the rows it writes,
// version history through it, and a skill committed by another writer while it runs.
import { asc, eq, sql } from 'drizzle-orm';
import { Client } from 'pg';
import {
  DRIVERS,
  openTestDatabase,
  rowCounts,
  sampleResult,
  sampleText,
  type TestDatabase,
  uniqueId,
  useTestDatabase,
} from './__tests__/harness';
import { createRepository, type StoreParseInput } from './repository';
import {
  documents,
  parses,
  processedDeliveries,
  requirementSkills,
  requirements,
  responsibilities,
  skills,
} from './schema';

function input(externalId: string, overrides: Partial<StoreParseInput> = {}, text = sampleText): StoreParseInput {
  return {
    document: { source: 'fast', externalId, contentType: 'text/markdown', text },
    result: sampleResult(),
    durationMs: 7.6,
    ...overrides,
  };
}

describe.each(DRIVERS)('the one-statement path on %s', (driver) => {
  const t = useTestDatabase(driver);

  test('a new document gets its parse (current), every child row, its links and its delivery record', async () => {
    const result = sampleResult();
    const first = result.requirements[0];
    if (first) first.skills = [...first.skills, ...first.skills]; // duplicates make one link
    const messageId = uniqueId('msg');
    const stored = await t.repo.storeParse(input(uniqueId(), { result, messageId }));
    expect(stored.created).toBe(true);

    const [parse] = await t.handle.db.select().from(parses).where(eq(parses.id, stored.parseId));
    expect(parse).toMatchObject({ documentId: stored.documentId, isCurrent: true, status: 'succeeded', durationMs: 8 });
    expect(parse?.result).toEqual(result);

    const reqs = await t.handle.db
      .select()
      .from(requirements)
      .where(eq(requirements.parseId, stored.parseId))
      .orderBy(asc(requirements.position));
    expect(reqs.map((r) => [r.position, r.text, r.section, r.required, r.category, r.yearsMin, r.yearsMax])).toEqual(
      result.requirements.map((r, i) => [i, r.text, r.section ?? null, r.required, r.category, r.yearsMin, r.yearsMax]),
    );
    const resps = await t.handle.db
      .select()
      .from(responsibilities)
      .where(eq(responsibilities.parseId, stored.parseId))
      .orderBy(asc(responsibilities.position));
    expect(resps.map((r) => [r.position, r.text, r.section])).toEqual(
      result.responsibilities.map((r, i) => [i, r.text, r.section ?? null]),
    );

    const links = await t.handle.db
      .select({ position: requirements.position, name: skills.name })
      .from(requirementSkills)
      .innerJoin(requirements, eq(requirements.id, requirementSkills.requirementId))
      .innerJoin(skills, eq(skills.id, requirementSkills.skillId))
      .where(eq(requirements.parseId, stored.parseId));
    const actual = links.map((l) => `${l.position}:${l.name}`).sort();
    const expected = result.requirements.flatMap((r, i) => [...new Set(r.skills)].map((n) => `${i}:${n}`)).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);

    const [delivery] = await t.handle.db
      .select()
      .from(processedDeliveries)
      .where(eq(processedDeliveries.messageId, messageId));
    expect(delivery?.documentId).toBe(stored.documentId);
  });

  test('a document without requirements or responsibilities is stored', async () => {
    const result = { ...sampleResult(), requirements: [], responsibilities: [] };
    const id = uniqueId();
    const stored = await t.repo.storeParse(input(id, { result }));
    expect(stored.created).toBe(true);
    expect(await rowCounts(t.handle, 'fast', id)).toEqual({
      documents: 1,
      parses: 1,
      requirements: 0,
      responsibilities: 0,
      links: 0,
    });
  });

  test('three versions in a row: numbered 1, 2, 3 and only the last is latest', async () => {
    const id = uniqueId();
    for (const n of [1, 2, 3]) await t.repo.storeParse(input(id, {}, `${sampleText}\nVersion ${n}.`));
    const rows = await t.handle.db
      .select({ version: documents.version, isLatest: documents.isLatest })
      .from(documents)
      .where(sql`${documents.source} = 'fast' and ${documents.externalId} = ${id}`)
      .orderBy(asc(documents.version));
    expect(rows).toEqual([
      { version: 1, isLatest: false },
      { version: 2, isLatest: false },
      { version: 3, isLatest: true },
    ]);
  });
});

describe('the one-statement path on PostgreSQL, racing another writer', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase('PostgreSQL');
  });
  afterAll(async () => {
    await handle?.close();
  });

  test('a skill committed by another writer while the statement waits for it still gets its link', async () => {
    const url = handle.pg?.url;
    if (!url) throw new Error('no PostgreSQL url');
    const skill = uniqueId('skill');
    const result = sampleResult();
    const first = result.requirements[0];
    if (!first) throw new Error('fixture has no requirement');
    first.skills = [...first.skills, skill];
    const other = new Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('insert into skills (name) values ($1)', [skill]);
      const id = uniqueId();
      const storing = createRepository(handle.db).storeParse(input(id, { result }));
      // The statement's insert of the skill waits for this transaction, then does nothing.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query('commit');
      const stored = await storing;
      expect(stored.created).toBe(true);
      const expected = result.requirements.reduce((n, r) => n + new Set(r.skills).size, 0);
      expect((await rowCounts(handle, 'fast', id)).links).toBe(expected);
      const { rows } = await other.query(
        `select count(*)::int as n from requirement_skills rs join skills s on s.id = rs.skill_id
         join requirements r on r.id = rs.requirement_id where s.name = $1 and r.parse_id = $2`,
        [skill, stored.parseId],
      );
      expect(rows[0].n).toBe(1);
    } finally {
      await other.end();
    }
  });
});
