#!/usr/bin/env node
// Runs the CLI over the evaluation set and scores it with the set's own scorer.
//
//   npm run eval [-- --per-doc] [-- --check] [-- --eval-dir DIR]
//
// The evaluation set lives beside the project (../shared/eval, read-only, not shipped). With --check
// the exit code is 1 when a figure is under the quality bar of the parser issue.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const at = args.indexOf('--eval-dir');
const evalDir = resolve(at >= 0 ? args[at + 1] : (process.env.EVAL_DIR ?? join(root, '..', 'shared', 'eval')));
const split = process.env.EVAL_SPLIT ?? 'dev';
const rawDir = join(evalDir, split, 'raw');
const goldDir = join(evalDir, split, 'gold');
if (!existsSync(rawDir)) {
  console.error(`eval: no evaluation set at ${rawDir} (set EVAL_DIR or --eval-dir)`);
  process.exit(2);
}

const BAR = {
  'responsibilities.tokenF1': 0.85,
  'responsibilities.itemF1': 0.75,
  'requirements.tokenF1': 0.85,
  'requirements.itemF1': 0.75,
  requiredFlagAccuracy: 0.9,
  yearsAccuracy: 0.9,
};

const out = mkdtempSync(join(tmpdir(), 'jd-eval-'));
try {
  const files = readdirSync(rawDir)
    .sort()
    .map((f) => join(rawDir, f));
  execFileSync(process.execPath, [join(root, 'bin', 'jd-parse.js'), ...files, '--out', out], { stdio: 'inherit' });
  const score = (extra) =>
    execFileSync(process.execPath, [join(evalDir, 'score.mjs'), '--gold', goldDir, '--pred', out, ...extra], {
      encoding: 'utf8',
    });
  process.stdout.write(score(args.includes('--per-doc') ? ['--per-doc'] : []));
  const summary = JSON.parse(score(['--json']));
  const get = (path) => path.split('.').reduce((o, k) => o?.[k], summary);
  const below = Object.entries(BAR).filter(([path, min]) => !(get(path) >= min));
  for (const [path, min] of below) console.log(`below the bar: ${path} ${get(path)} < ${min}`);
  console.log(JSON.stringify(Object.fromEntries(Object.keys(BAR).map((k) => [k, get(k)]))));
  if (args.includes('--check') && below.length > 0) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
