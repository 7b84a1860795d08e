#!/usr/bin/env node
// npm run bench:store — documents stored per second through the repository's storeParse at 1, 4 and
// 16 concurrent writers, beside a ceiling measured in the same run.
//
// Database: a fresh one with a random name, created through BENCH_PG_ADMIN_URL (default
// postgres://postgres@127.0.0.1:5432/postgres), migrated with the project's migrator and dropped at
// the end, also on failure or SIGINT/SIGTERM.
// Inputs: the evaluation set's raw postings (../shared/eval/dev/raw, or BENCH_CORPUS=DIR), else the
// test fixtures, parsed once with the compiled parser; postings with fewer than BENCH_MIN_CHILD_ROWS
// (default 10) child rows (requirements + responsibilities + skill links) are left out. Every stored
// document gets its own externalId and a marker line in its text, so every store is a real insert.
// Ceiling: the same rows written by ONE hand-written statement per document (data-modifying CTEs,
// unnest of arrays, a named prepared statement) with raw pg, at the same concurrency.
// Each measurement starts from emptied document tables (skills kept, as in steady state) after a
// warm-up pass; row counts are checked after it. BENCH_DOCS (default 600) documents per
// measurement, cut short after BENCH_MAX_SECONDS (default 20); BENCH_ROUNDS (default 3) rounds per
// level, the three paths interleaved, and the median rate reported (this box's commit latency is
// noisy). Server CPU is read from /proc for the backends, so only when PostgreSQL runs on this host.
// The last line is JSON.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readPostings, ROOT as root, withScratchDatabase } from './support.mjs';

const require = createRequire(import.meta.url);
const { parseJobDescription, PARSER_VERSION } = require(join(root, 'dist/shared/parser/index.js'));
const { openDatabase } = require(join(root, 'dist/shared/db/client.js'));
const { createRepository, contentHash } = require(join(root, 'dist/shared/db/repository.js'));
const pg = require('pg');

const LEVELS = (process.env.BENCH_WRITERS ?? '1,4,16').split(',').map(Number);
const DOCS = Number(process.env.BENCH_DOCS ?? 600);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 20);
const MIN_CHILD_ROWS = Number(process.env.BENCH_MIN_CHILD_ROWS ?? 10);
const TARGET_RATIO = 0.6;
const SOURCE = 'bench';
const DOC_TABLES =
  'documents, parses, requirements, responsibilities, requirement_skills, processed_deliveries, idempotency_keys';

// ---------------------------------------------------------------------------------------------
// Inputs

function loadPostings() {
  const { dir, postings: read } = readPostings();
  const all = read.map(({ file, contentType, text }) => {
    const started = process.hrtime.bigint();
    const result = parseJobDescription({ text, contentType });
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const links = result.requirements.reduce((n, r) => n + new Set(r.skills).size, 0);
    const childRows = result.requirements.length + result.responsibilities.length + links;
    return { file, contentType, text, result, durationMs, childRows };
  });
  const kept = all.filter((p) => p.childRows >= MIN_CHILD_ROWS);
  return { dir, postings: kept.length > 0 ? kept : all, parsed: all.length };
}

/** A marker line the parser would treat as noise; in a comment for HTML. */
function withMarker(posting, marker) {
  const line = posting.contentType === 'text/html' ? `\n<!-- ${marker} -->\n` : `\n\nReference: ${marker}\n`;
  return posting.text + line;
}

/** `count` distinct inputs cycling through the postings, split round-robin into `writers` sequences. */
function makeInputs(postings, tag, count, writers) {
  const sequences = Array.from({ length: writers }, () => []);
  for (let i = 0; i < count; i++) {
    const posting = postings[i % postings.length];
    const externalId = `${tag}-${i}`;
    sequences[i % writers].push({
      document: { source: SOURCE, externalId, contentType: posting.contentType, text: withMarker(posting, externalId) },
      result: posting.result,
      durationMs: posting.durationMs,
    });
  }
  return sequences;
}

// ---------------------------------------------------------------------------------------------
// The ceiling: one statement per document. No lock, no idempotency check, version 1: an upper bound,
// not a replacement. Its skills come from its own insert or from the statement's snapshot, so a
// skill first inserted by another writer while it runs would lose its link; the warm-up pass creates
// every skill first, and the row counts are checked after each measurement.

const CEILING_SQL = `
with doc as (
  insert into documents (content_hash, source, external_id, version, is_latest, content_type, raw_text, byte_size)
  values ($1, $2, $3, 1, true, $4, $5, $6)
  returning id
), parse as (
  insert into parses (document_id, parser_version, status, is_current, result, duration_ms)
  select doc.id, $7, 'succeeded', true, $8::jsonb, $9 from doc
  returning id
), resp as (
  insert into responsibilities (parse_id, position, text, section)
  select parse.id, r.ord - 1, r.text, r.section
  from parse, unnest($10::text[], $11::text[]) with ordinality as r(text, section, ord)
), req as (
  insert into requirements (parse_id, position, text, section, required, category, years_min, years_max)
  select parse.id, r.ord - 1, r.text, r.section, r.required, r.category, r.years_min, r.years_max
  from parse, unnest($12::text[], $13::text[], $14::bool[], $15::text[], $16::int2[], $17::int2[])
    with ordinality as r(text, section, required, category, years_min, years_max, ord)
  returning id, position
), new_skills as (
  insert into skills (name) select n from unnest($18::text[]) as n order by n
  on conflict (name) do nothing
  returning id, name
), all_skills as (
  select id, name from new_skills
  union all
  select id, name from skills where name = any($18::text[])
)
insert into requirement_skills (skill_id, requirement_id)
select s.id, q.id
from unnest($19::int4[], $20::text[]) as l(position, name)
join req q on q.position = l.position
join all_skills s on s.name = l.name`;

// The same statement, but with the version taken from existing rows: used by the transactional
// variant below (BEGIN; advisory lock; hash lookup; this; COMMIT), which is what the repository's
// semantics need at least. The is_latest flip of an older version is left out (no older versions here).
const TRANSACTIONAL_SQL = CEILING_SQL.replace(
  'values ($1, $2, $3, 1, true, $4, $5, $6)',
  'select $1, $2, $3, coalesce((select max(version) from documents where source = $2 and external_id = $3), 0) + 1, true, $4, $5, $6',
);

function ceilingValues(input) {
  const { document: d, result } = input;
  const names = [...new Set(result.requirements.flatMap((r) => r.skills))].sort();
  const linkPositions = [];
  const linkNames = [];
  result.requirements.forEach((r, position) => {
    for (const name of new Set(r.skills)) {
      linkPositions.push(position);
      linkNames.push(name);
    }
  });
  const rs = result.responsibilities;
  const qs = result.requirements;
  return [
    contentHash(d),
    d.source,
    d.externalId,
    d.contentType,
    d.text,
    Buffer.byteLength(d.text, 'utf8'),
    result.parserVersion,
    JSON.stringify(result),
    Math.round(input.durationMs),
    rs.map((r) => r.text),
    rs.map((r) => r.section ?? null),
    qs.map((r) => r.text),
    qs.map((r) => r.section ?? null),
    qs.map((r) => r.required),
    qs.map((r) => r.category),
    qs.map((r) => r.yearsMin ?? null),
    qs.map((r) => r.yearsMax ?? null),
    names,
    linkPositions,
    linkNames,
  ];
}

// ---------------------------------------------------------------------------------------------
// Running

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU ticks used so far by this database's client backends (same host only), and the WAL position. */
async function serverSnapshot(admin) {
  const { rows } = await admin.query(
    `select pid, pg_current_wal_lsn()::text as lsn from pg_stat_activity
     where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
  );
  const ticks = new Map();
  for (const { pid } of rows) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // Not on this host, or gone: no server CPU figure.
    }
  }
  const [{ lsn }] = (await admin.query('select pg_current_wal_lsn()::text as lsn')).rows;
  return { ticks, lsn };
}

async function serverDelta(admin, before) {
  const after = await serverSnapshot(admin);
  let ticks = 0;
  for (const [pid, t] of after.ticks) ticks += t - (before.ticks.get(pid) ?? 0);
  const [{ bytes }] = (
    await admin.query('select pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::float8 as bytes', [after.lsn, before.lsn])
  ).rows;
  return { cpuMs: after.ticks.size > 0 ? (ticks / TICKS_PER_SECOND) * 1000 : null, walBytes: bytes };
}

async function runWriters(sequences, store, admin) {
  const deadline = performance.now() + MAX_SECONDS * 1000;
  let stored = 0;
  const server = admin ? await serverSnapshot(admin) : null;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    sequences.map(async (sequence) => {
      for (const input of sequence) {
        if (performance.now() > deadline) return;
        await store(input);
        stored++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const run = { stored, seconds, docsPerSecond: stored / seconds };
  if (!admin) return run;
  const { cpuMs, walBytes } = await serverDelta(admin, server);
  run.nodeCpuMsPerDoc = +((used.user + used.system) / 1000 / stored).toFixed(3);
  run.serverCpuMsPerDoc = cpuMs === null ? null : +(cpuMs / stored).toFixed(3);
  run.walBytesPerDoc = Math.round(walBytes / stored);
  return run;
}

/** Opens all `max` connections of a pool up front so connecting is not timed. */
async function fill(pool, max) {
  const clients = await Promise.all(Array.from({ length: max }, () => pool.connect()));
  for (const c of clients) c.release();
}

function expectedRows(sequences, stored) {
  const counts = { documents: 0, parses: 0, requirements: 0, responsibilities: 0, requirement_skills: 0 };
  const inputs = sequences.flat();
  // Only called when every input was stored.
  for (const input of inputs.slice(0, stored)) {
    const r = input.result;
    counts.documents++;
    counts.parses++;
    counts.requirements += r.requirements.length;
    counts.responsibilities += r.responsibilities.length;
    counts.requirement_skills += r.requirements.reduce((n, q) => n + new Set(q.skills).size, 0);
  }
  return counts;
}

async function countRows(admin) {
  const { rows } = await admin.query(`select
    (select count(*) from documents)::int as documents,
    (select count(*) from parses where is_current)::int as parses,
    (select count(*) from requirements)::int as requirements,
    (select count(*) from responsibilities)::int as responsibilities,
    (select count(*) from requirement_skills)::int as requirement_skills`);
  return rows[0];
}

async function verify(admin, label, sequences, run) {
  const actual = await countRows(admin);
  const total = sequences.reduce((n, s) => n + s.length, 0);
  if (run.stored < total) {
    // Cut short by the deadline: only the document count can be checked exactly.
    if (actual.documents !== run.stored)
      throw new Error(`${label}: ${actual.documents} documents, expected ${run.stored}`);
    return actual;
  }
  const expected = expectedRows(sequences, run.stored);
  for (const [table, n] of Object.entries(expected)) {
    if (actual[table] !== n) throw new Error(`${label}: ${actual[table]} rows in ${table}, expected ${n}`);
  }
  return actual;
}

async function measureRepository(url, admin, postings, writers, tag) {
  const handle = await openDatabase(
    { kind: 'url', url, pool: { max: writers, connectionTimeoutMillis: 30_000, idleTimeoutMillis: 60_000 } },
    { migrate: false },
  );
  try {
    await fill(handle.db.$client, writers);
    const repository = createRepository(handle.db);
    const store = (input) => repository.storeParse(input);
    await runWriters(makeInputs(postings, `${tag}-warm`, Math.max(postings.length, writers * 8), writers), store);
    await admin.query(`truncate ${DOC_TABLES}`);
    const sequences = makeInputs(postings, tag, DOCS, writers);
    const run = await runWriters(sequences, store, admin);
    await verify(admin, `repository x${writers}`, sequences, run);
    return run;
  } finally {
    await handle.close();
  }
}

async function measureCeiling(url, admin, postings, writers, tag) {
  const pool = new pg.Pool({ connectionString: url, max: writers, allowExitOnIdle: true });
  pool.on('error', () => {});
  try {
    await fill(pool, writers);
    const store = (input) =>
      pool.query({ name: 'bench_store_ceiling', text: CEILING_SQL, values: ceilingValues(input) });
    await runWriters(makeInputs(postings, `${tag}-warm`, Math.max(postings.length, writers * 8), writers), store);
    await admin.query(`truncate ${DOC_TABLES}`);
    const sequences = makeInputs(postings, tag, DOCS, writers);
    const run = await runWriters(sequences, store, admin);
    await verify(admin, `ceiling x${writers}`, sequences, run);
    return run;
  } finally {
    await pool.end();
  }
}

async function measureTransactional(url, admin, postings, writers, tag) {
  const pool = new pg.Pool({ connectionString: url, max: writers, allowExitOnIdle: true });
  pool.on('error', () => {});
  try {
    await fill(pool, writers);
    const store = async (input) => {
      const values = ceilingValues(input);
      const { source, externalId } = input.document;
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query({
          name: 'bench_store_lock',
          text: 'select pg_advisory_xact_lock(hashtextextended($1, 0))',
          values: [`jd-parser:document\u001f${source}\u001f${externalId}`],
        });
        const found = await client.query({
          name: 'bench_store_lookup',
          text: 'select id from documents where content_hash = $1',
          values: [values[0]],
        });
        if (found.rows.length === 0) {
          await client.query({ name: 'bench_store_transactional', text: TRANSACTIONAL_SQL, values });
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    };
    await runWriters(makeInputs(postings, `${tag}-warm`, Math.max(postings.length, writers * 8), writers), store);
    await admin.query(`truncate ${DOC_TABLES}`);
    const sequences = makeInputs(postings, tag, DOCS, writers);
    const run = await runWriters(sequences, store, admin);
    await verify(admin, `transactional x${writers}`, sequences, run);
    return run;
  } finally {
    await pool.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Where the repository's time goes: statements per store and their latency, one writer.

function statementKind(text) {
  const t = String(text).replace(/\s+/g, ' ').trim().toLowerCase();
  let m = t.match(/^insert into "?(\w+)"?/);
  if (m) return `insert ${m[1]}`;
  m = t.match(/^update "?(\w+)"?/);
  if (m) return `update ${m[1]}`;
  if (t.startsWith('select pg_advisory_xact_lock')) return 'advisory lock';
  m = t.match(/^select .*? from "?(\w+)"?/);
  if (m) return `select ${m[1]}`;
  return t.split(' ')[0];
}

async function profileRepository(url, admin, postings, tag) {
  const handle = await openDatabase(
    { kind: 'url', url, pool: { max: 1, connectionTimeoutMillis: 30_000, idleTimeoutMillis: 60_000 } },
    { migrate: false },
  );
  const original = pg.Client.prototype.query;
  const stats = new Map();
  let statements = 0;
  try {
    await fill(handle.db.$client, 1);
    const repository = createRepository(handle.db);
    const [sequence] = makeInputs(postings, `${tag}-warm`, postings.length, 1);
    for (const input of sequence) await repository.storeParse(input);
    // A bare round trip on the same connection, for scale.
    const client = await handle.db.$client.connect();
    const rtts = [];
    try {
      for (let i = 0; i < 300; i++) {
        const t = performance.now();
        await client.query({ text: 'select $1::int as one', values: [i] });
        rtts.push(performance.now() - t);
      }
    } finally {
      client.release();
    }
    rtts.sort((a, b) => a - b);
    const roundTripMs = rtts[rtts.length >> 1];

    pg.Client.prototype.query = function profiled(config, values, callback) {
      const text = typeof config === 'string' ? config : config?.text;
      const kind = statementKind(text);
      const t = performance.now();
      const promise = original.call(this, config, values, callback);
      statements++;
      if (promise && typeof promise.then === 'function') {
        promise.then(
          () => {
            const s = stats.get(kind) ?? { count: 0, ms: 0 };
            s.count++;
            s.ms += performance.now() - t;
            stats.set(kind, s);
          },
          () => {},
        );
      }
      return promise;
    };
    const [profiled] = makeInputs(postings, `${tag}-profile`, Math.min(300, DOCS), 1);
    const started = performance.now();
    for (const input of profiled) await repository.storeParse(input);
    const totalMs = performance.now() - started;
    pg.Client.prototype.query = original;
    const n = profiled.length;
    const breakdown = [...stats.entries()]
      .map(([kind, s]) => ({
        statement: kind,
        perStore: +(s.count / n).toFixed(2),
        msPerStore: +(s.ms / n).toFixed(3),
      }))
      .sort((a, b) => b.msPerStore - a.msPerStore);
    return {
      roundTripsPerStore: +(statements / n).toFixed(2),
      msPerStore: +(totalMs / n).toFixed(3),
      bareRoundTripMs: +roundTripMs.toFixed(3),
      statements: breakdown,
    };
  } finally {
    pg.Client.prototype.query = original;
    await handle.close();
    await admin.query(`truncate ${DOC_TABLES}`);
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median rate over rounds; costs per document averaged over all documents stored. */
function summarize(runs) {
  const stored = runs.reduce((n, r) => n + r.stored, 0);
  const weighted = (key) => {
    if (runs.some((r) => r[key] === null)) return null;
    return +(runs.reduce((n, r) => n + r[key] * r.stored, 0) / stored).toFixed(3);
  };
  return {
    docsPerSecond: Math.round(median(runs.map((r) => r.docsPerSecond))),
    rates: runs.map((r) => Math.round(r.docsPerSecond)),
    stored,
    cost: {
      nodeCpuMs: weighted('nodeCpuMsPerDoc'),
      serverCpuMs: weighted('serverCpuMsPerDoc'),
      walBytes: Math.round(weighted('walBytesPerDoc')),
    },
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const { dir, postings, parsed } = loadPostings();
  const childRows = postings.reduce((n, p) => n + p.childRows, 0) / postings.length;
  const figures = await withScratchDatabase('store', async ({ name: dbName, url, beforeDrop }) => {
    const migrated = await openDatabase(
      { kind: 'url', url, pool: { max: 1, connectionTimeoutMillis: 30_000, idleTimeoutMillis: 10_000 } },
      { migrate: true },
    );
    await migrated.close();
    const admin = new pg.Client({ connectionString: url });
    beforeDrop(() => admin.end());
    await admin.connect();

    const [{ server_version: serverVersion }] = (await admin.query('show server_version')).rows;
    console.log(
      `inputs: ${postings.length} of ${parsed} postings from ${dir} (>= ${MIN_CHILD_ROWS} child rows), ` +
        `${childRows.toFixed(1)} child rows per document on average; parser ${PARSER_VERSION}`,
    );
    console.log(
      `database: ${dbName} on PostgreSQL ${serverVersion}; ${DOCS} documents per measurement, ` +
        `${ROUNDS} rounds per level (median rate)`,
    );

    const levels = [];
    for (const writers of LEVELS) {
      const runs = { ceiling: [], repository: [], transactional: [] };
      for (let round = 0; round < ROUNDS; round++) {
        // Interleaved, each from emptied document tables, so drift hits all three alike.
        runs.ceiling.push(await measureCeiling(url, admin, postings, writers, `c${writers}.${round}`));
        runs.repository.push(await measureRepository(url, admin, postings, writers, `r${writers}.${round}`));
        runs.transactional.push(await measureTransactional(url, admin, postings, writers, `t${writers}.${round}`));
      }
      const ceiling = summarize(runs.ceiling);
      const repository = summarize(runs.repository);
      const transactional = summarize(runs.transactional);
      const level = {
        writers,
        repositoryDocsPerSecond: repository.docsPerSecond,
        ceilingDocsPerSecond: ceiling.docsPerSecond,
        ratio: +(repository.docsPerSecond / ceiling.docsPerSecond).toFixed(2),
        transactionalDocsPerSecond: transactional.docsPerSecond,
        transactionalRatio: +(transactional.docsPerSecond / ceiling.docsPerSecond).toFixed(2),
        documentsStored: {
          repository: repository.stored,
          ceiling: ceiling.stored,
          transactional: transactional.stored,
        },
        rounds: { repository: repository.rates, ceiling: ceiling.rates, transactional: transactional.rates },
        repositoryCost: repository.cost,
        ceilingCost: ceiling.cost,
        transactionalCost: transactional.cost,
      };
      levels.push(level);
      const mark = writers >= 4 ? (level.ratio >= TARGET_RATIO ? ' (meets target)' : ' (under target)') : '';
      console.log(
        `${String(writers).padStart(2)} writers: repository ${String(level.repositoryDocsPerSecond).padStart(5)} docs/s, ` +
          `ceiling ${String(level.ceilingDocsPerSecond).padStart(5)} docs/s, ratio ${level.ratio.toFixed(2)}${mark}` +
          `  [rounds: repository ${repository.rates.join('/')}, ceiling ${ceiling.rates.join('/')}]`,
      );
      console.log(
        `           transactional one-statement path (begin, lock, lookup, statement, commit): ` +
          `${level.transactionalDocsPerSecond} docs/s, ratio ${level.transactionalRatio.toFixed(2)}` +
          `  [rounds: ${transactional.rates.join('/')}]`,
      );
      const cost = (c) =>
        `node CPU ${c.nodeCpuMs} ms, server CPU ${c.serverCpuMs ?? '?'} ms, WAL ${(c.walBytes / 1024).toFixed(1)} kB`;
      console.log(`           per document, repository:    ${cost(level.repositoryCost)}`);
      console.log(`           per document, ceiling:       ${cost(level.ceilingCost)}`);
      console.log(`           per document, transactional: ${cost(level.transactionalCost)}`);
    }

    const profile = await profileRepository(url, admin, postings, 'p');
    console.log(
      `repository, 1 writer: ${profile.roundTripsPerStore} statements (round trips) per store, ` +
        `${profile.msPerStore} ms per store; a bare round trip takes ${profile.bareRoundTripMs} ms`,
    );
    for (const s of profile.statements) {
      console.log(
        `  ${s.statement.padEnd(28)} ${String(s.perStore).padStart(5)} per store  ${s.msPerStore.toFixed(3)} ms`,
      );
    }

    const figures = {
      benchmark: 'store',
      parserVersion: PARSER_VERSION,
      corpus: dir,
      postings: postings.length,
      documents: DOCS * ROUNDS,
      documentsPerRound: DOCS,
      rounds: ROUNDS,
      childRowsPerDocument: +childRows.toFixed(1),
      levels,
      repositoryProfile: profile,
      targets: { minRatio: TARGET_RATIO, atWriters: LEVELS.filter((w) => w >= 4) },
      meetsTarget: levels.filter((l) => l.writers >= 4).every((l) => l.ratio >= TARGET_RATIO),
    };
    return figures;
  });
  console.log(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
