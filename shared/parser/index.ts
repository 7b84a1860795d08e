import type { Benefit, DocumentSkill, ParseResult, Requirement, Responsibility, Warning } from '../contracts/validate';
import { AppError } from '../errors/app-error';
import { classifyUnits, type Label } from './classify';
import { extractMetadata } from './metadata';
import { normalize } from './normalize';
import { categorize, extractYears, optionalMarker } from './requirement-attributes';
import { segment, type Unit } from './segment';
import { skillNames } from './skills';
import { CONTENT_TYPES, type ContentType, type ParseInput } from './types';

export { normalize } from './normalize';
export { CONTENT_TYPES, type ContentType, type ParseInput } from './types';

/**
 * Bumped whenever the output for some input can change: the re-parse job compares it with the
 * version stored beside each parse. Semver: major for a contract change, minor for new fields or
 * better extraction, patch for fixes.
 */
export const PARSER_VERSION = '0.2.0';

/** Larger inputs are refused with INPUT_TOO_LARGE rather than parsed (UTF-16 code units). */
export const MAX_INPUT_CHARS = 10 * 1024 * 1024;
/** A unit this long is an unsplittable blob (a lost-structure dump), not a list item or a sentence. */
const MAX_ITEM_CHARS = 2000;
const MAX_SUMMARY_CHARS = 1000;

export interface ParseOptions {
  maxInputChars?: number;
}

export function parseJobDescription(input: ParseInput, options: ParseOptions = {}): ParseResult {
  if (typeof input?.text !== 'string') {
    throw new AppError('INVALID_INPUT', 'input.text must be a string');
  }
  if (!CONTENT_TYPES.includes(input.contentType)) {
    throw new AppError('UNSUPPORTED_CONTENT_TYPE', `unsupported content type: ${String(input.contentType)}`, {
      contentType: input.contentType,
      supported: CONTENT_TYPES,
    });
  }
  const limit = options.maxInputChars ?? MAX_INPUT_CHARS;
  if (input.text.length > limit) {
    throw new AppError('INPUT_TOO_LARGE', `input has ${input.text.length} characters, the limit is ${limit}`, {
      length: input.text.length,
      limit,
    });
  }
  return parseNormalized(input.text, input.contentType);
}

function parseNormalized(raw: string, contentType: ContentType): ParseResult {
  const { text, repairs } = normalize(raw, contentType);
  const warnings: Warning[] = [];
  const units = segment(text);
  // A unit is a slice of the document: of a two-byte string whenever the document has one
  // character past Latin-1 (a bullet, a curly quote), as most do. The classifiers' regexes and
  // character loops run ~5-9% faster over the whole parse on one-byte copies of the many units
  // that have no such character. (Measured: doing the same for the lines metadata reads made the
  // parse slower, so it is not done there.)
  for (const unit of units) unit.text = oneByte(unit.text);
  const labelled = classifyUnits(units);

  const responsibilities: Responsibility[] = [];
  const requirements: Requirement[] = [];
  const benefits: Benefit[] = [];
  const summary: string[] = [];
  const seen = new SeenItems();
  let skipped = 0;

  for (const { unit, label, section, preferred } of labelled) {
    if (label === 'neither') continue;
    if (unit.end - unit.start > MAX_ITEM_CHARS) {
      skipped += 1;
      continue;
    }
    const itemText = MAY_NEED_SPACES_COLLAPSED.test(unit.text) ? unit.text.replace(/\s+/g, ' ') : unit.text;
    if (label === 'summary') {
      if (summary.join(' ').length < MAX_SUMMARY_CHARS) summary.push(itemText);
      continue;
    }
    // A block pasted twice is listed once, where it first appears.
    if (!seen.add(label, itemText)) continue;
    const evidence = { start: unit.start, end: unit.end, line: unit.line };
    if (label === 'benefit') benefits.push({ text: itemText, section, evidence });
    else if (label === 'responsibility') {
      responsibilities.push({ text: itemText, section, skills: skillNames(itemText), evidence });
    } else requirements.push(requirementOf(itemText, section, preferred, evidence));
  }

  const metadata = extractMetadata({ text, lines: text.split('\n') });
  if (!/[\p{L}\p{N}]/u.test(text)) {
    warnings.push({ code: 'EMPTY_DOCUMENT', message: 'the document has no text to parse' });
  } else {
    if (!units.some((u) => u.kind === 'heading')) {
      warnings.push({ code: 'NO_SECTIONS', message: 'no section headings found; items were classified one by one' });
    }
    if (responsibilities.length === 0)
      warnings.push({ code: 'NO_RESPONSIBILITIES', message: 'no responsibilities found' });
    if (requirements.length === 0) warnings.push({ code: 'NO_REQUIREMENTS', message: 'no requirements found' });
  }
  if (repairs.has('binary')) {
    warnings.push({ code: 'BINARY_CONTENT', message: 'the input looks like binary data decoded as text' });
  }
  const repaired = [...repairs].filter((r) => r !== 'binary');
  if (repaired.length > 0) {
    warnings.push({ code: 'TEXT_REPAIRED', message: `repaired before parsing: ${repaired.sort().join(', ')}` });
  }
  if (skipped > 0) {
    warnings.push({
      code: 'OVERLONG_TEXT_SKIPPED',
      message: `${skipped} passage(s) longer than ${MAX_ITEM_CHARS} characters with no sentence or list structure were skipped`,
    });
  }

  return {
    parserVersion: PARSER_VERSION,
    ...metadata,
    summary: summary.length > 0 ? summary.join(' ') : null,
    responsibilities,
    requirements,
    benefits,
    skills: documentSkills(requirements, responsibilities),
    warnings,
  };
}

/** Whitespace that `\s+` to a space would change: one but the space, or a space and another. */
const MAY_NEED_SPACES_COLLAPSED = /[^\S ]| \s/;
/** A code unit past ASCII: a string has one exactly when it has a code point past ASCII. */
const NON_ASCII = /[\u0080-\uffff]/;

const BEYOND_LATIN1 = /[\u0100-\uffff]/;
/** The same text, as a flat one-byte string where every character fits (V8's representation). */
function oneByte(s: string): string {
  return BEYOND_LATIN1.test(s) ? s : Buffer.from(s, 'latin1').toString('latin1');
}

/** The words of an item, lower-cased: what makes two items the same. */
function dedupeKey(text: string): string {
  const lower = text.toLowerCase();
  if (NON_ASCII.test(lower)) return lower.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  // In ASCII text \p{L} and \p{N} are letters and digits: the runs of them, joined by a space, are
  // what the replace and trim give, without a replacement at every space.
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i += 1) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      words.push(lower.slice(start, i));
      start = -1;
    }
  }
  return words.join(' ');
}

/**
 * The items kept so far, as a set of (label, dedupeKey) pairs. Items are looked up by a hash of
 * their key, computed in one pass over the item without building the key; keys themselves are
 * only built where two items share a hash, and then kept in a set (whose hashing, unlike this
 * one, is seeded: crafted collisions cost one key each, never a comparison with every item).
 */
class SeenItems {
  /** The first item with each hash; null once a second came, both keys being then in `keys`. */
  private readonly byHash = new Map<number, readonly [Label, string] | null>();
  private readonly keys = new Set<string>();

  /** Adds the item; false when an item with the same label and key is already there. */
  add(label: Label, text: string): boolean {
    const hash = keyHash(text);
    const first = this.byHash.get(hash);
    if (first === undefined) {
      this.byHash.set(hash, [label, text]);
      return true;
    }
    if (first !== null) {
      this.keys.add(`${first[0]}:${dedupeKey(first[1])}`);
      this.byHash.set(hash, null);
    }
    const key = `${label}:${dedupeKey(text)}`;
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }
}

/** FNV-1a over the code units of `dedupeKey(text)`, computed without building the key. */
function keyHash(text: string): number {
  // In ASCII text, lower-casing is the `| 32` below: no copy of the text.
  const lower = NON_ASCII.test(text) ? text.toLowerCase() : text;
  // `| 0`: an int32 from the start, not a double that every step converts.
  let hash = 0x811c9dc5 | 0;
  let started = false;
  let space = false;
  for (let i = 0; i < lower.length; i += 1) {
    let c = lower.charCodeAt(i);
    let pair = false;
    let word: boolean;
    if (c < 128) {
      if (c >= 65 && c <= 90) c |= 32;
      word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    } else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(lower.charCodeAt(i + 1))) {
      pair = true;
      word = LETTER_OR_NUMBER.test(lower.slice(i, i + 2));
    } else word = isLetterOrNumber(c);
    if (!word) {
      space = started;
      continue;
    }
    if (space) hash = Math.imul(hash ^ 32, 0x01000193);
    hash = Math.imul(hash ^ c, 0x01000193);
    if (pair) {
      i += 1;
      hash = Math.imul(hash ^ lower.charCodeAt(i), 0x01000193);
    }
    started = true;
    space = false;
  }
  return hash;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
/**
 * Per UTF-16 code unit past ASCII: 0 not yet known, 1 a letter or number (`[\p{L}\p{N}]`), 2
 * neither. A table of characters, filled in as they are met rather than all 65,536 at load.
 */
const LETTER_OR_NUMBER_UNITS = new Uint8Array(0x10000);

function isLetterOrNumber(c: number): boolean {
  let known = LETTER_OR_NUMBER_UNITS[c] as number;
  if (known === 0) {
    known = LETTER_OR_NUMBER.test(String.fromCharCode(c)) ? 1 : 2;
    LETTER_OR_NUMBER_UNITS[c] = known;
  }
  return known === 1;
}

function requirementOf(text: string, section: string | null, preferred: boolean, evidence: Requirement['evidence']) {
  const marker = optionalMarker(text);
  const required = marker === 'required' ? true : marker === 'optional' ? false : !preferred;
  const { yearsMin, yearsMax } = extractYears(text);
  const skills = skillNames(text);
  const category = categorize(text);
  return {
    text,
    section,
    required,
    // No cue says what kind of requirement it is, but it names skills ("Kubernetes", "Python, SQL,
    // Tableau", "Data visualization with Matplotlib"): a skill requirement.
    category: category === 'other' && skills.length > 0 ? 'skill' : category,
    yearsMin,
    yearsMax,
    skills,
    evidence,
  } satisfies Requirement;
}

function documentSkills(requirements: Requirement[], responsibilities: Responsibility[]): DocumentSkill[] {
  const skills = new Map<string, boolean>();
  for (const r of requirements)
    for (const name of r.skills) skills.set(name, (skills.get(name) ?? false) || r.required);
  for (const r of responsibilities) for (const name of r.skills) if (!skills.has(name)) skills.set(name, false);
  return [...skills].map(([name, required]) => ({ name, required }));
}

export type { Label, Unit };
