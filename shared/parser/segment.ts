/**
 * Normalized text to units: headings, bullet items and sentences, each with its span.
 * Real postings lose their structure in every possible way (no line breaks, glued sentences,
 * inline bullets, ALL-CAPS headings mid-paragraph), so segmentation looks for the seams a
 * reader would see. Every pattern here is linear: no nested quantifiers over overlapping classes.
 */
import { DUTY_VERB_SET, DUTY_VERBS_CAPITALISED as DUTY_VERBS, dutyStrength, requirementStrength } from './cues';
import { headingKind, isHeadingWord, isMostlyHeadingWords, leadInKind, type SectionKind } from './sections';

export type UnitKind = 'heading' | 'bullet' | 'line' | 'sentence';

export interface Unit {
  kind: UnitKind;
  text: string;
  start: number;
  end: number;
  /** 1-based line of the normalized text. */
  line: number;
  /** Consecutive non-blank lines share a block; a blank line or a heading starts a new one. */
  block: number;
  /** A sentence of a paragraph that holds several: prose, not a list item. */
  prose?: boolean;
  /** For headings: what the heading announces. */
  headingKind?: SectionKind;
}

interface Piece {
  start: number;
  end: number;
  bullet: boolean;
  heading?: boolean;
}

const BULLET_PREFIX =
  /^(?:[•·●▪◦‣○■□➢➤►▶✓✔✗❖◆◇♦→⇒⁃∙*+>~-]{1,3}|[–—]{1,2}|\(?\d{1,2}[.)](?=\s)|\(?\d{1,2}\)|\(?[a-zA-Z]\)|o(?=\s)|#{1,6}(?=\s))\s*/u;
const MARKDOWN_HEADING = /^#{1,6}\s+/;
/** A glyph that only ever marks a list item, wherever it stands in a line. */
const INLINE_BULLET = /\s*[•●▪◦‣■□➢➤►▶✓✔❖◆◇♦]\s*/gu;
/** The glyph alone (all in the BMP: no `u` needed): a line without one is not searched with INLINE_BULLET, which may start at any space. */
const HAS_INLINE_BULLET = /[•●▪◦‣■□➢➤►▶✓✔❖◆◇♦]/;
const MAX_HEADING_CHARS = 70;
const HAS_DIGIT = /\d/;
// Each pattern that opens with a lookbehind starts with a lookahead for its first character: V8
// would otherwise run the lookbehind at every position of the line.
const GLUED_STAR = /(?=\*)(?<=[\p{L}.)])\*(?=\p{Lu}\p{Ll})/gu;
const GLUED_HYPHEN = /(?=-)(?<=\p{Ll}{3}[.)]?\s?|\p{Lu}{2}|[.;:!?)]\s?)-{1,2}(?=\p{Lu}\p{Ll})/gu;
/**
 * Separators that split a line into items only when they recur, each behind a literal test that
 * every match needs (cheaper than searching a line without one).
 */
const SPACED_SEPARATORS: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/ [-–] /, / [-–] (?=[\p{Lu}"“])/gu],
  [/ \? /, / \? (?=[\p{Lu}"“])/gu],
  [/\+ /, /(?=\s?\+ )(?<=[\p{L}\p{N}.)])\s?\+ (?=[\p{Lu}\d])/gu],
  [/-\s/, /(?=-\s)(?<=[\p{L}.)])-\s(?=\p{Lu})/gu],
];
// Scanned for the punctuation first, then the character before it is checked: much faster than a
// pattern that must try every position.
const GLUED_SENTENCE_END = /[.!?](?=["“]?\p{Lu}\p{Ll})/gu;
const GLUED_BEFORE_END = /[\p{L}\d)\]"'’”%]/u;
const GLUED_BRACKET = /\)(?=\p{Lu}\p{Ll})/gu;
const GLUED_COLON = /\p{Ll}:(?=\p{Lu}\p{Ll})/gu;
const GLUED_NUMBER = /([\p{Ll})][.:]?)\d{1,2}[.)](?=\s?\p{Lu})/gu;
const GLUED_YEARS = /\p{Ll}{3}\d{1,2}(?=\s?(?:[-–+]|to)?\s?\d{0,2}\+?\s(?:years?|yrs?)\b)/gu;
const IS_LETTER = /\p{L}/u;
const SENTENCE_END = /[.!?]["'’”)]?\s+(?=["“'‘(]?[\p{Lu}\d])/gu;
const MIN_SPACED_ITEM_CHARS = 20;
const MAX_GLUED_WORD_CHARS = 60;
const MIN_LOST_LIST_CHARS = 100;
const NOT_BEFORE_ITEM = new Set(
  'the a an our your their his her its this that these those of for with to in on at by from and or as into via per'.split(
    ' ',
  ),
);
/** Lead-ins that end with a colon ("The person selected will have:") introduce a list; they are not items. */
const MAX_LEAD_IN_WORDS = 30;
const MID_RUN_LABEL = /(?=\p{Lu})(?<=^|\s)((?:\p{Lu}[\p{L}'’&/-]*\s){0,5}\p{Lu}[\p{L}'’&/-]+)\s?:\s/gu;
const ITEM_OPENER_WORDS = 'Experience|Ability|Knowledge|Bachelor|Proven|Must|Familiarity|Proficiency|Understanding';
/** Tried only where `lostItemStarts` finds one of ITEM_OPENERS after a space (sticky). */
const LOST_ITEM_START = new RegExp(
  `\\p{Ll}{2}[,)]? (?=(?:${DUTY_VERBS})(?:s|es)?\\b|(?:${ITEM_OPENER_WORDS})\\b)`,
  'uy',
);
/** The words LOST_ITEM_START's lookahead accepts, whole (its `\\b` ends them at the end of an ASCII word). */
const ITEM_OPENERS: ReadonlySet<string> = new Set([
  ...DUTY_VERBS.split('|').flatMap((v) => [v, `${v}s`, `${v}es`]),
  ...ITEM_OPENER_WORDS.split('|'),
]);
const MAX_HEADING_WORDS = 8;
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'eg',
  'ie',
  'etc',
  'vs',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'no',
  'nr',
  'inc',
  'ltd',
  'co',
  'corp',
  'jr',
  'sr',
  'approx',
  'incl',
  'dept',
  'est',
  'min',
  'max',
  'ph.d',
  'u.s',
  'u.k',
  'ca',
  'cf',
  'al',
  'fig',
  'mt',
  'ft',
  'sq',
  'm.s',
  'b.s',
  'b.a',
  'm.a',
  'b.sc',
  'm.sc',
]);
const SENTENCE_STARTERS = new Set(
  'We You Your Our The This These They Job Position Responsibilities Requirements Qualifications Skills Benefits Experience Education About Company Key Duties Summary Description Must Ability Knowledge Additional Preferred Required What Who Why How Salary Location'.split(
    ' ',
  ),
);
/** Brand and product names written in camel case: not two words glued together. */
const CAMEL_WORDS = new Set(
  [
    'JavaScript',
    'TypeScript',
    'CoffeeScript',
    'PowerPoint',
    'PowerShell',
    'PowerBI',
    'SharePoint',
    'WordPress',
    'QuickBooks',
    'NetSuite',
    'PeopleSoft',
    'SuccessFactors',
    'GitHub',
    'GitLab',
    'BitBucket',
    'DevOps',
    'DevSecOps',
    'MLOps',
    'FinOps',
    'YouTube',
    'WhatsApp',
    'LinkedIn',
    'FaceBook',
    'FedEx',
    'HubSpot',
    'SalesForce',
    'SolidWorks',
    'MicroStrategy',
    'BigQuery',
    'DataBricks',
    'MacBook',
    'PlayStation',
    'OneDrive',
    'OneNote',
    'DynamoDB',
    'CloudFormation',
    'CloudWatch',
    'ElasticSearch',
    'OpenShift',
    'OpenStack',
    'TensorFlow',
    'PyTorch',
    'SciPy',
    'NumPy',
    'PySpark',
    'LangChain',
    'ServiceNow',
    'SnapChat',
    'TikTok',
    'PagerDuty',
    'DataDog',
    'NextJs',
    'WebSphere',
    'WebLogic',
    'JetBrains',
    'IntelliJ',
    'ReSharper',
    'FileMaker',
    'AutoDesk',
    'SketchUp',
    'InDesign',
    'AfterEffects',
    'HealthStream',
    'McDonald',
    'McKinsey',
    'DoorDash',
    'AirBnb',
    'PayPal',
    'MasterCard',
    'JetBlue',
    'SoundCloud',
    'DreamWeaver',
    'ActiveDirectory',
    'SysAdmin',
    'WebEx',
    'GoToMeeting',
    'ZoomInfo',
    'BambooHR',
    'SmartSheet',
    'ClickUp',
    'MongoDb',
    'PostgreSql',
    'MySql',
    'NoSql',
    'GraphQl',
    'SaaS',
    'PaaS',
    'IaaS',
  ].map((w) => w.toLowerCase()),
);

export function segment(text: string): Unit[] {
  const units: Unit[] = [];
  let block = 0;
  let lineNo = 0;
  let offset = 0;
  let previousBlank = true;
  const lines = text.split('\n');
  const nextNonBlank: (string | undefined)[] = new Array(lines.length);
  let following: string | undefined;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    nextNonBlank[i] = following;
    if ((lines[i] as string).trim() !== '') following = lines[i];
  }
  let previousLine: string | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    lineNo += 1;
    const lineStart = offset;
    offset += line.length + 1;
    if (line.trim() === '') {
      previousBlank = true;
      continue;
    }
    if (previousBlank) block += 1;
    previousBlank = false;
    const pieces = splitLine(text, lineStart, line, previousLine, nextNonBlank[i]);
    previousLine = line;
    const sentencesInLine = pieces.filter((p) => !p.bullet && !p.heading).length;
    for (const piece of pieces) {
      const raw = text.slice(piece.start, piece.end);
      const bullet = BULLET_PREFIX.exec(raw);
      let start = piece.start;
      let isBullet = piece.bullet;
      if (bullet && bullet[0].length > 0 && bullet[0].length < raw.length) {
        start += bullet[0].length;
        isBullet = isBullet || !MARKDOWN_HEADING.test(raw);
      }
      const end = trimEnd(text, start, piece.end);
      start = trimStart(text, start, end);
      if (end <= start || !/[\p{L}\p{N}]/u.test(text.slice(start, end))) continue;
      const unitText = text.slice(start, end);
      if (piece.heading || isLeadIn(unitText) || (!isBullet && pieces.length > 1 && isBareHeading(unitText))) {
        block += 1;
        units.push({
          kind: 'heading',
          text: unitText.replace(/\s*[:：]$/, ''),
          start,
          end,
          line: lineNo,
          block,
          headingKind: piece.heading ? headingKind(unitText) : leadInKind(unitText),
        });
        block += 1;
        continue;
      }
      const prose = !isBullet && sentencesInLine > 1 && /[.!?]["'’”)\]]?$/.test(unitText);
      units.push({ kind: isBullet ? 'bullet' : 'sentence', text: unitText, start, end, line: lineNo, block, prose });
    }
  }
  return units;
}

function trimStart(text: string, start: number, end: number): number {
  let s = start;
  while (s < end && /[\s,;:|>*_~=]/.test(text[s] as string)) s += 1;
  return s;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /[\s,;|*_~=]/.test(text[e - 1] as string)) e -= 1;
  return e;
}

/** One line into pieces: a heading line, or bullets and sentences with their seams. */
function splitLine(
  text: string,
  lineStart: number,
  line: string,
  previous: string | undefined,
  next: string | undefined,
): Piece[] {
  const lineEnd = lineStart + line.length;
  if (MARKDOWN_HEADING.test(line)) {
    const start = lineStart + (MARKDOWN_HEADING.exec(line)?.[0].length ?? 0);
    // "Hours per week - 37.5", "Interview date: 4 December": a bold label with its value, not a heading.
    const isField = /\d/.test(line) && /\s[-–]\s|:\s?\S/.test(line);
    return [{ start, end: lineEnd, bullet: false, heading: !isField }];
  }
  const hasBullet = BULLET_PREFIX.test(line) && !/^\d{1,2}[.)]\d/.test(line);
  if (!hasBullet && isHeadingLine(line, previous, next)) {
    return [{ start: lineStart, end: lineEnd, bullet: false, heading: true }];
  }
  const bulletRuns = splitInlineBullets(text, lineStart, lineEnd, hasBullet);
  const pieces: Piece[] = [];
  for (const run of bulletRuns) {
    for (const seam of splitSeams(text, run.start, run.end, !run.bullet)) {
      for (const piece of splitInlineHeading(text, seam.start, seam.end, run.bullet && seam.start === run.start)) {
        pieces.push(piece);
      }
    }
  }
  return pieces;
}

/** Inline bullets: "• a • b", "-Experience…-Ability…", " - A … - B" and " ? A … ? B" (a lost glyph). */
function splitInlineBullets(text: string, start: number, end: number, firstIsBullet: boolean): Piece[] {
  const line = text.slice(start, end);
  const cuts: number[] = [];
  if (HAS_INLINE_BULLET.test(line)) {
    INLINE_BULLET.lastIndex = 0;
    for (let m = INLINE_BULLET.exec(line); m; m = INLINE_BULLET.exec(line)) {
      if (m.index > 0) cuts.push(m.index);
    }
  }
  // A markdown star glued between items: "English: Fluent*Must be willing to travel".
  if (line.includes('*')) for (const m of line.matchAll(GLUED_STAR)) cuts.push(m.index);
  const hyphen = line.includes('-');
  // A hyphen glued between a lower-case word and a capitalised one: "machinery-All applicants".
  // Only before a word that starts items: "Backend-Dienste" and "Wi-Fi" are words, not glue.
  if (hyphen) {
    for (const m of line.matchAll(GLUED_HYPHEN)) {
      const next = /^-{1,2}(\p{L}+)/u.exec(line.slice(m.index, m.index + 40))?.[1] ?? '';
      if (startsItems(next)) cuts.push(m.index);
    }
  }
  // Spaced separators count only when they recur: one " - " is punctuation, three are a list.
  for (const [needed, pattern] of SPACED_SEPARATORS) {
    if (!needed.test(line)) continue;
    const found = [...line.matchAll(pattern)].map((m) => m.index);
    // "(Fall: Aug – Dec; Spring: Jan - May)" is not a list: real items are longer than a few words.
    const spaced = found.filter((at, i) => at - (found[i - 1] ?? 0) >= MIN_SPACED_ITEM_CHARS);
    if (spaced.length >= 2) for (const at of spaced) cuts.push(at);
  }
  if (cuts.length === 0) return [{ start, end, bullet: firstIsBullet }];
  cuts.sort((a, b) => a - b);
  const pieces: Piece[] = [];
  let from = 0;
  for (const cut of cuts) {
    if (cut <= from) continue;
    pieces.push({ start: start + from, end: start + cut, bullet: from === 0 ? firstIsBullet : true });
    from = cut;
  }
  pieces.push({ start: start + from, end, bullet: from === 0 ? firstIsBullet : true });
  // The separator itself stays at the head of each piece, where the bullet prefix strips it.
  return pieces.map((p) => ({ ...p, start: skipSeparator(text, p.start, p.end) }));
}

function skipSeparator(text: string, start: number, end: number): number {
  let s = start;
  while (s < end && /[\s•●▪◦‣■□➢➤►▶✓✔❖◆◇♦?–-]/u.test(text[s] as string)) s += 1;
  return s === end ? start : s;
}

/**
 * Seams inside a run: glued sentences ("standards.Write"), camel-case glue ("requiredFinancial"),
 * numbers glued to words ("Accounting3-5 years", "quickly.2."), and in prose, sentence ends.
 */
function splitSeams(text: string, start: number, end: number, prose: boolean): Piece[] {
  const cuts: number[] = [];
  const run = text.slice(start, end);
  // Sentence end glued to the next sentence: ".Write", ").Understanding", "!The", "?We".
  for (const m of run.matchAll(GLUED_SENTENCE_END)) {
    if (m.index > 0 && GLUED_BEFORE_END.test(run[m.index - 1] as string) && !isAbbreviation(run, m.index)) {
      cuts.push(m.index + 1);
    }
  }
  // "(pivot tables, macros, etc.)Experience with…" — a bracket glued to the next item.
  if (run.includes(')')) for (const m of run.matchAll(GLUED_BRACKET)) cuts.push(m.index + 1);
  const colon = run.includes(':');
  // "benefits:Short-term" — a colon glued to a capitalised word.
  if (colon) for (const m of run.matchAll(GLUED_COLON)) cuts.push(m.index + 2);
  if (HAS_DIGIT.test(run)) {
    // Numbered items glued on: "quickly.2.Ensure", "skills1. Degree".
    for (const m of run.matchAll(GLUED_NUMBER)) cuts.push(m.index + (m[1] as string).length);
    // "Accounting3-5 years".
    // Its lookahead needs "year" or "yr" in the run.
    if (run.includes('yr') || run.includes('year')) for (const m of run.matchAll(GLUED_YEARS)) cuts.push(m.index + 3);
  }
  // Words glued: "requiredFinancial", "SummaryWe".
  let wordEnd = -1;
  for (const at of camelCandidates(run)) {
    if (at < wordEnd) continue;
    let from = at;
    while (from > 0 && IS_LETTER.test(run[from - 1] as string)) from -= 1;
    wordEnd = at + 1;
    while (wordEnd < run.length && IS_LETTER.test(run[wordEnd] as string)) wordEnd += 1;
    for (const at of camelSeams(run.slice(from, wordEnd))) cuts.push(from + at);
  }
  // A label standing mid-run: "… K-12 children Special Education Teacher Responsibilities: Create …".
  if (colon) {
    for (const m of run.matchAll(MID_RUN_LABEL)) {
      if (m.index > 0 && headingKind(m[1] as string) !== 'unknown') cuts.push(m.index);
    }
  }
  if (prose) {
    for (const m of run.matchAll(SENTENCE_END)) {
      if (m[0][0] === '.' && isAbbreviation(run, m.index)) continue;
      cuts.push(m.index + m[0].length);
    }
    // "; " between clauses stays one item; a lone " | " separates header fields.
    if (run.includes('|')) for (const m of run.matchAll(/\s\|\s/g)) cuts.push(m.index + 1);
  }
  if (run.length >= MIN_LOST_LIST_CHARS) for (const at of lostItemSeams(run, cuts)) cuts.push(at);
  if (cuts.length === 0) return [{ start, end, bullet: false }];
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  let from = 0;
  for (const cut of sorted) {
    if (cut <= from || cut >= run.length) continue;
    pieces.push({ start: start + from, end: start + cut, bullet: false });
    from = cut;
  }
  pieces.push({ start: start + from, end, bullet: false });
  return pieces;
}

const LOWER = /^\p{Ll}$/u;
const UPPER = /^\p{Lu}$/u;
/** Whether code points outside ASCII are lower- / upper-case letters, as they are met. */
const lowerCache = new Map<number, boolean>();
const upperCache = new Map<number, boolean>();

function isLower(cp: number): boolean {
  if (cp < 128) return cp >= 97 && cp <= 122;
  let known = lowerCache.get(cp);
  if (known === undefined) {
    known = LOWER.test(String.fromCodePoint(cp));
    lowerCache.set(cp, known);
  }
  return known;
}

function isUpper(cp: number): boolean {
  if (cp < 128) return cp >= 65 && cp <= 90;
  let known = upperCache.get(cp);
  if (known === undefined) {
    known = UPPER.test(String.fromCodePoint(cp));
    upperCache.set(cp, known);
  }
  return known;
}

/**
 * A capital right after a lower-case letter, where two words may have been glued: the matches of
 * /\p{Ll}(?=\p{Lu})/gu, in order. A loop over code points (as that regex steps) is several times
 * faster than the regex.
 */
export function camelCandidates(run: string): number[] {
  const found: number[] = [];
  let cp = run.codePointAt(0) ?? 0;
  for (let i = 0; i < run.length; ) {
    const width = cp > 0xffff ? 2 : 1;
    if (i + width >= run.length) break;
    const next = run.codePointAt(i + width) as number;
    if (isLower(cp) && isUpper(next)) found.push(i);
    i += width;
    cp = next;
  }
  return found;
}

function isAsciiWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * The matches `stretch.matchAll` would give for LOST_ITEM_START (global), found by trying it only
 * where one can be: its lookahead needs, right after the space, an ASCII word that is one of
 * ITEM_OPENERS, and its match starts two to five code units before that space (two lower-case
 * letters, each one or two units, and an optional comma or bracket). No match can start before
 * the space that precedes its own, so trying spaces in order finds the matches in order.
 */
export function lostItemStarts(stretch: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  let from = 0;
  for (let i = stretch.indexOf(' '); i >= 0; i = stretch.indexOf(' ', i + 1)) {
    const c = stretch.charCodeAt(i + 1);
    if (c < 65 || c > 90) continue;
    let end = i + 2;
    while (end < stretch.length && isAsciiWordCode(stretch.charCodeAt(end))) end += 1;
    if (!ITEM_OPENERS.has(stretch.slice(i + 1, end))) continue;
    for (let at = Math.max(from, i - 5); at <= i - 2; at += 1) {
      LOST_ITEM_START.lastIndex = at;
      const m = LOST_ITEM_START.exec(stretch);
      if (m !== null) {
        found.push(m);
        from = at + m[0].length;
        break;
      }
    }
  }
  return found;
}

/**
 * A list whose line breaks were lost: "… in your care Communicate with staff …". Only in long
 * stretches with no sentence punctuation, where a capitalised verb or requirement word after a
 * lower-case word (not a determiner or preposition: "the Support team") can only start a new item.
 */
function lostItemSeams(run: string, cuts: readonly number[]): number[] {
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), run.length];
  const seams: number[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const from = bounds[i] as number;
    const to = bounds[i + 1] as number;
    const stretch = run.slice(from, to);
    if (to - from < MIN_LOST_LIST_CHARS || /[.!?;]\s+\S/.test(stretch)) continue;
    for (const m of lostItemStarts(stretch)) {
      const before = /(\p{L}+)[,)]? $/u.exec(stretch.slice(Math.max(0, m.index - 20), m.index + m[0].length));
      const previousWord = before?.[1] ?? '';
      // "the Support team", "Legal Services", "Director, Clinical Programs": names and titles, not items.
      if (NOT_BEFORE_ITEM.has(previousWord.toLowerCase()) || /^\p{Lu}/u.test(previousWord)) continue;
      seams.push(from + m.index + m[0].length);
    }
  }
  return seams;
}

/** Is the period at `dot` part of an abbreviation ("e.g.", "Dr.", "U.S.") or a number ("2.5")? */
function isAbbreviation(run: string, dot: number): boolean {
  let s = dot;
  // Abbreviations are short; the bound keeps "Word.Word.Word…" linear.
  while (s > 0 && dot - s < 12 && /[\p{L}.]/u.test(run[s - 1] as string)) s -= 1;
  const word = run.slice(s, dot).toLowerCase();
  if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/\.$/, ''))) return true;
  // Single letters and dotted initials: "J. Smith", "U.S.A."
  if (/^(?:\p{L}\.)*\p{L}$/u.test(word) && word.length <= 5 && word.replace(/\./g, '').length <= 2) return true;
  return false;
}

const ITEM_START_WORDS = new Set(
  (
    'all any a an the must strong excellent good solid proven demonstrated minimum at bachelor bachelors master ' +
    'masters degree knowledge experience experienced ability able familiarity familiar proficiency proficient ' +
    'understanding working previous prior fluent fluency excellent outstanding team self detail capable ' +
    'willingness willing available availability valid current certified licensed registered comfortable ' +
    'strong basic advanced deep hands exposure background track high some relevant you your'
  ).split(' '),
);

/** Does a list item plausibly start with this word: an item opener, or a duty verb? */
function startsItems(word: string): boolean {
  const lower = word.toLowerCase();
  return ITEM_START_WORDS.has(lower) || DUTY_VERB_SET.has(lower) || DUTY_VERB_SET.has(lower.replace(/e?s$/, ''));
}

/** Offsets inside one word where two words were glued: "requiredFinancial" -> [8]. */
function camelSeams(word: string): number[] {
  // Glued words are two ordinary words; a longer run of letters is not language, and skipping it
  // keeps the scan linear.
  if (word.length < 6 || word.length > MAX_GLUED_WORD_CHARS) return [];
  const whole = word.toLowerCase();
  const seams: number[] = [];
  let partStart = 0;
  for (let i = 3; i < word.length - 2; i += 1) {
    const c = word.charCodeAt(i);
    if (c < 65 || c > 90) continue;
    const isSeamCandidate = /[a-z]/.test(word[i - 1] as string) && /[a-z]/.test(word[i + 1] as string);
    const leftWord = word.slice(partStart, i);
    const rightWord = /^[A-Z][a-z]+/.exec(word.slice(i, i + MAX_GLUED_WORD_CHARS))?.[0] ?? '';
    if (!isSeamCandidate || leftWord.length < 3 || rightWord.length < 2) continue;
    const capitalisedLeft = /^[A-Z]/.test(leftWord);
    if (capitalisedLeft && (CAMEL_WORDS.has(whole) || CAMEL_WORDS.has((leftWord + rightWord).toLowerCase()))) continue;
    // Brand names are camel case too ("LearningMate", "JavaScript"): a capitalised left part is split
    // only where a heading ends ("SummaryWe") or a sentence plainly starts ("…GuardianThe").
    if (capitalisedLeft && !isHeadingWord(leftWord) && !SENTENCE_STARTERS.has(rightWord)) continue;
    if (capitalisedLeft && leftWord.length < 4 && partStart === 0) continue;
    seams.push(i);
    partStart = i;
  }
  return seams;
}

/**
 * A heading glued to the start of its first item, or standing inline in run-together text:
 * "Responsibilities Assist with…", "JOB DESCRIPTION Do you…", "Key Duties: Assisting…".
 * A bullet's own lead-in ("Experience: 5 years…") stays in the item.
 */
function splitInlineHeading(text: string, start: number, end: number, bullet: boolean): Piece[] {
  const piece = text.slice(start, end);
  if (!bullet && (piece.includes(':') || piece.includes('：'))) {
    const labelled = /^([^:.!?]{2,60}?)\s?[:：]\s*(?=[^\s\d$£€%])/u.exec(piece);
    if (labelled && headingKind(labelled[1] as string) !== 'unknown') {
      const cut = start + labelled[0].length;
      return [
        { start, end: start + (labelled[1] as string).length, bullet: false, heading: true },
        { start: cut, end, bullet: false },
      ];
    }
  }
  const caps = /^(?:\p{Lu}[\p{Lu}&/'’-]*\s){0,4}\p{Lu}[\p{Lu}&/'’-]+(?=\s\p{Lu}?\p{Ll})/u.exec(piece);
  if (caps && headingKind(caps[0]) !== 'unknown') {
    return [
      { start, end: start + caps[0].length, bullet: false, heading: true },
      { start: start + caps[0].length, end, bullet },
    ];
  }
  if (!bullet) {
    // Title-case heading words then a capitalised sentence: "Responsibilities Perform data analysis".
    const lead = /^(\p{Lu}[\p{Ll}'’]+(?:\s(?:&|and|of|to|\p{Lu}[\p{Ll}'’]+)){0,3})(?=\s\p{Lu}\p{Ll})/u.exec(piece);
    if (lead && isStrongHeading(lead[1] as string)) {
      return [
        { start, end: start + (lead[1] as string).length, bullet: false, heading: true },
        { start: start + (lead[1] as string).length, end, bullet },
      ];
    }
  }
  return [{ start, end, bullet }];
}

/** Heading words that cannot begin an ordinary sentence, so a split after them is safe. */
function isStrongHeading(candidate: string): boolean {
  const kind = headingKind(candidate);
  if (kind === 'unknown') return false;
  return /^(?:responsibilities|requirements|qualifications|duties|benefits|perks|position summary|job summary|summary|overview|company overview|key responsibilities|job description|job requirements|minimum qualifications|preferred qualifications|basic qualifications|required qualifications|desired skills|skills|education|what we offer|about us|the position|the role|job duties|essential functions|typical duties)$/i.test(
    candidate.trim(),
  );
}

/** A piece cut from run-together text that is nothing but a heading: "Typical Duties", "Position Summary". */
function isBareHeading(piece: string): boolean {
  // Punctuation first: it rules out most pieces before they are split into words.
  if (/[.!?,;]/.test(piece)) return false;
  const words = piece.split(/\s+/);
  return words.length <= 5 && headingKind(piece) !== 'unknown' && words.every(isHeadingWord);
}

function isLeadIn(piece: string): boolean {
  return /[:：]$/.test(piece) && wordCount(piece) <= MAX_LEAD_IN_WORDS && !/[.!?]\s/.test(piece);
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** A line standing alone as a heading: short, unpunctuated, and looking like one. */
function isHeadingLine(line: string, previous: string | undefined, next: string | undefined): boolean {
  const trimmed = line.trim();
  if (trimmed.length > MAX_HEADING_CHARS || wordCount(trimmed) > MAX_HEADING_WORDS) return false;
  // The last line of the document is a heading only when it says so: "Requirements:".
  if (next === undefined && !/[:：]$/.test(trimmed)) return false;
  if (/[:：]$/.test(trimmed)) return !/[.!?]\s/.test(trimmed);
  // "Minimum of 1 year of experience" is an item, however short.
  if (/\d/.test(trimmed) && headingKind(trimmed) !== 'unknown') return false;
  if (/[.!?;,]$/.test(trimmed) || /[.!?]\s/.test(trimmed)) return false;
  if (headingKind(trimmed) !== 'unknown' && isMostlyHeadingWords(trimmed)) return true;
  if (!looksLikeHeading(trimmed, previous, next)) return false;
  // A short line that names a skill or states a duty is an item: "Strong organisational skills".
  return requirementStrength(trimmed) < 2 && dutyStrength(trimmed) < 2;
}

/** Shape alone: ALL CAPS, or short and capitalised, or short between sentences. */
function looksLikeHeading(trimmed: string, previous: string | undefined, next: string | undefined): boolean {
  const words = trimmed.split(/\s+/);
  if (trimmed === trimmed.toUpperCase() && /\p{Lu}{3}/u.test(trimmed)) return true;
  if (words.length > 5) return false;
  const nextTrim = next?.trim() ?? '';
  const nextIsSentence = nextTrim.length > trimmed.length && /[.!?)]$/.test(nextTrim);
  if (!nextIsSentence) return false;
  const capitalised = words.filter((w) => /^[\p{Lu}\d&]/u.test(w)).length;
  if (capitalised === words.length) return true;
  const previousTrim = previous?.trim() ?? '';
  const previousEnds = previousTrim === '' || /[.!?:)]$/.test(previousTrim);
  return previousEnds && !/\d/.test(trimmed);
}
