#!/usr/bin/env node
// npm run bench:reparse — documents re-parsed per second after a parserVersion bump, and the
// re-parse's peak RSS, at two corpus sizes, beside baselines measured in the same run.
//
// Database: a fresh one with a random name (BENCH_PG_ADMIN_URL, default
// postgres://postgres@127.0.0.1:5432/postgres), migrated with dist/shared/db/migrate-cli.js and
// dropped at the end, also on failure or SIGINT/SIGTERM.
// Seed, per measurement (tables emptied first): BENCH_SIZES (default 10000,100000) documents
// written by one INSERT ... generate_series over the distinct postings of ../shared/eval/dev/raw
// (BENCH_CORPUS=DIR; else test/fixtures; files over 64 KB left out), each made distinct by a
// reference line, with content hashes computed as contentHash() does (checked), plus one parse
// each from parserVersion 0.0.1 (succeeded, current, result '{}').
// Measurements, each in its own child process (so its RSS is its own, sampled every 100 ms):
//   read        baseline: every document through findDocumentsToReparse's keyset pages, nothing else
//   read+parse  baseline: the same, and each document parsed (nothing written)
//   service     the re-parse use-case: createRuntime(), then service.reparse({ mode: 'inline' })
//               called with the cursor until done (what the scheduled re-parse runs)
//   batch       NOT the use-case: the same pages and parses, stored per page with
//               storeParsesBatch (shared/db/store-batch.ts), to show what batching the store buys
// BENCH_BATCH (default 200, the REPARSE_BATCH_SIZE default) documents per page. A measurement
// stops after BENCH_MAX_SECONDS (default 300) and says how far it got. BENCH_MODES picks
// measurements (default read,read+parse,service,batch). BENCH_CHILD_NODE_ARGS are passed to node
// for each measurement (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"). The last line is JSON.
// Heap: each measurement runs with the heap limit Node gives the deployed instance, whose memory
// is BENCH_INSTANCE_MEMORY_MB (default 1024, terraform's `memory` default): Node 22 reads the
// container's memory limit and gives V8's old generation half of it (in a 1 GiB memory cgroup its
// heap_size_limit is 524 MB). On a bare machine with 24 GB, V8 would instead let garbage pile up
// toward a 4 GB limit before collecting it, and peak RSS would measure that laziness, not the
// service. BENCH_INSTANCE_MEMORY_MB=0 runs without the limit.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPostings, ROOT as root, withScratchDatabase } from './support.mjs';

const require = createRequire(import.meta.url);
const { parseJobDescription, PARSER_VERSION } = require(join(root, 'dist/shared/parser/index.js'));

const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_DOCS ?? '10000,100000').split(',').map(Number);
const BATCH = Number(process.env.BENCH_BATCH ?? 200);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 300);
const MODES = (process.env.BENCH_MODES ?? 'read,read+parse,service,batch').split(',');
const INSTANCE_MEMORY_MB = Number(process.env.BENCH_INSTANCE_MEMORY_MB ?? 1024);
const HEAP_ARGS = INSTANCE_MEMORY_MB > 0 ? [`--max-old-space-size=${Math.floor(INSTANCE_MEMORY_MB / 2)}`] : [];
const OLD_VERSION = '0.0.1';
const SOURCE = 'bench';
const MAX_FILE_BYTES = 64 * 1024;
const TARGET = { docsPerSecond: 1000, maxRssMb: 300, maxRssGrowthMb: 20 };
const DOC_TABLES =
  'documents, parses, requirements, responsibilities, requirement_skills, processed_deliveries, idempotency_keys';

// ---------------------------------------------------------------------------------------------
// Child: one measurement, its figures as one JSON line on stdout.

async function child(mode) {
  const samples = { peak: 0 };
  const sample = () => {
    samples.peak = Math.max(samples.peak, process.memoryUsage().rss);
  };
  sample();
  const timer = setInterval(sample, 100);
  // Not what keeps the process alive: a measurement that fails (its database dropped by the parent
  // on SIGINT, say) must exit rather than sample forever.
  timer.unref();
  const startRss = process.memoryUsage().rss;
  const deadline = performance.now() + MAX_SECONDS * 1000;
  let processed = 0;
  let stored = 0;
  let failed = 0;
  let done = false;
  let started;

  if (mode === 'service') {
    const { createRuntime } = require(join(root, 'dist/functions/runtime.js'));
    const runtime = createRuntime({ env: process.env });
    try {
      let cursor;
      started = performance.now();
      for (;;) {
        const budget = Math.max(1000, Math.floor(deadline - performance.now()));
        const outcome = await runtime.service.reparse({
          force: false,
          cursor,
          batchSize: BATCH,
          timeBudgetMs: Math.min(budget, 3_600_000),
          mode: 'inline',
        });
        processed += outcome.processed;
        stored += outcome.stored;
        failed += outcome.failed;
        cursor = outcome.cursor ?? undefined;
        if (outcome.done) {
          done = true;
          break;
        }
        if (performance.now() >= deadline) break;
      }
    } finally {
      await runtime.close();
    }
  } else {
    const { openDatabase } = require(join(root, 'dist/shared/db/client.js'));
    const { readDbConfig } = require(join(root, 'dist/shared/db/config.js'));
    const { createRepository } = require(join(root, 'dist/shared/db/repository.js'));
    const { storeParsesBatch } = require(join(root, 'dist/shared/db/store-batch.js'));
    const handle = await openDatabase(readDbConfig(process.env));
    try {
      const repo = createRepository(handle.db);
      let after;
      started = performance.now();
      for (;;) {
        const page = await repo.findDocumentsToReparse({
          parserVersion: PARSER_VERSION,
          force: false,
          after,
          limit: BATCH,
        });
        if (page.length === 0) {
          done = true;
          break;
        }
        if (mode !== 'read') {
          const items = page.map(({ id, document }) => {
            const t = performance.now();
            const result = parseJobDescription({ text: document.text, contentType: document.contentType });
            return {
              documentId: id,
              source: document.source,
              externalId: document.externalId,
              result,
              durationMs: performance.now() - t,
            };
          });
          if (mode === 'batch') {
            const outcome = await storeParsesBatch(handle.db, items);
            stored += outcome.stored;
            failed += outcome.rejected.length;
          }
        }
        processed += page.length;
        after = page.at(-1).id;
        if (page.length < BATCH) {
          done = true;
          break;
        }
        if (performance.now() >= deadline) break;
      }
    } finally {
      await handle.close();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  process.stdout.write(
    `${JSON.stringify({
      mode,
      processed,
      stored,
      failed,
      done,
      seconds: +seconds.toFixed(2),
      docsPerSecond: Math.round(processed / seconds),
      startRssMb: +(startRss / 1048576).toFixed(1),
      peakRssMb: +(samples.peak / 1048576).toFixed(1),
      maxRssMb: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
    })}\n`,
  );
}

// ---------------------------------------------------------------------------------------------
// Parent

function runChild(mode, env) {
  return new Promise((ok, fail) => {
    const nodeArgs = [...HEAP_ARGS, ...(process.env.BENCH_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
    const p = spawn(process.execPath, [...nodeArgs, fileURLToPath(import.meta.url), '--child', mode], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      err += d;
    });
    p.on('error', fail);
    p.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1);
      if (code !== 0 || !last) return fail(new Error(`${mode} exited ${code}: ${err || out}`));
      const figures = JSON.parse(last);
      figures.logLines = err.split('\n').filter((l) => l.trim()).length;
      ok(figures);
    });
  });
}

function migrate(env) {
  return new Promise((ok, fail) => {
    const p = spawn(process.execPath, [join(root, 'dist/shared/db/migrate-cli.js')], { env, stdio: 'pipe' });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      out += d;
    });
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`migration failed: ${out}`))));
  });
}

/**
 * The documents and their old parses, in two statements. The hash is contentHash()'s: sha256 of
 * the JSON array [source, externalId, contentType, text] without spaces, which to_json() escapes as
 * JSON.stringify does; a re-parse that found no document by its hash would insert a new version.
 */
async function seed(admin, size) {
  await admin.query(`truncate ${DOC_TABLES}`);
  const t = performance.now();
  await admin.query(
    `insert into documents (content_hash, source, external_id, version, is_latest, content_type, raw_text, byte_size)
     select encode(sha256(convert_to('[' || to_json($2::text)::text || ',' || to_json(x.external_id)::text || ','
              || to_json(x.content_type)::text || ',' || to_json(x.text)::text || ']', 'UTF8')), 'hex'),
            $2, x.external_id, 1, true, x.content_type, x.text, octet_length(x.text)
     from (
       select 'reparse-' || g as external_id, s.content_type, s.text || E'\\n\\nReference: bench-' || g || E'\\n' as text
       from generate_series(1, $1::int) as g
       join bench_seed s on s.n = g % (select count(*) from bench_seed)
     ) as x`,
    [size, SOURCE],
  );
  await admin.query(
    `insert into parses (document_id, parser_version, status, is_current, result, duration_ms)
     select id, $1, 'succeeded', true, '{}'::jsonb, 1 from documents`,
    [OLD_VERSION],
  );
  await admin.query('analyze documents, parses');
  return (performance.now() - t) / 1000;
}

async function checkHashes(admin) {
  const { contentHash } = require(join(root, 'dist/shared/db/repository.js'));
  const { rows } = await admin.query(
    'select content_hash, source, external_id, content_type, raw_text from documents order by random() limit 20',
  );
  for (const r of rows) {
    const expected = contentHash({
      source: r.source,
      externalId: r.external_id,
      contentType: r.content_type,
      text: r.raw_text,
    });
    if (expected !== r.content_hash) throw new Error(`seeded hash of ${r.external_id} differs from contentHash()`);
  }
}

async function checkAfter(admin, size, figures) {
  const { rows } = await admin.query(
    `select (select count(*) from documents)::int as documents,
            (select count(*) from parses where is_current and parser_version = $1)::int as current_new,
            (select count(*) from parses where parser_version = $1)::int as new_parses`,
    [PARSER_VERSION],
  );
  const r = rows[0];
  if (r.documents !== size)
    throw new Error(`${figures.mode}: ${r.documents} documents after the re-parse, seeded ${size}`);
  if (r.new_parses !== figures.stored || r.current_new !== figures.stored) {
    throw new Error(
      `${figures.mode}: ${r.new_parses} new parses (${r.current_new} current), the run reported ${figures.stored}`,
    );
  }
}

async function parent() {
  const pg = require('pg');
  const { dir, postings: texts, left } = readPostings({ keep: (path) => statSync(path).size <= MAX_FILE_BYTES });
  const figures = await withScratchDatabase('reparse', async ({ name: dbName, url, beforeDrop }) => {
    const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warning' };
    for (const name of ['PUBSUB_EMULATOR_HOST', 'GOOGLE_CLOUD_PROJECT', 'K_SERVICE', 'PGLITE_DATA_DIR'])
      delete env[name];
    await migrate(env);
    const admin = new pg.Client({ connectionString: env.DATABASE_URL });
    beforeDrop(() => admin.end());
    await admin.connect();
    await admin.query('create table bench_seed (n int primary key, content_type text not null, text text not null)');
    await admin.query(
      'insert into bench_seed select o - 1, c, t from unnest($1::text[], $2::text[]) with ordinality as u(c, t, o)',
      [texts.map((t) => t.contentType), texts.map((t) => t.text)],
    );
    const meanBytes = Math.round(texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0) / texts.length);
    const [{ server_version: pgVersion }] = (await admin.query('show server_version')).rows;
    console.log(
      `corpus: ${texts.length} distinct postings from ${dir}${left ? ` (${left} over 64 KB left out)` : ''}, ` +
        `${meanBytes} bytes on average; parser ${PARSER_VERSION}, stored parses ${OLD_VERSION}; ` +
        `PostgreSQL ${pgVersion}, database ${dbName}`,
    );
    console.log(
      `${BATCH} documents per page; at most ${MAX_SECONDS} s per measurement; each measurement in its own process` +
        `${HEAP_ARGS.length ? ` with ${HEAP_ARGS[0]} (a ${INSTANCE_MEMORY_MB} MB instance)` : ' without a heap limit'}; ` +
        `load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );

    const levels = [];
    for (const size of SIZES) {
      const level = { documents: size, seedSeconds: null };
      for (const mode of MODES) {
        const seconds = await seed(admin, size);
        level.seedSeconds ??= +seconds.toFixed(1);
        if (mode === MODES[0]) await checkHashes(admin);
        const figures = await runChild(mode, env);
        if (figures.stored > 0 || mode === 'service' || mode === 'batch') await checkAfter(admin, size, figures);
        level[mode] = figures;
        console.log(
          `${String(size).padStart(7)} docs  ${mode.padEnd(10)} ${String(figures.docsPerSecond).padStart(6)} docs/s ` +
            `(${figures.processed} in ${figures.seconds} s${figures.done ? '' : ', STOPPED at the time limit'}), ` +
            `peak RSS ${figures.peakRssMb} MB (at start ${figures.startRssMb} MB)` +
            `${mode === 'service' || mode === 'batch' ? `, stored ${figures.stored}, failed ${figures.failed}` : ''}` +
            `${figures.logLines ? `, ${figures.logLines} log lines on stderr` : ''}`,
        );
      }
      console.log(`${String(size).padStart(7)} docs  seeded in ${level.seedSeconds} s each time`);
      levels.push(level);
    }

    const peak = (mode) => levels.map((l) => l[mode]?.peakRssMb).filter((v) => v !== undefined);
    const verdict = {};
    for (const mode of ['service', 'batch'].filter((m) => MODES.includes(m))) {
      const rss = peak(mode);
      const rates = levels.map((l) => l[mode].docsPerSecond);
      verdict[mode] = {
        docsPerSecond: rates,
        peakRssMb: rss,
        rssGrowthMb: +(Math.max(...rss) - Math.min(...rss)).toFixed(1),
        meetsTarget:
          rates.every((r) => r >= TARGET.docsPerSecond) &&
          rss.every((r) => r < TARGET.maxRssMb) &&
          Math.max(...rss) - Math.min(...rss) <= TARGET.maxRssGrowthMb &&
          levels.every((l) => l[mode].done),
      };
      console.log(
        `${mode}: ${rates.join(' / ')} docs/s, peak RSS ${rss.join(' / ')} MB at ${SIZES.join(' / ')} documents; ` +
          `target >= ${TARGET.docsPerSecond} docs/s, RSS < ${TARGET.maxRssMb} MB and the same at every size ` +
          `(within ${TARGET.maxRssGrowthMb} MB), every document visited: ${verdict[mode].meetsTarget ? 'met' : 'NOT met'}`,
      );
    }
    const figures = {
      benchmark: 'reparse',
      parserVersion: PARSER_VERSION,
      storedParserVersion: OLD_VERSION,
      corpus: dir,
      distinctPostings: texts.length,
      meanBytes,
      batchSize: BATCH,
      maxSeconds: MAX_SECONDS,
      instanceMemoryMb: INSTANCE_MEMORY_MB || null,
      childNodeArgs: HEAP_ARGS,
      levels,
      verdict,
      loadAverage: loadavg().map((l) => +l.toFixed(2)),
      targets: TARGET,
      note: 'batch is not the use-case: the same pages and parses stored with storeParsesBatch',
    };
    return figures;
  });
  console.log(JSON.stringify(figures));
}

const main = process.argv[2] === '--child' ? () => child(process.argv[3]) : parent;
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
