/**
 * Normalized text to units: headings, bullet items and sentences, each with its span.
 * Real postings lose their structure in every possible way (no line breaks, glued sentences,
 * inline bullets, ALL-CAPS headings mid-paragraph), so segmentation looks for the seams a
 * reader would see. Every pattern here is linear: no nested quantifiers over overlapping classes.
 */
import { DUTY_VERB_SET, DUTY_VERBS_CAPITALISED as DUTY_VERBS, dutyStrength, requirementStrength } from './cues';
import { isSpaceCode } from './regex';
import { headingKind, isHeadingWord, isMostlyHeadingWords, leadInKind, type SectionKind, wordCount } from './sections';

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
/**
 * The ranges that hold the glyphs (all in the BMP: no `u` needed): a line without one is not
 * searched with INLINE_BULLET, which may start at any space. Three ranges test twice as fast as the
 * sixteen glyphs; what else they hold, INLINE_BULLET rejects.
 */
const MAY_HOLD_INLINE_BULLET = /[\u2022\u2023\u25a0-\u2756\u27a2\u27a4]/;
const MAX_HEADING_CHARS = 70;
const HAS_DIGIT = /\d/;
/**
 * A digit right after a lower-case letter (or a unit past ASCII, which may be one), a bracket, a
 * point or a colon: GLUED_NUMBER and GLUED_YEARS both need one. No `u`: it scans faster.
 */
const GLUED_DIGIT = /[a-z\u0080-\uffff).:]\d/;
// Each pattern that opens with a lookbehind starts with a lookahead for its first character: V8
// would otherwise run the lookbehind at every position of the line.
const GLUED_STAR = /(?=\*)(?<=[\p{L}.)])\*(?=\p{Lu}\p{Ll})/gu;
const GLUED_HYPHEN = /(?=-)(?<=\p{Ll}{3}[.)]?\s?|\p{Lu}{2}|[.;:!?)]\s?)-{1,2}(?=\p{Lu}\p{Ll})/gu;
const SPACED_DASH = / [-–] /;
/**
 * Separators that split a line into items only when they recur, each behind a literal test that
 * every match needs (cheaper than searching a line without one). The searches start from the
 * separator's rarer character, not its space: `includes(' ? ')` stops at every space of the line.
 * (A search for "–" stops at every space too: its code unit holds 0x20.)
 */
const SPACED_SEPARATORS: ReadonlyArray<readonly [(line: string) => boolean, RegExp]> = [
  [(line) => SPACED_DASH.test(line), / [-–] (?=[\p{Lu}"“])/gu],
  [(line) => isSpaced(line, '?'), / \? (?=[\p{Lu}"“])/gu],
  [(line) => occursBefore(line, '+', isPlainSpace), /(?=\s?\+ )(?<=[\p{L}\p{N}.)])\s?\+ (?=[\p{Lu}\d])/gu],
  [(line) => occursBefore(line, '-', isSpaceCode), /(?=-\s)(?<=[\p{L}.)])-\s(?=\p{Lu})/gu],
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
const SPACED_BAR = /\s\|\s/g;
const HYPHENATED_WORD = /^-{1,2}(\p{L}+)/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const HEADING_COLON = /\s*[:：]$/;
const SENTENCE_BREAK = /[.!?;]\s+\S/;
const WORD_BEFORE_ITEM = /(\p{L}+)[,)]? $/u;
const CAPITALISED = /^\p{Lu}/u;
const ABBREVIATION_INITIALS = /^(?:\p{L}\.)*\p{L}$/u;
const LABELLED = /^([^:.!?]{2,60}?)\s?[:：]\s*(?=[^\s\d$£€%])/u;
const CAPS_HEADING = /^(?:\p{Lu}[\p{Lu}&/'’-]*\s){0,4}\p{Lu}[\p{Lu}&/'’-]+(?=\s\p{Lu}?\p{Ll})/u;
const TITLE_HEADING = /^(\p{Lu}[\p{Ll}'’]+(?:\s(?:&|and|of|to|\p{Lu}[\p{Ll}'’]+)){0,3})(?=\s\p{Lu}\p{Ll})/u;
/** Heading words that cannot begin an ordinary sentence, so a split after them is safe. */
const STRONG_HEADINGS = [
  'responsibilities',
  'requirements',
  'qualifications',
  'duties',
  'benefits',
  'perks',
  'position summary',
  'job summary',
  'summary',
  'overview',
  'company overview',
  'key responsibilities',
  'job description',
  'job requirements',
  'minimum qualifications',
  'preferred qualifications',
  'basic qualifications',
  'required qualifications',
  'desired skills',
  'skills',
  'education',
  'what we offer',
  'about us',
  'the position',
  'the role',
  'job duties',
  'essential functions',
  'typical duties',
];
const STRONG_HEADING = new RegExp(`^(?:${STRONG_HEADINGS.join('|')})$`, 'i');
/**
 * Their first words. STRONG_HEADING matches ASCII letters only (without `u`, `i` folds no other
 * letter to one), so a piece whose first word, lower-cased, is none of these cannot open with one.
 */
const STRONG_HEADING_OPENERS: ReadonlySet<string> = new Set(STRONG_HEADINGS.map((h) => h.split(' ')[0] as string));
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
/** MID_RUN_LABEL, tried only where `midRunLabels` finds that a match can start (sticky). */
const MID_RUN_LABEL_AT = new RegExp(MID_RUN_LABEL.source, 'uy');
/** The words a label of MID_RUN_LABEL may have. */
const MAX_LABEL_WORDS = 6;
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
  const blank = lines.map(isBlank);
  const nextNonBlank: (string | undefined)[] = new Array(lines.length);
  let following: string | undefined;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    nextNonBlank[i] = following;
    if (!blank[i]) following = lines[i];
  }
  let previousLine: string | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    lineNo += 1;
    const lineStart = offset;
    offset += line.length + 1;
    if (blank[i]) {
      previousBlank = true;
      continue;
    }
    if (previousBlank) block += 1;
    previousBlank = false;
    const pieces = splitLine(text, lineStart, line, previousLine, nextNonBlank[i]);
    previousLine = line;
    let sentencesInLine = 0;
    for (const p of pieces) if (!p.bullet && !p.heading) sentencesInLine += 1;
    for (const piece of pieces) {
      let start = piece.start;
      let isBullet = piece.bullet;
      if (mayOpenWithBullet(text, piece.start)) {
        const raw = text.slice(piece.start, piece.end);
        const bullet = BULLET_PREFIX.exec(raw);
        if (bullet && bullet[0].length > 0 && bullet[0].length < raw.length) {
          start += bullet[0].length;
          isBullet = isBullet || !MARKDOWN_HEADING.test(raw);
        }
      }
      const end = trimEnd(text, start, piece.end);
      start = trimStart(text, start, end);
      if (end <= start) continue;
      const unitText = text.slice(start, end);
      if (!hasLetterOrDigit(unitText)) continue;
      if (piece.heading || isLeadIn(unitText) || (!isBullet && pieces.length > 1 && isBareHeading(unitText))) {
        block += 1;
        units.push({
          kind: 'heading',
          text: unitText.replace(HEADING_COLON, ''),
          start,
          end,
          line: lineNo,
          block,
          headingKind: piece.heading ? headingKind(unitText) : leadInKind(unitText),
        });
        block += 1;
        continue;
      }
      const prose = !isBullet && sentencesInLine > 1 && endsSentence(unitText);
      units.push({ kind: isBullet ? 'bullet' : 'sentence', text: unitText, start, end, line: lineNo, block, prose });
    }
  }
  return units;
}

/** `line.trim() === ''`, without the copy. */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i += 1) if (!isSpaceCode(line.charCodeAt(i))) return false;
  return true;
}

/** Flags over ASCII codes: whether each is one of `chars`. */
function asciiSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i += 1) set[chars.charCodeAt(i)] = 1;
  return set;
}

const TRIMMED_AT_START = asciiSet(',;:|>*_~=');
const TRIMMED_AT_END = asciiSet(',;|*_~=');

/** Past the white space and the characters of /[\s,;:|>*_~=]/ opening a unit. */
function trimStart(text: string, start: number, end: number): number {
  let s = start;
  for (; s < end; s += 1) {
    const c = text.charCodeAt(s);
    if (!isSpaceCode(c) && TRIMMED_AT_START[c] !== 1) break;
  }
  return s;
}

/** Before the white space and the characters of /[\s,;|*_~=]/ closing a unit. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  for (; e > start; e -= 1) {
    const c = text.charCodeAt(e - 1);
    if (!isSpaceCode(c) && TRIMMED_AT_END[c] !== 1) break;
  }
  return e;
}

/**
 * Whether BULLET_PREFIX may match at `start`. A piece opening with an ASCII letter other than
 * "o" has a prefix only as "a)"; most pieces are words, and need neither a copy nor the regex.
 */
function mayOpenWithBullet(text: string, start: number): boolean {
  const c = text.charCodeAt(start) | 0x20;
  return c < 0x61 || c > 0x7a || c === 0x6f || text.charCodeAt(start + 1) === 0x29;
}

/** `/[\p{L}\p{N}]/u.test(s)`, answered by the first character when it is an ASCII letter or digit. */
function hasLetterOrDigit(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return true;
  return HAS_LETTER_OR_DIGIT.test(s);
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
  if (MAY_HOLD_INLINE_BULLET.test(line)) {
    for (let m = firstMatch(INLINE_BULLET, line); m; m = INLINE_BULLET.exec(line)) {
      if (m.index > 0) cuts.push(m.index);
    }
  }
  // A markdown star glued between items: "English: Fluent*Must be willing to travel".
  if (line.includes('*')) for (let m = firstMatch(GLUED_STAR, line); m; m = GLUED_STAR.exec(line)) cuts.push(m.index);
  const hyphen = line.includes('-');
  // A hyphen glued between a lower-case word and a capitalised one: "machinery-All applicants".
  // Only before a word that starts items: "Backend-Dienste" and "Wi-Fi" are words, not glue.
  if (hyphen && occursBefore(line, '-', mayBeCapital)) {
    for (let m = firstMatch(GLUED_HYPHEN, line); m; m = GLUED_HYPHEN.exec(line)) {
      const next = HYPHENATED_WORD.exec(line.slice(m.index, m.index + 40))?.[1] ?? '';
      if (startsItems(next)) cuts.push(m.index);
    }
  }
  // Spaced separators count only when they recur: one " - " is punctuation, three are a list.
  for (const [needed, pattern] of SPACED_SEPARATORS) {
    if (!needed(line)) continue;
    const found: number[] = [];
    for (let m = firstMatch(pattern, line); m; m = pattern.exec(line)) found.push(m.index);
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

const SEPARATOR = /[\s•●▪◦‣■□➢➤►▶✓✔❖◆◇♦?–-]/u;

function skipSeparator(text: string, start: number, end: number): number {
  let s = start;
  while (s < end && SEPARATOR.test(text[s] as string)) s += 1;
  return s === end ? start : s;
}

/** Whether `ch` occurs in `s` just before a code unit that `next` accepts. */
function occursBefore(s: string, ch: string, next: (c: number) => boolean): boolean {
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) if (next(s.charCodeAt(i + 1))) return true;
  return false;
}

/** `s.includes(` ${ch} `)` for a character rarer than the space. */
function isSpaced(s: string, ch: string): boolean {
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) {
    if (s.charCodeAt(i - 1) === 0x20 && s.charCodeAt(i + 1) === 0x20) return true;
  }
  return false;
}

function isPlainSpace(c: number): boolean {
  return c === 0x20;
}

/** Whether a code unit may open a capital letter (\p{Lu}): an ASCII capital or any unit past ASCII. */
function mayBeCapital(c: number): boolean {
  return c >= 0x80 || (c >= 0x41 && c <= 0x5a);
}

/** What may follow GLUED_SENTENCE_END's punctuation: a quote or a capital. */
function mayOpenGluedSentence(c: number): boolean {
  return c === 0x22 || c === 0x201c || mayBeCapital(c);
}

/**
 * The first match of a global pattern, from the start; `pattern.exec` then gives the next ones.
 * Cheaper than `matchAll`, which clones the pattern on every call. No pattern looped over this way
 * matches the empty string.
 */
function firstMatch(pattern: RegExp, s: string): RegExpExecArray | null {
  pattern.lastIndex = 0;
  return pattern.exec(s);
}

/**
 * Seams inside a run: glued sentences ("standards.Write"), camel-case glue ("requiredFinancial"),
 * numbers glued to words ("Accounting3-5 years", "quickly.2."), and in prose, sentence ends.
 */
function splitSeams(text: string, start: number, end: number, prose: boolean): Piece[] {
  const cuts: number[] = [];
  const run = text.slice(start, end);
  // Sentence end glued to the next sentence: ".Write", ").Understanding", "!The", "?We".
  // Each pattern below runs only where a literal search finds the pair of characters it needs.
  if (
    occursBefore(run, '.', mayOpenGluedSentence) ||
    occursBefore(run, '!', mayOpenGluedSentence) ||
    occursBefore(run, '?', mayOpenGluedSentence)
  ) {
    for (let m = firstMatch(GLUED_SENTENCE_END, run); m; m = GLUED_SENTENCE_END.exec(run)) {
      if (m.index > 0 && GLUED_BEFORE_END.test(run[m.index - 1] as string) && !isAbbreviation(run, m.index)) {
        cuts.push(m.index + 1);
      }
    }
  }
  // "(pivot tables, macros, etc.)Experience with…" — a bracket glued to the next item.
  if (occursBefore(run, ')', mayBeCapital)) {
    for (let m = firstMatch(GLUED_BRACKET, run); m; m = GLUED_BRACKET.exec(run)) cuts.push(m.index + 1);
  }
  // "benefits:Short-term" — a colon glued to a capitalised word.
  if (occursBefore(run, ':', mayBeCapital)) {
    for (let m = firstMatch(GLUED_COLON, run); m; m = GLUED_COLON.exec(run)) cuts.push(m.index + 2);
  }
  if (GLUED_DIGIT.test(run)) {
    // Numbered items glued on: "quickly.2.Ensure", "skills1. Degree".
    for (let m = firstMatch(GLUED_NUMBER, run); m; m = GLUED_NUMBER.exec(run)) {
      cuts.push(m.index + (m[1] as string).length);
    }
    // "Accounting3-5 years".
    // Its lookahead needs "year" or "yr" in the run.
    if (run.includes('yr') || run.includes('year')) {
      for (let m = firstMatch(GLUED_YEARS, run); m; m = GLUED_YEARS.exec(run)) cuts.push(m.index + 3);
    }
  }
  // Words glued: "requiredFinancial", "SummaryWe".
  let wordEnd = -1;
  for (const at of camelCandidates(run)) {
    if (at < wordEnd) continue;
    let from = at;
    while (from > 0 && isLetterUnit(run.charCodeAt(from - 1))) from -= 1;
    wordEnd = at + 1;
    while (wordEnd < run.length && isLetterUnit(run.charCodeAt(wordEnd))) wordEnd += 1;
    for (const at of camelSeams(run.slice(from, wordEnd))) cuts.push(from + at);
  }
  // A label standing mid-run: "… K-12 children Special Education Teacher Responsibilities: Create …".
  if (occursBefore(run, ':', isSpaceCode)) {
    for (const m of midRunLabels(run)) {
      if (m.index > 0 && headingKind(m[1] as string) !== 'unknown') cuts.push(m.index);
    }
  }
  if (prose) {
    for (let m = firstMatch(SENTENCE_END, run); m; m = SENTENCE_END.exec(run)) {
      if (run.charCodeAt(m.index) === 0x2e && isAbbreviation(run, m.index)) continue;
      cuts.push(m.index + m[0].length);
    }
    // "; " between clauses stays one item; a lone " | " separates header fields.
    if (run.includes('|'))
      for (let m = firstMatch(SPACED_BAR, run); m; m = SPACED_BAR.exec(run)) cuts.push(m.index + 1);
  }
  if (run.length >= MIN_LOST_LIST_CHARS) for (const at of lostItemSeams(run, cuts)) cuts.push(at);
  if (cuts.length === 0) return [{ start, end, bullet: false }];
  // Repeated cuts need no removing: the loop below skips a cut that is not past the last one.
  cuts.sort((a, b) => a - b);
  const pieces: Piece[] = [];
  let from = 0;
  for (const cut of cuts) {
    if (cut <= from || cut >= run.length) continue;
    pieces.push({ start: start + from, end: start + cut, bullet: false });
    from = cut;
  }
  pieces.push({ start: start + from, end, bullet: false });
  return pieces;
}

const LOWER = /^\p{Ll}$/u;
const UPPER = /^\p{Lu}$/u;
const CLASSES_KNOWN = 1;
const LETTER = 2;
const LOWER_CASE = 4;
const UPPER_CASE = 8;
/**
 * The classes of each BMP code unit (a lone surrogate is in none), filled in as code units are met:
 * a table read is much cheaper than a Unicode regex or a map, and building it all up front would
 * slow a cold start.
 */
const bmpClasses = new Uint8Array(0x10000);
/** Whether code points past the BMP are lower- / upper-case letters, as they are met. */
const lowerCache = new Map<number, boolean>();
const upperCache = new Map<number, boolean>();

function classesOf(unit: number): number {
  let classes = bmpClasses[unit] as number;
  if (classes === 0) {
    const ch = String.fromCharCode(unit);
    classes =
      CLASSES_KNOWN |
      (IS_LETTER.test(ch) ? LETTER : 0) |
      (LOWER.test(ch) ? LOWER_CASE : 0) |
      (UPPER.test(ch) ? UPPER_CASE : 0);
    bmpClasses[unit] = classes;
  }
  return classes;
}

/** `/\p{L}/u.test(ch)` for a one-code-unit string. */
function isLetterUnit(unit: number): boolean {
  return (classesOf(unit) & LETTER) !== 0;
}

function isLower(cp: number): boolean {
  return cp <= 0xffff ? (classesOf(cp) & LOWER_CASE) !== 0 : astralIs(LOWER, lowerCache, cp);
}

function isUpper(cp: number): boolean {
  return cp <= 0xffff ? (classesOf(cp) & UPPER_CASE) !== 0 : astralIs(UPPER, upperCache, cp);
}

/** `re.test` of a code point past the BMP, remembered in `cache` (they are rare). */
function astralIs(re: RegExp, cache: Map<number, boolean>, cp: number): boolean {
  let known = cache.get(cp);
  if (known === undefined) {
    known = re.test(String.fromCodePoint(cp));
    cache.set(cp, known);
  }
  return known;
}

/**
 * Where a seam may be, by code unit: a lower-case ASCII letter or a unit past ASCII, then a capital
 * or a unit past ASCII. Runs without one (most) skip the scan by code point; this pattern needs no
 * `u` flag, and runs several times faster for it.
 */
const MAY_HOLD_CAMEL = /[a-z\u0080-\uffff][A-Z\u0080-\uffff]/;

/**
 * A capital right after a lower-case letter, where two words may have been glued: the matches of
 * /\p{Ll}(?=\p{Lu})/gu, in order. A loop over code points (as that regex steps) is several times
 * faster than the regex.
 */
export function camelCandidates(run: string): number[] {
  const found: number[] = [];
  const first = MAY_HOLD_CAMEL.exec(run);
  if (first === null) return found;
  // Where the code point before the current one starts, when it is a lower-case letter.
  let lowerAt = -1;
  // No seam starts before the pattern's first match, which never falls inside a surrogate pair
  // (it would have matched at the pair's first half).
  for (let i = first.index; i < run.length; ) {
    const c = run.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) {
        if (lowerAt >= 0) found.push(lowerAt);
        lowerAt = -1;
      } else lowerAt = c >= 0x61 && c <= 0x7a ? i : -1;
      i += 1;
      continue;
    }
    const cp = run.codePointAt(i) as number;
    if (lowerAt >= 0 && isUpper(cp)) found.push(lowerAt);
    lowerAt = isLower(cp) ? i : -1;
    i += cp > 0xffff ? 2 : 1;
  }
  return found;
}

/**
 * The matches `run.matchAll(MID_RUN_LABEL)` would give, found by trying it only where one can
 * start. A match ends with a colon and a white space; it holds no other colon, so it ends at the
 * first colon after its start; and it starts at one of the last MAX_LABEL_WORDS words before that
 * colon (words of a match are apart by one white space, and a white space may precede the colon).
 * So the words back from each colon, tried from the earliest, find the matches in order.
 */
export function midRunLabels(run: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  // Where the global search would resume: after the last match.
  let from = 0;
  const starts: number[] = [];
  for (let colon = run.indexOf(':'); colon >= 0; colon = run.indexOf(':', colon + 1)) {
    if (!isSpaceCode(run.charCodeAt(colon + 1))) continue;
    starts.length = 0;
    let wordEnd = colon > from && isSpaceCode(run.charCodeAt(colon - 1)) ? colon - 1 : colon;
    while (starts.length < MAX_LABEL_WORDS) {
      let start = wordEnd;
      while (start > from && !isSpaceCode(run.charCodeAt(start - 1))) start -= 1;
      starts.push(start);
      if (start <= from) break;
      wordEnd = start - 1;
    }
    for (let k = starts.length - 1; k >= 0; k -= 1) {
      MID_RUN_LABEL_AT.lastIndex = starts[k] as number;
      const m = MID_RUN_LABEL_AT.exec(run);
      if (m !== null) {
        found.push(m);
        from = m.index + m[0].length;
        break;
      }
    }
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
/** Where `lostItemStarts` looks: a space before an ASCII capital, fewer than the spaces and found faster. */
const SPACE_BEFORE_CAPITAL = / (?=[A-Z])/g;

export function lostItemStarts(stretch: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  let from = 0;
  for (let space = firstMatch(SPACE_BEFORE_CAPITAL, stretch); space; space = SPACE_BEFORE_CAPITAL.exec(stretch)) {
    const i = space.index;
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
    if (to - from < MIN_LOST_LIST_CHARS || SENTENCE_BREAK.test(stretch)) continue;
    for (const m of lostItemStarts(stretch)) {
      const before = WORD_BEFORE_ITEM.exec(stretch.slice(Math.max(0, m.index - 20), m.index + m[0].length));
      const previousWord = before?.[1] ?? '';
      // "the Support team", "Legal Services", "Director, Clinical Programs": names and titles, not items.
      if (NOT_BEFORE_ITEM.has(previousWord.toLowerCase()) || CAPITALISED.test(previousWord)) continue;
      seams.push(from + m.index + m[0].length);
    }
  }
  return seams;
}

/** Is the period at `dot` part of an abbreviation ("e.g.", "Dr.", "U.S.") or a number ("2.5")? */
function isAbbreviation(run: string, dot: number): boolean {
  let s = dot;
  // Abbreviations are short; the bound keeps "Word.Word.Word…" linear.
  while (s > 0 && dot - s < 12 && (run.charCodeAt(s - 1) === 0x2e || isLetterUnit(run.charCodeAt(s - 1)))) s -= 1;
  const word = run.slice(s, dot).toLowerCase();
  if (ABBREVIATIONS.has(word) || (word.endsWith('.') && ABBREVIATIONS.has(word.slice(0, -1)))) return true;
  // Single letters and dotted initials: "J. Smith", "U.S.A."
  if (word.length <= 5 && ABBREVIATION_INITIALS.test(word) && word.replace(/\./g, '').length <= 2) return true;
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
    const labelled = LABELLED.exec(piece);
    if (labelled && headingKind(labelled[1] as string) !== 'unknown') {
      const cut = start + labelled[0].length;
      return [
        { start, end: start + (labelled[1] as string).length, bullet: false, heading: true },
        { start: cut, end, bullet: false },
      ];
    }
  }
  // Both heading patterns below open with a capital: a piece that opens with an ASCII character
  // other than a capital letter skips them.
  const first = piece.charCodeAt(0);
  if (first < 0x80 && !(first >= 0x41 && first <= 0x5a)) return [{ start, end, bullet }];
  // An all-caps heading's second character is no lower-case letter.
  const second = piece.charCodeAt(1);
  const caps = second >= 0x61 && second <= 0x7a ? null : CAPS_HEADING.exec(piece);
  if (caps && headingKind(caps[0]) !== 'unknown') {
    return [
      { start, end: start + caps[0].length, bullet: false, heading: true },
      { start: start + caps[0].length, end, bullet },
    ];
  }
  if (!bullet && STRONG_HEADING_OPENERS.has(firstWord(piece).toLowerCase())) {
    // Title-case heading words then a capitalised sentence: "Responsibilities Perform data analysis".
    const lead = TITLE_HEADING.exec(piece);
    if (lead && isStrongHeading(lead[1] as string)) {
      return [
        { start, end: start + (lead[1] as string).length, bullet: false, heading: true },
        { start: start + (lead[1] as string).length, end, bullet },
      ];
    }
  }
  return [{ start, end, bullet }];
}

function firstWord(s: string): string {
  let end = 0;
  while (end < s.length && !isSpaceCode(s.charCodeAt(end))) end += 1;
  return s.slice(0, end);
}

/** Heading words that cannot begin an ordinary sentence, so a split after them is safe. */
function isStrongHeading(candidate: string): boolean {
  const kind = headingKind(candidate);
  if (kind === 'unknown') return false;
  return STRONG_HEADING.test(candidate.trim());
}

/** A piece cut from run-together text that is nothing but a heading: "Typical Duties", "Position Summary". */
function isBareHeading(piece: string): boolean {
  // Punctuation first: it rules out most pieces before they are split into words.
  if (/[.!?,;]/.test(piece)) return false;
  const words = piece.split(/\s+/);
  return words.length <= 5 && headingKind(piece) !== 'unknown' && words.every(isHeadingWord);
}

function isLeadIn(piece: string): boolean {
  return endsWithColon(piece) && wordCount(piece) <= MAX_LEAD_IN_WORDS && !/[.!?]\s/.test(piece);
}

/** `/[.!?]["'’”)\]]?$/.test(s)`, read off the last two characters rather than tried at every one. */
function endsSentence(s: string): boolean {
  const n = s.length;
  if (isSentencePunctuation(s.charCodeAt(n - 1))) return true;
  return n >= 2 && CLOSERS.includes(s.charAt(n - 1)) && isSentencePunctuation(s.charCodeAt(n - 2));
}

const CLOSERS = `"'’”)]`;

function isSentencePunctuation(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f;
}

/** `/[:：]$/.test(s)`. */
function endsWithColon(s: string): boolean {
  const last = s.charCodeAt(s.length - 1);
  return last === 0x3a || last === 0xff1a;
}

/** A line standing alone as a heading: short, unpunctuated, and looking like one. */
function isHeadingLine(line: string, previous: string | undefined, next: string | undefined): boolean {
  const trimmed = line.trim();
  if (trimmed.length > MAX_HEADING_CHARS || wordCount(trimmed) > MAX_HEADING_WORDS) return false;
  if (endsWithColon(trimmed)) return !/[.!?]\s/.test(trimmed);
  // The last line of the document is a heading only when it says so: "Requirements:".
  if (next === undefined) return false;
  // "Minimum of 1 year of experience" is an item, however short.
  const kind = HAS_DIGIT.test(trimmed) ? headingKind(trimmed) : undefined;
  if (kind !== undefined && kind !== 'unknown') return false;
  if (/[.!?;,]$/.test(trimmed) || /[.!?]\s/.test(trimmed)) return false;
  if ((kind ?? headingKind(trimmed)) !== 'unknown' && isMostlyHeadingWords(trimmed)) return true;
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
