#!/usr/bin/env node
// Derives the TypeScript types from the JSON Schemas, so the schema stays the one source of truth.
// `npm run gen:types` rewrites the files; `--check` fails when a committed file is stale (a test runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';

const root = join(import.meta.dirname, '..');
const targets = [
  ['shared/contracts/parse-result.schema.json', 'shared/contracts/parse-result.generated.ts'],
  ['shared/contracts/job-description-message.schema.json', 'shared/contracts/job-description-message.generated.ts'],
];

export async function generate(schemaPath) {
  const schema = JSON.parse(readFileSync(join(root, schemaPath), 'utf8'));
  return compile(schema, schema.title, {
    bannerComment: `/* Generated from ${schemaPath} by scripts/gen-types.mjs. Do not edit: run \`npm run gen:types\`. */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true, printWidth: 120 },
  });
}

const check = process.argv.includes('--check');
let stale = 0;
for (const [schemaPath, outPath] of targets) {
  const ts = await generate(schemaPath);
  const current = (() => {
    try {
      return readFileSync(join(root, outPath), 'utf8');
    } catch {
      return '';
    }
  })();
  if (current === ts) continue;
  if (check) {
    console.error(`${outPath} is stale: run npm run gen:types`);
    stale += 1;
  } else {
    writeFileSync(join(root, outPath), ts);
    console.log(`wrote ${outPath}`);
  }
}
process.exit(stale ? 1 : 0);
