#!/usr/bin/env node
// npm run bench:parse — parser throughput on one core, beside a baseline measured in the same run.
//
// Corpus: the evaluation set's raw postings (../shared/eval/dev/raw, or BENCH_CORPUS=DIR), else the
// test fixtures, repeated until it holds at least BENCH_MB (default 10) megabytes.
// Baseline: the cheapest honest pass over the same texts: NFKC-normalize and split into lines.
// Scale: one word pass (NFKC, lower-case, split on non-letters), timed the same way.
// Prints documents/s and MB/s for each, the parser's ratio to the baseline, and peak RSS; the last
// line is JSON.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readPostings, ROOT as root } from './support.mjs';

const require = createRequire(import.meta.url);
const { parseJobDescription, PARSER_VERSION } = require(join(root, 'dist/shared/parser/index.js'));

const TARGET_BYTES = Number(process.env.BENCH_MB ?? 10) * 1024 * 1024;

function loadCorpus() {
  const { dir, postings: docs } = readPostings();
  const corpus = [];
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    for (const doc of docs) {
      corpus.push(doc);
      bytes += Buffer.byteLength(doc.text);
    }
  }
  return { dir, corpus, bytes, distinct: docs.length };
}

function time(fn, corpus) {
  globalThis.gc?.();
  const started = process.hrtime.bigint();
  let sink = 0;
  for (const doc of corpus) sink += fn(doc);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, sink };
}

const baseline = (doc) => doc.text.normalize('NFKC').split('\n').length;
// Not a target, a scale: one Unicode-aware pass that any reading of the words needs (lower-case,
// split into letter/digit runs), to show what a single such pass costs against the baseline.
const wordPass = (doc) =>
  doc.text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u).length;
const parse = (doc) => parseJobDescription(doc).requirements.length;

const { dir, corpus, bytes, distinct } = loadCorpus();
const mb = bytes / (1024 * 1024);
// The parser's first pass over the distinct postings is timed on its own (cold: regexes compiled
// and code optimised as it goes, as on a new instance). Then one whole pass over the corpus, also
// reported, warms every function up: V8 keeps optimising the parser's many functions over its
// first few thousand documents, and a service parses that many within seconds of starting. The
// figures compared with the targets are those of the next pass.
const firstPass = time(parse, corpus.slice(0, distinct));
time(baseline, corpus);
time(wordPass, corpus);
const warmup = time(parse, corpus);
const base = time(baseline, corpus);
const words = time(wordPass, corpus);
const run = time(parse, corpus);
const peakRssMb = process.resourceUsage().maxRSS / 1024;

const figures = {
  benchmark: 'parse',
  parserVersion: PARSER_VERSION,
  corpus: dir,
  documents: corpus.length,
  distinctDocuments: distinct,
  megabytes: +mb.toFixed(2),
  firstPass: {
    documents: distinct,
    seconds: +firstPass.seconds.toFixed(3),
    docsPerSecond: Math.round(distinct / firstPass.seconds),
  },
  warmupPass: {
    seconds: +warmup.seconds.toFixed(3),
    docsPerSecond: Math.round(corpus.length / warmup.seconds),
  },
  parser: {
    seconds: +run.seconds.toFixed(3),
    docsPerSecond: Math.round(corpus.length / run.seconds),
    mbPerSecond: +(mb / run.seconds).toFixed(2),
  },
  baseline: {
    seconds: +base.seconds.toFixed(3),
    docsPerSecond: Math.round(corpus.length / base.seconds),
    mbPerSecond: +(mb / base.seconds).toFixed(2),
  },
  wordPass: {
    seconds: +words.seconds.toFixed(3),
    docsPerSecond: Math.round(corpus.length / words.seconds),
    mbPerSecond: +(mb / words.seconds).toFixed(2),
    slowdownVsBaseline: +(words.seconds / base.seconds).toFixed(1),
  },
  slowdownVsBaseline: +(run.seconds / base.seconds).toFixed(1),
  peakRssMb: Math.round(peakRssMb),
  targets: { docsPerSecond: 2000, mbPerSecond: 6, maxSlowdown: 20, maxRssMb: 200 },
};
console.log(`corpus: ${distinct} postings from ${dir}, repeated to ${corpus.length} documents, ${mb.toFixed(1)} MB`);
console.log(
  `parser, first pass (cold): ${figures.firstPass.docsPerSecond} documents/s over the ${distinct} postings; ` +
    `warm-up pass over the corpus: ${figures.warmupPass.docsPerSecond} documents/s`,
);
console.log(
  `parser:   ${figures.parser.docsPerSecond} documents/s, ${figures.parser.mbPerSecond} MB/s (${figures.parser.seconds} s)`,
);
console.log(
  `baseline: ${figures.baseline.docsPerSecond} documents/s, ${figures.baseline.mbPerSecond} MB/s (NFKC + split lines)`,
);
console.log(
  `one word pass: ${figures.wordPass.docsPerSecond} documents/s, ${figures.wordPass.mbPerSecond} MB/s ` +
    `(NFKC + lower-case + split on non-letters: ${figures.wordPass.slowdownVsBaseline}x the baseline's time)`,
);
console.log(`parser is ${figures.slowdownVsBaseline}x the baseline's time; peak RSS ${figures.peakRssMb} MB`);
console.log(JSON.stringify(figures));
