#!/usr/bin/env node
// Builds shared/parser/data/skills.json, the lexicon the parser's skill matcher loads at start-up.
//
// Sources (see the taxonomy README for provenance and licences; attribution is in NOTICE.md):
//   - O*NET 29.2 `Technology Skills.txt`: technology names flagged Hot Technology or In Demand, plus a few
//     curated extras. O*NET names are long and vendor-prefixed, so clean canonical names and aliases are derived.
//   - ESCO v1.1.1: language skills, and proper-noun digital knowledge concepts; selected generic concepts
//     (digital and transversal) only when linked from the curated file, which gives them a usable name.
//   - shared/parser/data/skills-curated.json: hand-written skills, aliases, and the case/context flags.
//
// The taxonomy folder is not shipped, so the generated file is committed. Rebuild:
//   node_modules/.bin/node scripts/build-skills-lexicon.mjs            (writes the lexicon)
//   node_modules/.bin/node scripts/build-skills-lexicon.mjs --check    (fails when the committed file is stale)
// TAXONOMY_DIR overrides the taxonomy location (default /work/shared/data/taxonomy).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';

const root = join(import.meta.dirname, '..');
const taxonomyDir = process.env.TAXONOMY_DIR ?? '/work/shared/data/taxonomy';
const curatedPath = 'shared/parser/data/skills-curated.json';
const outPath = 'shared/parser/data/skills.json';

const DOMAINS = new Set(['dev', 'software', 'general', 'language']);
/** Only these domains have a notion of "context" the matcher can check (see skills.ts). */
const CONTEXT_DOMAINS = new Set(['dev', 'software', 'language']);

// O*NET commodity classes whose members are developer / IT technology rather than end-user software.
// The distinction matters because only developer technology vouches for an ambiguous name such as "C" or "Go".
const DEV_COMMODITIES = new Set([
  'Application server software',
  'Cloud-based management software',
  'Configuration management software',
  'Data base management system software',
  'Development environment software',
  'Enterprise application integration software',
  'Enterprise system management software',
  'Expert system software',
  'File versioning software',
  'Internet directory services software',
  'Metadata management software',
  'Object or component oriented development software',
  'Object oriented data base management software',
  'Program testing software',
  'Storage networking software',
  'Switch or router software',
  'Web platform development software',
]);

// ---------------------------------------------------------------------------------------------------------------
// Reading the sources

function readText(relPath) {
  const buf = readFileSync(join(taxonomyDir, relPath));
  return (relPath.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}

function readCsv(relPath) {
  return parse(readText(relPath), { columns: true, bom: true, relax_column_count: true, skip_empty_lines: true });
}

function readTsv(relPath) {
  // O*NET is plain TSV without quoting, so a quote character must stay literal.
  return parse(readText(relPath), { columns: true, delimiter: '\t', quote: false, skip_empty_lines: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Small pure helpers

/** Dedupe key: what the matcher would treat as the same surface, modulo case and spacing. */
export function keyOf(surface) {
  return surface.toLowerCase().replace(/\s+/g, ' ').trim();
}

function tidy(s) {
  return s.replace(/\s+/g, ' ').trim();
}

function fail(messages) {
  for (const m of messages) console.error(`error: ${m}`);
  process.exit(1);
}

/**
 * "Extensible markup language XML" -> { expansion: "Extensible markup language", acronym: "XML", spelled: true }.
 * `spelled` when the acronym's letters occur in order in the words before it, mostly as word initials;
 * "Adobe Acrobat DC" or "IBM WebSphere MQ" end in capitals that abbreviate nothing before them.
 */
export function splitTrailingAcronym(name) {
  const words = name.split(' ');
  const acronym = words.at(-1);
  if (words.length < 2 || !/^[A-Z][A-Z0-9]+$/.test(acronym)) return null;
  const expansion = words.slice(0, -1).join(' ');
  const letters = acronym.toLowerCase().replace(/[0-9]/g, '');
  const text = expansion.toLowerCase();
  let pos = 0;
  let initials = 0;
  for (const ch of letters) {
    const at = text.indexOf(ch, pos);
    if (at < 0) return { expansion, acronym, spelled: false };
    if (at === 0 || /[\s-]/.test(text[at - 1])) initials += 1;
    pos = at + 1;
  }
  return { expansion, acronym, spelled: initials * 2 >= letters.length && letters.length >= 2 };
}

function stripVendor(name, vendors) {
  for (const v of vendors) if (name.startsWith(`${v} `)) return name.slice(v.length + 1);
  return null;
}

/**
 * A generic category ("Web browser software", "Inventory management systems") rather than a product: a plain
 * lower-case phrase. One-word cores ("Tax software" vs "Bioconductor software") can't be told apart without a
 * dictionary, so those are dropped by name in the curated file.
 */
export function isVague(example) {
  const core = example.replace(/ (software|systems?|sites|tools)$/, '');
  return core !== example && /^[A-Z][a-z]+( [a-z][a-z/-]*)+$/.test(core);
}

// ---------------------------------------------------------------------------------------------------------------
// Candidates: { name, domain, aliases: string[], source, explicit } (explicit: the name was chosen by hand)

function onetCandidates(curated) {
  const rows = readTsv('onet/Technology Skills.txt');
  const { include = [], drop = [], canonical = {}, vendors = [] } = curated.onet;
  const byExample = new Map();
  for (const r of rows) {
    const entry = byExample.get(r.Example) ?? { hot: false, commodities: new Set() };
    entry.hot ||= r['Hot Technology'] === 'Y' || r['In Demand'] === 'Y';
    entry.commodities.add(r['Commodity Title']);
    byExample.set(r.Example, entry);
  }
  const unknown = [...include, ...drop, ...Object.keys(canonical)].filter((n) => !byExample.has(n));
  if (unknown.length) fail(unknown.map((n) => `O*NET name in ${curatedPath} not found: ${n}`));

  const wanted = [...byExample.keys()].filter(
    (n) => (byExample.get(n).hot || include.includes(n)) && !drop.includes(n),
  );
  const out = [];
  for (const example of wanted.sort()) {
    if (isVague(example) && !(example in canonical)) continue;
    const derived = deriveOnetName(example, vendors);
    const name = canonical[example] ?? derived.name;
    const dev = [...byExample.get(example).commodities].some((c) => DEV_COMMODITIES.has(c));
    const explicit = example in canonical;
    out.push({ name, domain: dev ? 'dev' : 'software', aliases: derived.aliases, source: 'onet', explicit });
  }
  return out;
}

/** Clean name and aliases for one O*NET example, before curated overrides. */
export function deriveOnetName(example, vendors) {
  const cleaned = tidy(example.replace(/ software$/, ''));
  const aliases = new Set([cleaned]);
  let name = cleaned;
  const acr = splitTrailingAcronym(cleaned);
  // Only split when the acronym spells the words before it: "IBM WebSphere MQ" or "NetSuite ERP" are products.
  if (acr?.spelled) {
    aliases.delete(cleaned); // nobody writes "Structured query language SQL"
    aliases.add(acr.expansion);
    aliases.add(acr.acronym);
    name = acr.acronym;
  }
  for (const a of [...aliases]) {
    const bare = stripVendor(a, vendors);
    if (bare && bare.length > 1) aliases.add(bare);
    if (a.startsWith('Microsoft ')) aliases.add(`MS ${a.slice('Microsoft '.length)}`);
  }
  return { name, aliases: [...aliases] };
}

function escoLanguageCandidates(curated) {
  const { languagesDrop = [], languageAliasDrop = [] } = curated.esco;
  const rows = readCsv('esco/languageSkillsCollection_en.csv');
  const out = [];
  for (const r of rows) {
    // The language itself (not "write X" / "understand spoken X") sits under "(classical) languages".
    if (!/\blanguages\b/.test(r.broaderConceptPT) || !/^[A-Z]/.test(r.preferredLabel)) continue;
    if (languagesDrop.includes(r.preferredLabel)) continue;
    const aliases = r.altLabels
      .split(/\s*\|\s*|\n/)
      .map(tidy)
      .filter((a) => /^[A-Z][\p{L} ]*$/u.test(a) && a.split(' ').length <= 3 && !languageAliasDrop.includes(a));
    out.push({ name: tidy(r.preferredLabel), domain: 'language', aliases, source: 'esco' });
  }
  return out;
}

function escoDigitalCandidates(curated) {
  const { digitalDrop = [], canonical = {} } = curated.esco;
  const rows = readCsv('esco/digitalSkillsCollection_en.csv');
  const labels = new Set(rows.map((r) => r.preferredLabel));
  const unknown = [...digitalDrop, ...Object.keys(canonical)].filter((l) => !labels.has(l));
  if (unknown.length) fail(unknown.map((l) => `ESCO digital label in ${curatedPath} not found: ${l}`));
  const out = [];
  for (const r of rows) {
    const label = r.preferredLabel;
    // Proper nouns (products, languages) make canonical names; generic lower-case concepts and "ICT ..." don't.
    if (r.skillType !== 'knowledge' || !/^[A-Z]/.test(label) || /^ICT /.test(label)) continue;
    if (digitalDrop.includes(label)) continue;
    const name = canonical[label] ?? tidy(label.replace(/\s*\([^)]*\)$/, ''));
    out.push({ name, domain: 'dev', aliases: [], source: 'esco', explicit: label in canonical });
  }
  return out;
}

/** ESCO concepts the curated file links to a curated skill: they only add provenance. */
function escoLinks(curated) {
  const links = curated.esco.concepts ?? {};
  const labels = new Set(readCsv('esco/skills_en.csv').map((r) => tidy(r.preferredLabel)));
  const unknown = Object.keys(links).filter((l) => !labels.has(l));
  if (unknown.length) fail(unknown.map((l) => `ESCO concept in ${curatedPath} not found: ${l}`));
  return links;
}

function curatedCandidates(curated) {
  const out = [];
  for (const [group, skills] of Object.entries(curated.skills)) {
    const domain = group.split('/')[0];
    if (!DOMAINS.has(domain)) fail([`unknown domain in group ${group}`]);
    for (const [name, ...aliases] of skills) out.push({ name, domain, aliases, source: 'curated', explicit: true });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Merging: curated first, so hand-written names and aliases win over derived ones.

function merge(candidates, flags) {
  const skills = new Map(); // canonical name -> skill
  const owner = new Map(); // alias key -> canonical name
  const errors = [];
  const warnings = [];
  for (const c of candidates) {
    if (flags.blocked.has(c.name)) errors.push(`canonical name "${c.name}" is in flags.blocked`);
    // Blocked surfaces must not even claim ownership, or they would pull unrelated entries together.
    const surfaces = [c.name, ...c.aliases.filter((a) => !flags.blocked.has(a))];
    // A derived name may be a variant of a known skill ("Eclipse" for "Eclipse IDE"), so any of its surfaces can
    // find it; a hand-chosen name is meant as is, so only the name itself can.
    const found = c.explicit ? owner.get(keyOf(c.name)) : surfaces.map((s) => owner.get(keyOf(s))).find(Boolean);
    const target = found ?? c.name;
    let skill = skills.get(target);
    if (!skill) {
      skill = { name: target, domain: c.domain, surfaces: new Set(), sources: new Set() };
      skills.set(target, skill);
    }
    skill.sources.add(c.source);
    for (const s of surfaces) {
      const k = keyOf(s);
      const current = owner.get(k);
      if (current && current !== target) {
        const msg = `alias "${s}" of ${target} already belongs to ${current}`;
        (c.source === 'curated' && skills.get(current).sources.has('curated') ? errors : warnings).push(msg);
        continue;
      }
      owner.set(k, target);
      skill.surfaces.add(s);
    }
  }
  if (errors.length) fail(errors);
  if (!process.argv.includes('--check')) for (const w of warnings) console.log(`note: ${w} (dropped)`);
  return skills;
}

// ---------------------------------------------------------------------------------------------------------------
// Flags: how the matcher treats each surface form.

/**
 * Puts every surface in one list:
 *  any        - case-insensitive
 *  exact      - case-sensitive ("SAS" but not "sas")
 *  atStart    - case-sensitive, and at the start of a sentence it must not read as an ordinary word ("Excel in")
 *  contextual - case-sensitive, and only counted next to related skills or cue words ("C", "Go", "Word", "French")
 */
export function classify(skill, flags) {
  const lists = { any: [], exact: [], atStart: [], contextual: [] };
  const anyKeys = new Set();
  const sorted = [...skill.surfaces].filter((s) => !flags.blocked.has(s)).sort(compare);
  const modeOf = (s) => {
    if (skill.domain === 'language') return s.includes(' ') ? 'exact' : 'contextual';
    if (flags.contextual.has(s)) return 'contextual';
    if (flags.atStart.has(s)) return 'atStart';
    if (flags.exact.has(s) || s.length <= 2) return 'exact';
    return 'any';
  };
  for (const s of sorted) if (modeOf(s) === 'any' && !anyKeys.has(keyOf(s))) anyKeys.add(keyOf(s)) && lists.any.push(s);
  for (const s of sorted) {
    const mode = modeOf(s);
    // A case-insensitive form already covers every casing of the same surface.
    if (mode !== 'any' && !anyKeys.has(keyOf(s))) lists[mode].push(s);
  }
  if (lists.contextual.length && !CONTEXT_DOMAINS.has(skill.domain)) {
    fail([`${skill.name}: contextual aliases need a dev, software or language domain`]);
  }
  return lists;
}

/** A flag for a surface no skill has is stale curation: fail so the curated file stays accurate. */
function checkFlagsUsed(flags, skills) {
  const surfaces = new Set([...skills.values()].flatMap((s) => [...s.surfaces]));
  const stale = ['exact', 'atStart', 'contextual']
    .flatMap((list) => flags[list].map((s) => [list, s]))
    .filter(([, s]) => !surfaces.has(s));
  if (stale.length) fail(stale.map(([list, s]) => `flags.${list} entry "${s}" matches no alias`));
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function loadFlags(curated) {
  const f = curated.flags;
  return {
    blocked: new Set(f.blocked),
    exact: new Set(f.exact),
    atStart: new Set(f.atStart),
    contextual: new Set(f.contextual),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Output

function toRecord(skill, flags) {
  const lists = classify(skill, flags);
  const record = { name: skill.name, domain: skill.domain };
  for (const key of ['any', 'atStart', 'contextual', 'exact']) if (lists[key].length) record[key] = lists[key];
  record.sources = [...skill.sources].sort();
  return record;
}

function serialize(records) {
  const header = {
    description:
      'Skill lexicon for shared/parser/skills.ts. Generated by scripts/build-skills-lexicon.mjs from O*NET 29.2, ' +
      'ESCO v1.1.1 and shared/parser/data/skills-curated.json: do not edit by hand. Attribution: NOTICE.md.',
    attribution: [
      'This service uses the ESCO classification of the European Commission. The data have been modified.',
      'Includes information from the O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training ' +
        'Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. ' +
        'The jd-parser authors have modified all or some of this information. USDOL/ETA has not approved, ' +
        'endorsed, or tested these modifications.',
    ],
    count: records.length,
  };
  // One skill per line: small diffs, still compact.
  const lines = records.map((r) => JSON.stringify(sortKeys(r)));
  const head = JSON.stringify(sortKeys(header)).slice(0, -1);
  return `${head},"skills":[\n${lines.join(',\n')}\n]}\n`;
}

function sortKeys(obj) {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => compare(a, b)));
}

export function build() {
  const curated = JSON.parse(readFileSync(join(root, curatedPath), 'utf8'));
  const flags = loadFlags(curated);
  const links = escoLinks(curated);
  const candidates = [
    ...curatedCandidates(curated),
    ...onetCandidates(curated),
    ...escoLanguageCandidates(curated),
    ...escoDigitalCandidates(curated),
  ];
  const skills = merge(candidates, flags);
  const missing = Object.values(links).filter((name) => !skills.has(name));
  if (missing.length) fail(missing.map((n) => `ESCO concept links to unknown skill ${n}`));
  for (const name of Object.values(links)) skills.get(name).sources.add('esco');
  for (const [name, domain] of Object.entries(curated.domains ?? {})) {
    if (!skills.has(name)) fail([`domain override for unknown skill ${name}`]);
    skills.get(name).domain = domain;
  }
  checkFlagsUsed(curated.flags, skills);
  const records = [...skills.values()].sort((a, b) => compare(a.name, b.name)).map((s) => toRecord(s, flags));
  return serialize(records);
}

function main() {
  const json = build();
  const target = join(root, outPath);
  const current = (() => {
    try {
      return readFileSync(target, 'utf8');
    } catch {
      return '';
    }
  })();
  if (process.argv.includes('--check')) {
    if (current !== json) {
      console.error(`${outPath} is stale: run node_modules/.bin/node scripts/build-skills-lexicon.mjs`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(target, json);
  const count = JSON.parse(json).count;
  console.log(`wrote ${outPath}: ${count} skills, ${Buffer.byteLength(json)} bytes`);
}

// Run only as a script, so the helpers above can be imported without writing anything.
if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) main();
