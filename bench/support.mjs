// What the benchmarks share: where their postings come from, and the scratch database they run on.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const pg = require('pg');

export const ROOT = resolve(import.meta.dirname, '..');
const TYPES = { '.txt': 'text/plain', '.md': 'text/markdown', '.html': 'text/html' };
/** The evaluation set's raw postings beside the project (not shipped), else the test fixtures. */
const DEFAULT_CORPORA = [join(ROOT, '..', 'shared', 'eval', 'dev', 'raw'), join(ROOT, 'test', 'fixtures')];

/**
 * The .txt, .md and .html postings of BENCH_CORPUS, or of the first of `candidates` that exists,
 * sorted by file name; `keep(path)` may leave files out before they are read.
 */
export function readPostings({ candidates = DEFAULT_CORPORA, keep = () => true } = {}) {
  const dir = [process.env.BENCH_CORPUS, ...candidates].find((d) => d && existsSync(d));
  if (!dir) throw new Error(`no corpus: set BENCH_CORPUS or provide one of ${candidates.join(', ')}`);
  const files = readdirSync(dir)
    .filter((f) => TYPES[extname(f)])
    .sort();
  const postings = files
    .filter((f) => keep(join(dir, f)))
    .map((f) => ({ file: f, contentType: TYPES[extname(f)], text: readFileSync(join(dir, f), 'utf8') }));
  if (files.length === 0) throw new Error(`no .txt, .md or .html postings in ${dir}`);
  return { dir, postings, left: files.length - postings.length };
}

/**
 * Runs `use(scratch)` on a fresh PostgreSQL database with a random name (jd_bench_<kind>_...),
 * created through BENCH_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) and
 * dropped afterwards, also when `use` throws or on SIGINT/SIGTERM. `scratch` holds its `name` and
 * `url`; `scratch.beforeDrop(fn)` registers what must stop first (a server, a client), run in the
 * order registered. Resolves with what `use` resolves with, once the database is dropped.
 */
export async function withScratchDatabase(kind, use) {
  const adminUrl = process.env.BENCH_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `jd_bench_${kind}_${randomBytes(6).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const server = new pg.Client({ connectionString: adminUrl });
  await server.connect();
  const stops = [];
  let created = false;
  let dropping;
  const drop = () => {
    if (!created) return Promise.resolve();
    dropping ??= (async () => {
      for (const stop of stops) await stop().catch(() => {});
      await server.query(`drop database if exists "${name}" with (force)`);
      created = false;
    })();
    return dropping;
  };
  const onSignal = (signal) => {
    console.error(`\n${signal}: dropping ${name}`);
    drop()
      .catch((error) => console.error(`could not drop ${name}: ${error.message}`))
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await server.query(`create database "${name}"`);
    created = true;
    const result = await use({ name, url: url.toString(), beforeDrop: (stop) => stops.push(stop) });
    await drop();
    return result;
  } finally {
    await drop().catch((error) => console.error(`could not drop ${name}: ${error.message}`));
    await server.end().catch(() => {});
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
