import type { ParseResult } from '../contracts/validate';
import { AppError } from '../errors/app-error';
import type { Database } from './client';
import { toAppError } from './errors';
import { raw } from './raw-sql';
import { firstUnstorable } from './storable';
import { compareParserVersions } from './versions';

/** One stored document and its new parse. source and externalId name the document's lock. */
export interface BatchParseInput {
  documentId: string;
  source: string;
  externalId: string;
  result: ParseResult;
  durationMs: number;
}

export interface BatchStoreOutcome {
  /** Parses written (with their child rows). */
  stored: number;
  /** Documents that already had a successful parse of that parserVersion (without replace), or no longer exist. */
  skipped: number;
  /** Items refused before any SQL ran (nothing of them written): record them as parse failures. */
  rejected: { documentId: string; code: 'STORAGE_REJECTED' | 'INVALID_INPUT'; message: string }[];
}

/**
 * The document locks storeParse takes, all at once. Taken in the order of the lock ids (the hashes)
 * rather than of the key strings: two keys can share a hash, and only one order over what is
 * actually locked keeps two batches from deadlocking. storeParse holds one document lock at a time,
 * so it cannot close a cycle with a batch.
 */
const LOCK_ALL_SQL = `
select count(pg_advisory_xact_lock(h))::int4 as locked
from (select distinct hashtextextended(k, 0) as h from unnest($1::text[]) as k order by 1) as ordered`;

/**
 * A failed attempt of the same parserVersion gives way to a success, as in storeParse; with replace
 * (a forced re-parse) a stored success does too, its child rows going with it (cascade).
 */
const DELETE_SAME_VERSION_SQL = `
delete from parses p
using unnest($1::uuid[], $2::text[]) as i(document_id, parser_version)
where p.document_id = i.document_id and p.parser_version = i.parser_version and (p.status = 'failed' or $3::bool)`;

/**
 * Every parse of the batch, its child rows, skills and links in one statement (arrays unnested, so a
 * fixed parameter count and one cached plan whatever the batch size). A parse that conflicts with a
 * stored one of the same version writes nothing, children included, as storeParse does. New parses
 * start not current; the rows returned carry each document's current parse as of this statement's
 * snapshot (stable: every document is locked) so the caller can promote in one more statement.
 * Skills are inserted sorted with DO NOTHING, only those of parses actually written; a skill
 * committed by another writer after the snapshot is missing from all_skills, which the link count
 * reveals (see LINK_MISSING_SQL).
 */
const STORE_BATCH_SQL = `
with input as (
  select i.document_id, i.parser_version, i.result, i.duration_ms, i.item::int4 as item
  from unnest($1::uuid[], $2::text[], $3::text[], $4::int4[]) with ordinality
    as i(document_id, parser_version, result, duration_ms, item)
), parse as (
  insert into parses (document_id, parser_version, status, is_current, result, duration_ms)
  select i.document_id, i.parser_version, 'succeeded', false, i.result::jsonb, i.duration_ms
  from input i join documents d on d.id = i.document_id
  order by i.item
  on conflict (document_id, parser_version) do nothing
  returning id, document_id
), parsed as (
  select p.id as parse_id, i.item, i.document_id from parse p join input i on i.document_id = p.document_id
), resp as (
  insert into responsibilities (parse_id, position, text, section)
  select parsed.parse_id, r.position, r.text, r.section
  from unnest($5::int4[], $6::int4[], $7::text[], $8::text[]) as r(item, position, text, section)
  join parsed on parsed.item = r.item
), req as (
  insert into requirements (parse_id, position, text, section, required, category, years_min, years_max)
  select parsed.parse_id, r.position, r.text, r.section, r.required, r.category, r.years_min, r.years_max
  from unnest($9::int4[], $10::int4[], $11::text[], $12::text[], $13::bool[], $14::text[], $15::int2[], $16::int2[])
    as r(item, position, text, section, required, category, years_min, years_max)
  join parsed on parsed.item = r.item
  returning id, parse_id, position
), link_input as (
  select l.item, l.position, l.name from unnest($17::int4[], $18::int4[], $19::text[]) as l(item, position, name)
), new_skills as (
  insert into skills (name)
  select distinct l.name from link_input l join parsed on parsed.item = l.item order by 1
  on conflict (name) do nothing
  returning id, name
), all_skills as (
  select id, name from new_skills
  union all
  select id, name from skills where name in (select name from link_input)
), links as (
  insert into requirement_skills (skill_id, requirement_id)
  select s.id, q.id
  from link_input l
  join parsed on parsed.item = l.item
  join req q on q.parse_id = parsed.parse_id and q.position = l.position
  join all_skills s on s.name = l.name
  returning 1
)
select parsed.item, parsed.parse_id::text as parse_id, c.id::text as current_id, c.parser_version as current_version,
  (select count(*) from links)::int4 as links
from parsed
left join parses c on c.document_id = parsed.document_id and c.is_current`;

/** The links STORE_BATCH_SQL could not make (a new statement has a new snapshot, which sees the skill). */
const LINK_MISSING_SQL = `
insert into requirement_skills (skill_id, requirement_id)
select s.id, q.id
from unnest($1::uuid[], $2::int4[], $3::text[]) as l(parse_id, position, name)
join requirements q on q.parse_id = l.parse_id and q.position = l.position
join skills s on s.name = l.name
on conflict do nothing
returning 1`;

/**
 * Old current rows lose the flag before new ones take it: `promoted` reads from `demoted`, so the
 * partial unique index (one current parse per document), checked row by row, never sees two.
 */
const PROMOTE_SQL = `
with demoted as (
  update parses set is_current = false where id = any($1::uuid[]) and is_current
  returning id
)
update parses set is_current = true
where id = any($2::uuid[]) and (select count(*) from demoted) >= 0`;

function check(item: BatchParseInput): BatchStoreOutcome['rejected'][number] | null {
  const fail = (code: 'STORAGE_REJECTED' | 'INVALID_INPUT', message: string) => ({
    documentId: item.documentId,
    code,
    message,
  });
  if (!Number.isFinite(item.durationMs) || item.durationMs < 0) {
    return fail('INVALID_INPUT', 'durationMs must be a non-negative number');
  }
  if (typeof item.result?.parserVersion !== 'string' || item.result.parserVersion.length === 0) {
    return fail('INVALID_INPUT', 'result.parserVersion must be a non-empty string');
  }
  const found = firstUnstorable(item.result, 'result');
  return found
    ? fail('STORAGE_REJECTED', `${found.path} contains a ${found.reason}, which PostgreSQL cannot store`)
    : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Stores new parses of documents already stored (a re-parse), many in one transaction of four
 * statements whatever the batch size (a fifth when a concurrent writer created one of its skills
 * meanwhile; plus BEGIN and COMMIT), with the rows storeParse would write for each: the same
 * document locks, a failed parse of the same version giving way, a stored success of the same
 * version winning (skipped, nothing written), child rows, skills and links, and is_current moved
 * only when the new parserVersion is newer than the current one. Items whose result PostgreSQL
 * cannot store are returned in `rejected`, untouched, and do not stop the others. `replace` is
 * storeParse's: a stored parse of the same version is replaced (a forced re-parse). No messageId:
 * deliveries stay with storeParse.
 */
export async function storeParsesBatch(
  db: Database,
  items: BatchParseInput[],
  options: { replace?: boolean } = {},
): Promise<BatchStoreOutcome> {
  const replace = options.replace ?? false;
  const seen = new Set<string>();
  for (const item of items) {
    if (!UUID.test(item.documentId)) {
      throw new AppError('INVALID_INPUT', 'documentId is not a document id', { documentId: item.documentId });
    }
    if (typeof item.source !== 'string' || typeof item.externalId !== 'string') {
      throw new AppError('INVALID_INPUT', 'source and externalId must be strings', { documentId: item.documentId });
    }
    const key = item.documentId.toLowerCase();
    // Two parses of one document in one statement would race for its current flag.
    if (seen.has(key)) {
      throw new AppError('INVALID_INPUT', 'a document appears twice in the batch', { documentId: item.documentId });
    }
    seen.add(key);
  }
  const rejected: BatchStoreOutcome['rejected'] = [];
  const accepted: BatchParseInput[] = [];
  for (const item of items) {
    const problem = check(item);
    if (problem) rejected.push(problem);
    else accepted.push(item);
  }
  if (accepted.length === 0) return { stored: 0, skipped: 0, rejected };

  const respItem: number[] = [];
  const respPosition: number[] = [];
  const respText: string[] = [];
  const respSection: (string | null)[] = [];
  const reqItem: number[] = [];
  const reqPosition: number[] = [];
  const reqText: string[] = [];
  const reqSection: (string | null)[] = [];
  const reqRequired: boolean[] = [];
  const reqCategory: string[] = [];
  const reqYearsMin: (number | null)[] = [];
  const reqYearsMax: (number | null)[] = [];
  const linkItem: number[] = [];
  const linkPosition: number[] = [];
  const linkName: string[] = [];
  const linksPerItem: number[] = [];
  accepted.forEach((item, index) => {
    // WITH ORDINALITY counts from 1.
    const n = index + 1;
    item.result.responsibilities.forEach((r, position) => {
      respItem.push(n);
      respPosition.push(position);
      respText.push(r.text);
      respSection.push(r.section ?? null);
    });
    let links = 0;
    item.result.requirements.forEach((r, position) => {
      reqItem.push(n);
      reqPosition.push(position);
      reqText.push(r.text);
      reqSection.push(r.section ?? null);
      reqRequired.push(r.required);
      reqCategory.push(r.category);
      reqYearsMin.push(r.yearsMin ?? null);
      reqYearsMax.push(r.yearsMax ?? null);
      for (const name of new Set(r.skills)) {
        linkItem.push(n);
        linkPosition.push(position);
        linkName.push(name);
        links++;
      }
    });
    linksPerItem[n] = links;
  });

  try {
    return await db.transaction(async (tx) => {
      await raw(tx, 'jd_batch_lock', LOCK_ALL_SQL, [
        accepted.map((i) => `jd-parser:document\u001f${i.source}\u001f${i.externalId}`),
      ]);
      const documentIds = accepted.map((i) => i.documentId);
      const versions = accepted.map((i) => i.result.parserVersion);
      await raw(tx, 'jd_batch_delete_same_version', DELETE_SAME_VERSION_SQL, [documentIds, versions, replace]);
      const rows = await raw<{
        item: number;
        parse_id: string;
        current_id: string | null;
        current_version: string | null;
        links: number;
      }>(tx, 'jd_batch_store', STORE_BATCH_SQL, [
        documentIds,
        versions,
        accepted.map((i) => JSON.stringify(i.result)),
        accepted.map((i) => Math.round(i.durationMs)),
        respItem,
        respPosition,
        respText,
        respSection,
        reqItem,
        reqPosition,
        reqText,
        reqSection,
        reqRequired,
        reqCategory,
        reqYearsMin,
        reqYearsMax,
        linkItem,
        linkPosition,
        linkName,
      ]);

      const expectedLinks = rows.reduce((n, r) => n + (linksPerItem[r.item] ?? 0), 0);
      let links = Number(rows[0]?.links ?? 0);
      if (links < expectedLinks) {
        const parseOf = new Map(rows.map((r) => [r.item, r.parse_id]));
        const parseIds: string[] = [];
        const positions: number[] = [];
        const names: string[] = [];
        linkItem.forEach((item, i) => {
          const parseId = parseOf.get(item);
          if (parseId === undefined) return;
          parseIds.push(parseId);
          positions.push(linkPosition[i] as number);
          names.push(linkName[i] as string);
        });
        const added = await raw(tx, 'jd_batch_links', LINK_MISSING_SQL, [parseIds, positions, names]);
        links += added.length;
        if (links !== expectedLinks) throw new Error(`stored ${links} of ${expectedLinks} requirement-skill links`);
      }

      const demote: string[] = [];
      const promote: string[] = [];
      for (const row of rows) {
        const version = versions[row.item - 1] as string;
        if (row.current_version !== null && compareParserVersions(version, row.current_version) <= 0) continue;
        if (row.current_id !== null) demote.push(row.current_id);
        promote.push(row.parse_id);
      }
      if (promote.length > 0) await raw(tx, 'jd_batch_promote', PROMOTE_SQL, [demote, promote]);
      return { stored: rows.length, skipped: accepted.length - rows.length, rejected };
    });
  } catch (error) {
    throw toAppError(error, 'storeParsesBatch');
  }
}
