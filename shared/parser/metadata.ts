/**
 * Document-level metadata of a job posting: language, title, company, location,
 * employment type, seniority, work mode (remote/hybrid/onsite) and salary.
 *
 * Everything here is a pure function of the normalized text. Every scan is
 * bounded (a head of the document, or a capped window) and every regular
 * expression is precompiled and free of nested overlapping quantifiers, so the
 * work stays linear on adversarial input (megabyte lines, long runs of spaces,
 * thousands of bullets).
 *
 * Speed: this runs once per document in a parser that must handle thousands
 * of documents a second, so the work per document is one pass over the text
 * and a few regex runs where matches are possible, with the same results as
 * running every pattern over the whole text:
 * - one pass ({@link analyse}) counts letters by script and stopwords for the
 *   language, and records where anchor words occur in the head;
 * - a regex scanning the head runs only when words every match needs are
 *   there (gates), and then only anchored at the few positions near their
 *   occurrences where a match can start ({@link searchAnchored}), which gives
 *   the matches of a global search, in order;
 * - lines are stripped of markup at most once, and label patterns run only on
 *   lines that start with one of their words and have a colon (or dash);
 * - amounts are looked for only just before digits, and read lazily.
 */
import { isSpaceCode } from './regex';
import type { Metadata } from './types';

export interface MetadataInput {
  /** Normalized plain text of the posting (HTML already converted to text: one block or list item per line, bullets kept as glyphs, entities decoded). */
  text: string;
  /** The same text split into lines (text.split('\n')). */
  lines: readonly string[];
}

type Salary = NonNullable<Metadata['salary']>;
type SalaryPeriod = NonNullable<Salary['period']>;
type EmploymentType = NonNullable<Metadata['employmentType']>;
type Seniority = NonNullable<Metadata['seniority']>;
type WorkMode = NonNullable<Metadata['remote']>;

/* ------------------------------------------------------------------------ */
/* Bounds                                                                    */
/* ------------------------------------------------------------------------ */

/** Characters of the document searched for title/company sentences. */
const HEAD_CHARS = 8000;
/** Lines of the document searched for labels and title-like lines. */
const HEAD_LINES = 60;
/** Lines searched for labelled fields that often sit at the end (job type, work location). */
const LABEL_LINES = 400;
/** Longest line looked at; longer lines are cut. */
const MAX_LINE_CHARS = 1000;
/** Characters scanned for a salary (often stated at the end). */
const SCAN_CHARS = 30000;
/** Characters scanned for employment-type and seniority keywords (the opening of the posting). */
const KEYWORD_CHARS = 4000;
/** Characters looked at for language detection. */
const LANG_CHARS = 20000;
/** Longest value accepted for title, company or location. */
const MAX_FIELD_CHARS = 120;

/* ------------------------------------------------------------------------ */
/* Small helpers                                                             */
/* ------------------------------------------------------------------------ */

const SPACE_RUN = /\s+/g;
/** Whitespace that squash() changes: a character other than a plain space, or a run of two. */
const NEEDS_SQUASH = /[^\S ]| \s/;
const INNER_BOLD = /\*\*|__/g;
const LEAD_MARKUP = charSet('#>*_=~`');
const TRAIL_MARKUP = charSet('*_=~`');
const BULLET_START = /^\s*(?:[•·▪●◦‣∙○■□➢➤►▶✓✔◆◇*+]|-(?!-)|–|—|\d{1,2}[.)]\s)/;

/** The UTF-16 code units of `chars`. */
function charSet(chars: string): ReadonlySet<number> {
  const set = new Set<number>();
  for (let i = 0; i < chars.length; i++) set.add(chars.charCodeAt(i));
  return set;
}

function squash(s: string): string {
  return NEEDS_SQUASH.test(s) ? s.replace(SPACE_RUN, ' ').trim() : s.trim();
}

/** Trims characters of `lead`/`trail` (and whitespace) from both ends, in linear time. */
function trimChars(s: string, lead: ReadonlySet<number>, trail: ReadonlySet<number>): string {
  let start = 0;
  let end = s.length;
  while (start < end) {
    const c = s.charCodeAt(start);
    if (!lead.has(c) && !isSpaceCode(c)) break;
    start++;
  }
  while (end > start) {
    const c = s.charCodeAt(end - 1);
    if (!trail.has(c) && !isSpaceCode(c)) break;
    end--;
  }
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

function stripMarkup(s: string): string {
  const unbold = s.includes('*') || s.includes('_') ? s.replace(INNER_BOLD, ' ') : s;
  return squash(trimChars(unbold, LEAD_MARKUP, TRAIL_MARKUP));
}

function cut(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

function headLines(lines: readonly string[], count: number): readonly string[] {
  const n = Math.min(lines.length, count);
  // Most often the lines are already what is wanted: no copy then.
  let same = n === lines.length;
  for (let i = 0; i < n && same; i++) {
    const line = lines[i];
    same = typeof line === 'string' && line.length <= MAX_LINE_CHARS;
  }
  if (same) return lines;
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(cut(lines[i] ?? '', MAX_LINE_CHARS));
  return out;
}

function words(s: string): string[] {
  const parts = s.split(' ');
  // Splitting gives an empty word only for an empty string, a space at either end, or two in a row.
  if (s.length > 0 && s.charCodeAt(0) !== 0x20 && s.charCodeAt(s.length - 1) !== 0x20 && !s.includes('  ')) {
    return parts;
  }
  return parts.filter((w) => w.length > 0);
}

/** Whether words(s).length > n, without building the array (and stopping early). */
function moreWordsThan(s: string, n: number): boolean {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 0x20) inWord = false;
    else if (!inWord) {
      inWord = true;
      if (++count > n) return true;
    }
  }
  return false;
}

const UPPER_START = /^[.#(]?\p{Lu}/u;
const CAMEL_START = /^\p{Ll}{1,3}\p{Lu}/u;

/** Whether a token starts like a proper noun or title word (Capitalised, ALLCAPS, iOS, .NET). */
function isCapitalised(token: string): boolean {
  return UPPER_START.test(token) || CAMEL_START.test(token);
}

/** The first lines of a document, cut to MAX_LINE_CHARS, each stripped of markup at most once. */
class Lines {
  /** The first LABEL_LINES lines: searched for labelled fields. */
  readonly label: readonly string[];
  /** The first HEAD_LINES lines: searched for titles, headers and company names. */
  readonly head: readonly string[];
  private readonly stripped: Array<string | undefined>;
  /** Per line, pairs of bits (computed, result): colon 1/2, dash 4/8, contact cue 16/32. */
  private readonly flags: Uint8Array;
  /** Per line: lead(i), -2 until computed. */
  private readonly leads: Int32Array;
  /** Per line: leadMask(i), -1 until computed. */
  private readonly leadMasks: Int32Array;

  /**
   * The per-line tables are shared by all instances (at most LABEL_LINES lines): only one is in use at
   * a time (extractMetadata is synchronous and makes one).
   */
  constructor(all: readonly string[]) {
    this.label = headLines(all, LABEL_LINES);
    this.head = this.label.length > HEAD_LINES ? this.label.slice(0, HEAD_LINES) : this.label;
    const n = this.label.length;
    this.stripped = new Array<string | undefined>(n);
    this.flags = LINE_FLAGS.fill(0, 0, n);
    this.leads = LINE_LEADS.fill(-2, 0, n);
    this.leadMasks = LINE_LEAD_MASKS.fill(-1, 0, n);
  }

  /** stripMarkup(label[i]). */
  strip(i: number): string {
    let s = this.stripped[i];
    if (s === undefined) {
      s = stripMarkup(this.label[i] ?? '');
      this.stripped[i] = s;
    }
    return s;
  }

  /**
   * The first "Label: value" among the first `count` lines whose lead word is in `leads`, whose
   * `pattern` captures a value, and whose value `fromValue` accepts.
   */
  firstLabelled<T>(count: number, leads: number, pattern: RegExp, fromValue: (value: string) => T | null): T | null {
    for (let i = 0; i < count; i++) {
      if (!this.leadsWith(i, leads) || !this.hasColon(i)) continue;
      const value = pattern.exec(this.strip(i))?.[1];
      if (value === undefined) continue;
      const accepted = fromValue(value);
      if (accepted) return accepted;
    }
    return null;
  }

  /** Whether line i has ':' or '：' (stripping markup neither adds nor removes one). */
  hasColon(i: number): boolean {
    return this.flag(i, 1, COLON);
  }

  /** Whether line i has '-', '–' or '—'. */
  hasDash(i: number): boolean {
    return this.flag(i, 4, DASH);
  }

  /** Whether line i has a contact cue (CONTACT_CUE). */
  hasContactCue(i: number): boolean {
    return this.flag(i, 16, CONTACT_CUE);
  }

  /**
   * The first character of strip(i) (-1 if empty), found without stripping: the first character of the
   * raw line that is neither leading markup nor whitespace (stripping turns "**" and "__" into spaces,
   * trims markup and whitespace, and collapses whitespace).
   */
  lead(i: number): number {
    let c = this.leads[i] ?? -1;
    if (c === -2) {
      const raw = this.label[i] ?? '';
      const k = leadStart(raw);
      c = k < raw.length ? raw.charCodeAt(k) : -1;
      this.leads[i] = c;
    }
    return c;
  }

  /**
   * The label words (see leadWords) strip(i) starts with, as a mask of word lists: the run of ASCII
   * letters it starts with is the one in the raw line at leadStart (stripping changes only markup and
   * whitespace, which are not letters).
   */
  leadMask(i: number): number {
    let mask = this.leadMasks[i] ?? -1;
    if (mask < 0) {
      const raw = this.label[i] ?? '';
      const { next, masks } = getLeadTrie();
      let node = 0;
      let end = leadStart(raw);
      for (; end < raw.length && node >= 0; end++) {
        const l = asciiLetter(raw.charCodeAt(end));
        if (l < 0) break;
        node = (next[node * 26 + l] ?? 0) || -1;
      }
      mask = node > 0 && (end === raw.length || asciiLetter(raw.charCodeAt(end)) < 0) ? (masks[node] ?? 0) : 0;
      this.leadMasks[i] = mask;
    }
    return mask;
  }

  /** Whether strip(i) starts with a word of the list `list` (from leadWords). */
  leadsWith(i: number, list: number): boolean {
    return (this.leadMask(i) & list) !== 0;
  }

  /** Whether head line `index` is in a contact block: inContactBlock(this.head, index). */
  inContactBlock(index: number): boolean {
    for (let i = Math.max(0, index - 3); i <= index; i++) if (this.hasContactCue(i)) return true;
    return false;
  }

  /** re.test(label[i]), computed once: `bit` says it is computed, `bit << 1` holds the result. */
  private flag(i: number, bit: number, re: RegExp): boolean {
    let f = this.flags[i] ?? 0;
    if ((f & bit) === 0) {
      f |= bit;
      if (re.test(this.label[i] ?? '')) f |= bit << 1;
      this.flags[i] = f;
    }
    return (f & (bit << 1)) !== 0;
  }
}

const LINE_FLAGS = new Uint8Array(LABEL_LINES);
const LINE_LEADS = new Int32Array(LABEL_LINES);
const LINE_LEAD_MASKS = new Int32Array(LABEL_LINES);
const COLON = /[:：]/;
const DASH = /[-–—]/;

/** Where stripMarkup(raw) starts in raw: the first character that is neither leading markup nor whitespace. */
function leadStart(raw: string): number {
  let k = 0;
  while (k < raw.length && (LEAD_MARKUP.has(raw.charCodeAt(k)) || isSpaceCode(raw.charCodeAt(k)))) k++;
  return k;
}

/**
 * A list of the words (runs of ASCII letters, lower case) label patterns can start with: each
 * alternative's first word, cut before its first character that is not an ASCII letter ("intitulé" →
 * "intitul"). The patterns are case-insensitive without the `u` flag, so they match these letters
 * only, and the run a line starts with must be one of the words. Returns the list's bit for leadsWith.
 */
function leadWords(words: string): number {
  LEAD_WORD_LISTS.push(words.split(' '));
  return 1 << (LEAD_WORD_LISTS.length - 1);
}

const LEAD_WORD_LISTS: string[][] = [];
let leadTrie: { next: Int32Array; masks: Int32Array } | null = null;

/** The trie of all label words: node → mask of the lists with the word ending there. */
function getLeadTrie(): { next: Int32Array; masks: Int32Array } {
  if (leadTrie) return leadTrie;
  const next: number[] = new Array<number>(26).fill(0);
  const masks: number[] = [0];
  LEAD_WORD_LISTS.forEach((list, bit) => {
    for (const word of list) {
      if (!ANCHOR_WORD.test(word)) throw new Error(`metadata: bad label word ${word}`);
      let node = 0;
      for (let i = 0; i < word.length; i++) {
        const k = node * 26 + word.charCodeAt(i) - 97;
        let child = next[k] ?? 0;
        if (child === 0) {
          child = masks.length;
          masks.push(0);
          for (let j = 0; j < 26; j++) next.push(0);
          next[k] = child;
        }
        node = child;
      }
      masks[node] = (masks[node] ?? 0) | (1 << bit);
    }
  });
  leadTrie = { next: Int32Array.from(next), masks: Int32Array.from(masks) };
  return leadTrie;
}

/* ------------------------------------------------------------------------ */
/* Language                                                                  */
/* ------------------------------------------------------------------------ */

const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: 'the and of to with for you will our we your this that be or are have from who an on at is'.split(' '),
  fr: 'le les des et du un une vous nous pour avec dans est sur au aux votre notre qui sont ce cette ou pas par'.split(
    ' ',
  ),
  de: 'der die das und mit für ein eine einen sie wir ist zu von den dem auf bei im uns ihre ihr oder nicht sich als auch werden'.split(
    ' ',
  ),
  es: 'el los las y con para por una que del se es su sus nuestro nuestra al como tu está más'.split(' '),
  nl: 'het een en van voor met zijn wij je jouw ons onze bij niet naar ook op te dat die wordt jij'.split(' '),
  it: 'il di e che per con un una del della sono nel alla gli dei delle siamo lo ai al più nostro nostra ti'.split(' '),
  pt: 'o os as e do da dos das em para com um uma que não você nossa nosso são ao na no seu sua'.split(' '),
};
const LANG_ORDER = ['en', 'fr', 'de', 'es', 'nl', 'it', 'pt'] as const;
const STOPWORD_LANGS: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const lang of LANG_ORDER) {
    for (const w of STOPWORDS[lang] ?? []) {
      const list = m.get(w) ?? [];
      list.push(lang);
      m.set(w, list);
    }
  }
  return m;
})();

const SCRIPT_LATIN = /\p{Script=Latin}/u;
const SCRIPT_KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SCRIPT_HAN = /\p{Script=Han}/u;
const SCRIPT_HANGUL = /\p{Script=Hangul}/u;
const SCRIPT_ARABIC = /\p{Script=Arabic}/u;
const SCRIPT_HEBREW = /\p{Script=Hebrew}/u;
const SCRIPT_CYRILLIC = /\p{Script=Cyrillic}/u;
const LETTER = /\p{L}/u;

/** Classes of characters for language detection (0 = not classified yet). */
const CH_NONE = 1;
const CH_LATIN = 2;
const CH_KANA = 3;
const CH_HAN = 4;
const CH_HANGUL = 5;
const CH_ARABIC = 6;
const CH_HEBREW = 7;
const CH_CYRILLIC = 8;
const CH_OTHER_LETTER = 9;

/** The class of one character (a code point as a string): not a letter, or a letter of which script. */
function classifyChar(ch: string): number {
  if (!LETTER.test(ch)) return CH_NONE;
  if (SCRIPT_LATIN.test(ch)) return CH_LATIN;
  if (SCRIPT_KANA.test(ch)) return CH_KANA;
  if (SCRIPT_HAN.test(ch)) return CH_HAN;
  if (SCRIPT_HANGUL.test(ch)) return CH_HANGUL;
  if (SCRIPT_ARABIC.test(ch)) return CH_ARABIC;
  if (SCRIPT_HEBREW.test(ch)) return CH_HEBREW;
  if (SCRIPT_CYRILLIC.test(ch)) return CH_CYRILLIC;
  return CH_OTHER_LETTER;
}

/** Classes of the BMP code units, filled in as they are met (Latin-1 up front). */
const BMP_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x100; c++) BMP_CLASS[c] = classifyChar(String.fromCharCode(c));
/** Classes of astral code points met lately (a bounded cache). */
const ASTRAL_CLASS = new Map<number, number>();
/** Lower case of each Latin-1 character (toLowerCase keeps all of them one character long). */
const LATIN1_LOWER = new Uint16Array(0x100);
for (let c = 0; c < 0x100; c++) LATIN1_LOWER[c] = String.fromCharCode(c).toLowerCase().charCodeAt(0);

/**
 * Stopwords as a table probed by a hash of the lower-cased word (for words with Latin-1 letters beyond
 * ASCII; all-ASCII words are looked up in the anchor trie); each entry lists its languages (indexes
 * into LANG_ORDER).
 */
const STOP_WORD_LIST: readonly string[] = [...STOPWORD_LANGS.keys()];
const STOP_WORD_LANGS: readonly (readonly number[])[] = STOP_WORD_LIST.map((w) =>
  (STOPWORD_LANGS.get(w) ?? []).map((l) => LANG_ORDER.indexOf(l as (typeof LANG_ORDER)[number])),
);
const STOP_MAX_LEN = Math.max(...STOP_WORD_LIST.map((w) => w.length));
const STOP_TABLE_MASK = 1023;
const STOP_TABLE = new Int16Array(STOP_TABLE_MASK + 1).fill(-1);
const STOP_HASH = new Int32Array(STOP_WORD_LIST.length);
for (let id = 0; id < STOP_WORD_LIST.length; id++) {
  const w = STOP_WORD_LIST[id] ?? '';
  let h = 0;
  for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
  STOP_HASH[id] = h;
  let slot = h & STOP_TABLE_MASK;
  while ((STOP_TABLE[slot] ?? -1) >= 0) slot = (slot + 1) & STOP_TABLE_MASK;
  STOP_TABLE[slot] = id;
}

/** The stopword id of text[start, end) lower-cased, given the hash of its lower case; all its characters are Latin-1. */
function latin1StopWord(text: string, start: number, end: number, hash: number): number {
  for (let slot = hash & STOP_TABLE_MASK; ; slot = (slot + 1) & STOP_TABLE_MASK) {
    const id = STOP_TABLE[slot] ?? -1;
    if (id < 0) return -1;
    if (STOP_HASH[id] !== hash) continue;
    const w = STOP_WORD_LIST[id] ?? '';
    if (w.length !== end - start) continue;
    let same = true;
    for (let i = 0; i < w.length && same; i++) same = LATIN1_LOWER[text.charCodeAt(start + i)] === w.charCodeAt(i);
    if (same) return id;
  }
}

/**
 * ISO 639-1 code of the main language of `text`, by stopword counts for Latin
 * scripts and by script counts otherwise; null for too little text.
 */
export function detectLanguage(text: string): string | null {
  return analyse(text, null);
}

/**
 * detectLanguage(text), in one pass over the sample: letters are counted by
 * script and the words (runs of letters) looked up as stopwords as they end.
 * With `positions`, the same pass records where the anchors occur in the head
 * (the first HEAD_CHARS characters): for each anchor id, the starts of the
 * runs of ASCII letters it begins (or is, for a whole-run anchor); and records
 * the runs of digits of the sample and the flags of its words (see AnchorHits).
 * Each run of ASCII letters is read once, walking the trie as it is read: the
 * anchors it begins with are met on the way, and the node it ends at says which
 * anchor it is, which stopword, and its flags.
 */
function analyse(text: string, positions: AnchorHits | null): string | null {
  const n = Math.min(text.length, LANG_CHARS);
  const headEnd = positions ? Math.min(text.length, HEAD_CHARS) : 0;
  const trie = getAnchorTrie().table;
  let asciiLetters = 0;
  /** Letters beyond ASCII, and how many of them are Latin. */
  let wideLetters = 0;
  let wideLatin = 0;
  let kana = 0;
  let han = 0;
  let hangul = 0;
  let arabic = 0;
  let hebrew = 0;
  let cyrillic = 0;
  let total = 0;
  const counts = [0, 0, 0, 0, 0, 0, 0];
  /** Words with characters beyond Latin-1 and short enough to be stopwords: [start, end) pairs, looked up only if needed. */
  const wide: number[] = [];
  /** The word (run of letters) being read: its start (-1: none), and whether it is all ASCII (then it is one run). */
  let wordStart = -1;
  let wordAscii = true;
  /** The TRIE_INFO of the node the last run of ASCII letters ended at: the stopword of an all-ASCII word. */
  let runInfo = 0;
  /** The TRIE_INFO entries of all runs, or-ed. */
  let infos = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      const l = (c | 0x20) - 97;
      if (l >= 0 && l < 26) {
        // A run of ASCII letters: read it in one go, walking the trie; the prefix anchors in the head
        // are recorded as they are met.
        let entry = trie[TRIE_ROOT + l] ?? 0;
        if (entry >= TRIE_PREFIX_UNIT && i < headEnd) recordAnchor(positions, entryPrefix(entry), i);
        let k = i + 1;
        for (; k < n; k++) {
          // (Any code unit from 0x80 on gives m >= 26.)
          const m = (text.charCodeAt(k) | 0x20) - 97;
          if (m < 0 || m >= 26) break;
          entry = trie[(entry & TRIE_OFFSET_MASK) + m] ?? 0;
          if (entry >= TRIE_PREFIX_UNIT && k < headEnd) recordAnchor(positions, entryPrefix(entry), i);
        }
        runInfo = trie[(entry & TRIE_OFFSET_MASK) + TRIE_INFO] ?? 0;
        infos |= runInfo;
        if (i < headEnd) {
          // A run cut by the end of the head is the shorter run there.
          const a = k <= headEnd ? infoExact(runInfo) : exactAnchor(text, i, headEnd);
          if (a >= 0) recordAnchor(positions, a, i);
        }
        asciiLetters += k - i;
        if (wordStart < 0) {
          wordStart = i;
          wordAscii = true;
          total++;
        }
        i = k - 1;
        continue;
      }
      if (wordStart >= 0) {
        if (wordAscii) {
          const id = infoStop(runInfo);
          if (id >= 0) countStop(id, counts);
        } else endWideWord(text, wordStart, i, counts, wide);
        wordStart = -1;
      }
      if (c <= 0x39 && c >= 0x30 && positions) {
        let k = i + 1;
        while (k < n && isDigit(text.charCodeAt(k))) k++;
        positions.addDigits(i, k);
        i = k - 1;
      }
      continue;
    }
    let cls: number;
    let next = i + 1;
    if (c < 0x100) cls = BMP_CLASS[c] ?? CH_NONE;
    else {
      const d = c >= 0xd800 && c <= 0xdbff && next < n ? text.charCodeAt(next) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        let k = ASTRAL_CLASS.get(cp);
        if (k === undefined) {
          k = classifyChar(String.fromCodePoint(cp));
          if (ASTRAL_CLASS.size >= 4096) ASTRAL_CLASS.clear();
          ASTRAL_CLASS.set(cp, k);
        }
        cls = k;
        next++;
      } else {
        cls = BMP_CLASS[c] ?? 0;
        if (cls === 0) {
          cls = classifyChar(String.fromCharCode(c));
          BMP_CLASS[c] = cls;
        }
      }
    }
    if (cls === CH_NONE) {
      if (wordStart >= 0) {
        if (wordAscii) {
          const id = infoStop(runInfo);
          if (id >= 0) countStop(id, counts);
        } else endWideWord(text, wordStart, i, counts, wide);
        wordStart = -1;
      }
      continue;
    }
    wideLetters++;
    if (cls === CH_LATIN) wideLatin++;
    else if (cls === CH_KANA) kana++;
    else if (cls === CH_HAN) han++;
    else if (cls === CH_HANGUL) hangul++;
    else if (cls === CH_ARABIC) arabic++;
    else if (cls === CH_HEBREW) hebrew++;
    else if (cls === CH_CYRILLIC) cyrillic++;
    if (wordStart < 0) {
      wordStart = i;
      total++;
    }
    wordAscii = false;
    i = next - 1;
  }
  if (wordStart >= 0) {
    if (wordAscii) {
      const id = infoStop(runInfo);
      if (id >= 0) countStop(id, counts);
    } else endWideWord(text, wordStart, n, counts, wide);
  }
  if (positions) {
    positions.digitLimit = n;
    // Past the sample, any word may occur.
    positions.wordFlags = n === text.length ? infos >>> INFO_FLAG_SHIFT : -1;
  }
  const letters = asciiLetters + wideLetters;
  const latin = asciiLetters + wideLatin;
  if (letters < 10) return null;
  const nonLatin = letters - latin;
  if (nonLatin > latin) {
    const scripts: Array<[string, number]> = [
      ['ja', kana > 0 ? kana + han : 0],
      ['zh', kana > 0 ? 0 : han],
      ['ko', hangul],
      ['ar', arabic],
      ['he', hebrew],
      ['ru', cyrillic],
    ];
    let best: [string, number] = ['', 0];
    for (const s of scripts) if (s[1] > best[1]) best = s;
    return best[1] >= 5 ? best[0] : null;
  }
  if (total < 4) return null;
  // Lower-casing never shortens a string, so longer words cannot be stopwords.
  for (let k = 0; k < wide.length; k += 2) {
    const langs = STOPWORD_LANGS.get(text.slice(wide[k], wide[k + 1]).toLowerCase());
    if (!langs) continue;
    for (const l of langs) {
      const li = LANG_ORDER.indexOf(l as (typeof LANG_ORDER)[number]);
      counts[li] = (counts[li] ?? 0) + 1;
    }
  }
  let bestLang: string | null = null;
  let bestCount = 0;
  for (let li = 0; li < LANG_ORDER.length; li++) {
    const c = counts[li] ?? 0;
    if (c > bestCount) {
      bestCount = c;
      bestLang = LANG_ORDER[li] ?? null;
    }
  }
  return bestCount >= 2 ? bestLang : null;
}

/**
 * A word (run of letters) text[start, end) with letters beyond ASCII has been read: counts it if it
 * is a stopword (in `counts`, or in `wide` to look up later when it has characters beyond Latin-1).
 * (The anchors of its runs of ASCII letters were recorded as they were read.)
 */
function endWideWord(text: string, start: number, end: number, counts: number[], wide: number[]): void {
  if (end - start > STOP_MAX_LEN) return;
  let hash = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x100) {
      wide.push(start, end);
      return;
    }
    hash = (Math.imul(hash, 31) + (LATIN1_LOWER[c] ?? 0)) | 0;
  }
  const id = latin1StopWord(text, start, end, hash);
  if (id >= 0) countStop(id, counts);
}

const NO_LANGS: readonly number[] = [];

function countStop(id: number, counts: number[]): void {
  const langs = STOP_WORD_LANGS[id] ?? NO_LANGS;
  for (let k = 0; k < langs.length; k++) {
    const l = langs[k] ?? 0;
    counts[l] = (counts[l] ?? 0) + 1;
  }
}

/** The whole-run anchor the run of ASCII letters text[start, end) is, or -1. */
function exactAnchor(text: string, start: number, end: number): number {
  const trie = getAnchorTrie().table;
  let row = TRIE_ROOT;
  for (let k = start; k < end && row !== TRIE_DEAD; k++) {
    row = (trie[row + ((text.charCodeAt(k) | 0x20) - 97)] ?? 0) & TRIE_OFFSET_MASK;
  }
  return infoExact(trie[row + TRIE_INFO] ?? 0);
}

/* ------------------------------------------------------------------------ */
/* Head index: where anchor words occur, to run regexes only near them      */
/* ------------------------------------------------------------------------ */

/*
 * An anchor is a lower-case ASCII word looked for at the start of a run of
 * ASCII letters (after a character that is not an ASCII letter, or at the
 * start): "word" matches any run beginning with it, "=word" only the whole run.
 *
 * A regex scanning the head gets anchors that every one of its matches
 * contains: a literal of the pattern that follows `\b`, `\s`, `-` or a
 * non-ASCII letter (so it starts a run), ending before `\s`, `\b` or a
 * non-ASCII letter when the anchor is a whole run. Case-insensitive patterns
 * without the `u` flag match an ASCII letter only in either case, so anchors
 * (which ignore case) find every match. The regex then runs anchored (sticky)
 * only at the positions where a match containing an anchor can start, in
 * increasing order, which gives the match a global search would give (see
 * {@link searchAnchored}); with no anchor in the head it does not run at all.
 */

const ANCHOR_WORDS: string[] = [];
const ANCHOR_EXACT: boolean[] = [];
const ANCHOR_IDS = new Map<string, number>();
const ANCHOR_WORD = /^[a-z]+$/;

/** Ids of the anchors of a space-separated list ("word": run prefix, "=word": whole run). */
function anchorIds(spec: string): readonly number[] {
  return spec.split(' ').map((key) => {
    let id = ANCHOR_IDS.get(key);
    if (id === undefined) {
      const exact = key.startsWith('=');
      const word = exact ? key.slice(1) : key;
      if (!ANCHOR_WORD.test(word)) throw new Error(`metadata: bad anchor ${key}`);
      id = ANCHOR_WORDS.length;
      ANCHOR_WORDS.push(word);
      ANCHOR_EXACT.push(exact);
      ANCHOR_IDS.set(key, id);
    }
    return id;
  });
}

/**
 * The trie of the anchors and of the all-ASCII stopwords, as one table of rows of TRIE_STRIDE entries,
 * one row per node, a node named by the offset of its row. Entry `letter` (0-25) of a row: the child's
 * offset (TRIE_DEAD for none) in the low TRIE_OFFSET_BITS bits, and above them 1 + the id of the prefix
 * anchor ending at the child (0 for none). Entry TRIE_INFO: 1 + the id of the whole-run anchor ending
 * at the node (0 for none) in the low INFO_STOP_SHIFT bits, above them 1 + the id (in STOP_WORD_LIST)
 * of the stopword ending there (0 for none), and from INFO_FLAG_SHIFT on the flags (see wordFlag) of
 * the word ending there. TRIE_DEAD's row is all zeros, so a walk can go on past the end of the trie. Nodes are numbered breadth first from TRIE_ROOT, so the top levels are close together.
 */
interface AnchorTrie {
  table: Int32Array;
  /** anchor id → length. */
  length: Int32Array;
}

const TRIE_STRIDE = 27;
const TRIE_INFO = 26;
const TRIE_DEAD = 0;
const TRIE_ROOT = TRIE_STRIDE;
const TRIE_OFFSET_BITS = 20;
const TRIE_OFFSET_MASK = (1 << TRIE_OFFSET_BITS) - 1;
/** An entry at least this big holds a prefix anchor. */
const TRIE_PREFIX_UNIT = 1 << TRIE_OFFSET_BITS;

/** The prefix anchor id of a letter entry of the trie, or -1. */
function entryPrefix(entry: number): number {
  return (entry >>> TRIE_OFFSET_BITS) - 1;
}

const INFO_STOP_SHIFT = 11;
const INFO_FLAG_SHIFT = 26;

/** The whole-run anchor id of a TRIE_INFO entry of the trie, or -1. */
function infoExact(info: number): number {
  return (info & ((1 << INFO_STOP_SHIFT) - 1)) - 1;
}

/** The stopword id of a TRIE_INFO entry of the trie, or -1. */
function infoStop(info: number): number {
  return ((info >>> INFO_STOP_SHIFT) & ((1 << (INFO_FLAG_SHIFT - INFO_STOP_SHIFT)) - 1)) - 1;
}

/** Lists of words (lower-case ASCII letters) flagged in the trie: list k has flag 1 << k. */
const FLAGGED_WORDS: string[][] = [];

/**
 * A flag for the runs of ASCII letters that are one of `words` (ignoring case): analyse tells
 * whether the text has one (AnchorHits.wordFlags).
 */
function wordFlag(words: string): number {
  FLAGGED_WORDS.push(words.split(' '));
  if (FLAGGED_WORDS.length > 31 - INFO_FLAG_SHIFT) throw new Error('metadata: too many word flags');
  return 1 << (FLAGGED_WORDS.length - 1);
}

let anchorTrie: AnchorTrie | null = null;

/** The trie of all anchors, built on first use (after every regex has registered its anchors). */
function getAnchorTrie(): AnchorTrie {
  if (anchorTrie) return anchorTrie;
  const next: number[] = new Array<number>(26).fill(0);
  const prefix: number[] = [-1];
  const exact: number[] = [-1];
  const stop: number[] = [-1];
  const insert = (word: string): number => {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const k = node * 26 + word.charCodeAt(i) - 97;
      let child = next[k] ?? 0;
      if (child === 0) {
        child = prefix.length;
        prefix.push(-1);
        exact.push(-1);
        stop.push(-1);
        for (let j = 0; j < 26; j++) next.push(0);
        next[k] = child;
      }
      node = child;
    }
    return node;
  };
  for (let id = 0; id < ANCHOR_WORDS.length; id++) {
    const node = insert(ANCHOR_WORDS[id] ?? '');
    if (ANCHOR_EXACT[id]) exact[node] = id;
    else prefix[node] = id;
  }
  STOP_WORD_LIST.forEach((word, id) => {
    if (ANCHOR_WORD.test(word)) stop[insert(word)] = id;
  });
  const flags: number[] = [];
  FLAGGED_WORDS.forEach((list, bit) => {
    for (const word of list) {
      if (!ANCHOR_WORD.test(word)) throw new Error(`metadata: bad flagged word ${word}`);
      const node = insert(word);
      flags[node] = (flags[node] ?? 0) | (1 << bit);
    }
  });
  // Renumber the nodes breadth first.
  const order = [0];
  for (let k = 0; k < order.length; k++) {
    const node = order[k] ?? 0;
    for (let l = 0; l < 26; l++) {
      const child = next[node * 26 + l] ?? 0;
      if (child !== 0) order.push(child);
    }
  }
  const size = TRIE_ROOT + order.length * TRIE_STRIDE;
  if (
    size > TRIE_OFFSET_MASK ||
    ANCHOR_WORDS.length + 1 >= 1 << INFO_STOP_SHIFT ||
    STOP_WORD_LIST.length + 1 >= 1 << (INFO_FLAG_SHIFT - INFO_STOP_SHIFT)
  ) {
    throw new Error('metadata: anchor trie too big');
  }
  const rows = new Array<number>(order.length);
  order.forEach((node, k) => {
    rows[node] = TRIE_ROOT + k * TRIE_STRIDE;
  });
  const trie: AnchorTrie = {
    table: new Int32Array(size),
    length: Int32Array.from(ANCHOR_WORDS.map((w) => w.length)),
  };
  order.forEach((node, k) => {
    const row = TRIE_ROOT + k * TRIE_STRIDE;
    for (let l = 0; l < 26; l++) {
      const child = next[node * 26 + l] ?? 0;
      if (child !== 0) trie.table[row + l] = (rows[child] ?? 0) + ((prefix[child] ?? -1) + 1) * TRIE_PREFIX_UNIT;
    }
    trie.table[row + TRIE_INFO] =
      (exact[node] ?? -1) + 1 + (((stop[node] ?? -1) + 1) << INFO_STOP_SHIFT) + ((flags[node] ?? 0) << INFO_FLAG_SHIFT);
  });
  anchorTrie = trie;
  return anchorTrie;
}

/** Lower-case ASCII letter index 0-25 of a code unit, or -1 for anything else. */
function asciiLetter(c: number): number {
  const l = c | 0x20;
  return l >= 97 && l <= 122 ? l - 97 : -1;
}

/** Whether a code unit is a regex word character ([A-Za-z0-9_], what `\b` looks at without the `u` flag). */
function isWordChar(c: number): boolean {
  return asciiLetter(c) >= 0 || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** Where a match starting at a word character after `\b` can be. */
function wordStart(text: string, p: number): boolean {
  return isWordChar(text.charCodeAt(p)) && (p === 0 || !isWordChar(text.charCodeAt(p - 1)));
}

/** How far before an anchor a match may start (see AnchoredRegex.window). */
const AT_ANCHOR = -1;
const ONE_BEFORE = -2;
const SENTENCE_START_BEFORE = -3;
const NAME_BEFORE = -4;
/** How many tokens a NAME_BEFORE window goes back at most (a name has at most 13, then is/are and an adverb). */
const NAME_TOKENS = 20;
/** Lower-case tokens a company name and what follows it up to the verb may have (COMPANY_NAME's joiners, is/are, adverbs). */
const NAME_LOWER_TOKENS: readonly string[] = [
  'of',
  'and',
  'de',
  'et',
  'und',
  'y',
  'is',
  'are',
  'currently',
  'now',
  'actively',
];

function isNameLowerToken(text: string, start: number, end: number): boolean {
  for (const w of NAME_LOWER_TOKENS) if (w.length === end - start && text.startsWith(w, start)) return true;
  return false;
}

/** A regex scanning the head (or keyword head), with what it needs to run only near its anchors. */
interface AnchoredRegex {
  /** The pattern, sticky. */
  sticky: RegExp;
  /** Every match contains one of these anchors... */
  anchors: readonly number[];
  /**
   * ...and starts, relative to it, within: AT_ANCHOR at the anchor itself;
   * ONE_BEFORE the anchor or the character before; SENTENCE_START_BEFORE the
   * whitespace before the anchor or the two characters before that; n >= 0
   * the anchor's whitespace-delimited token or the n tokens before it;
   * NAME_BEFORE the tokens before the anchor back to one that cannot be in a
   * company name (COMPANY_NAME and is/are, an adverb) or NAME_TOKENS of them.
   * In each kind, the window of a later anchor never starts earlier.
   */
  window: number;
  /** Whether a match may start at p (a cheap test before running the regex); null: anywhere in the window. */
  mayStart: ((text: string, p: number) => boolean) | null;
  /**
   * Whether the anchor at q can be the one of a match (a cheap test of what must surround it, such as
   * the exact case of a case-sensitive word); null: always. A match must have an accepted anchor.
   */
  accept: ((text: string, q: number) => boolean) | null;
  /** Searched in the keyword head rather than the head. */
  keyword: boolean;
}

function anchored(
  re: RegExp,
  spec: string,
  window: number,
  mayStart: ((text: string, p: number) => boolean) | null = null,
  keyword = false,
  accept: ((text: string, q: number) => boolean) | null = null,
): AnchoredRegex {
  const flags = `${re.flags.replace(/[gy]/g, '')}y`;
  const anchors = anchorIds(spec);
  if (anchors.length > MAX_ANCHORS) throw new Error('metadata: too many anchors');
  return {
    sticky: new RegExp(re.source, flags),
    anchors,
    window,
    mayStart,
    keyword,
    accept,
  };
}

/** Start of the window of an anchor at q, not below `floor`. */
function windowStart(text: string, q: number, window: number, floor: number): number {
  if (window === AT_ANCHOR) return q;
  if (window === ONE_BEFORE) return q - 1;
  let j = q;
  if (window === SENTENCE_START_BEFORE) {
    while (j > floor && isSpaceCode(text.charCodeAt(j - 1))) j--;
    return j - 2;
  }
  if (window === NAME_BEFORE) {
    // Tokens wholly between a match's start and its verb are name words (upper case), joiners, is/are
    // or adverbs; the first other token going back holds the start or comes before it.
    while (j > floor && !isSpaceCode(text.charCodeAt(j - 1))) j--;
    for (let n = 0; n < NAME_TOKENS && j > floor; n++) {
      while (j > floor && isSpaceCode(text.charCodeAt(j - 1))) j--;
      const end = j;
      while (j > floor && !isSpaceCode(text.charCodeAt(j - 1))) j--;
      const c = text.charCodeAt(j);
      if (c >= 0x61 && c <= 0x7a && !isNameLowerToken(text, j, end)) return j;
    }
    return j;
  }
  while (j > floor && !isSpaceCode(text.charCodeAt(j - 1))) j--;
  for (let n = 0; n < window && j > floor; n++) {
    while (j > floor && isSpaceCode(text.charCodeAt(j - 1))) j--;
    while (j > floor && !isSpaceCode(text.charCodeAt(j - 1))) j--;
  }
  return j;
}

/**
 * What analyse found in a document: where the anchors occur in the head, for each anchor its
 * occurrences in order (a list linked through `next`); the runs of digits; the flags of its words.
 * One is reused from document to document (extractMetadata is synchronous: reset() at its start).
 */
class AnchorHits {
  /** Occurrence → its start, and the next occurrence of the same anchor (-1: none). */
  pos = new Int32Array(256);
  next = new Int32Array(256);
  count = 0;
  /** anchor id → its first occurrence (-1: none), its last, and the start of its first (-1: none). */
  readonly head: Int32Array = new Int32Array(ANCHOR_WORDS.length).fill(-1);
  readonly tail: Int32Array = new Int32Array(ANCHOR_WORDS.length);
  readonly first: Int32Array = new Int32Array(ANCHOR_WORDS.length).fill(-1);

  /** The runs of digits [start, end) of text[0, digitLimit), in order, as pairs (digitCount numbers). */
  digits = new Int32Array(64);
  digitCount = 0;
  digitLimit = 0;
  /** The flags (see wordFlag) of the runs of ASCII letters of the text, or-ed. */
  wordFlags = 0;

  reset(): this {
    this.count = 0;
    this.head.fill(-1);
    this.first.fill(-1);
    this.digitCount = 0;
    this.digitLimit = 0;
    this.wordFlags = 0;
    return this;
  }

  addDigits(start: number, end: number): void {
    if (this.digitCount + 2 > this.digits.length) {
      const digits = new Int32Array(this.digits.length * 2);
      digits.set(this.digits);
      this.digits = digits;
    }
    this.digits[this.digitCount++] = start;
    this.digits[this.digitCount++] = end;
  }

  add(start: number, anchor: number): void {
    if (this.count === this.pos.length) {
      const pos = new Int32Array(this.pos.length * 2);
      pos.set(this.pos);
      this.pos = pos;
      const next = new Int32Array(this.next.length * 2);
      next.set(this.next);
      this.next = next;
    }
    const h = this.count++;
    this.pos[h] = start;
    this.next[h] = -1;
    if ((this.head[anchor] ?? 0) < 0) {
      this.head[anchor] = h;
      this.first[anchor] = start;
    } else this.next[this.tail[anchor] ?? 0] = h;
    this.tail[anchor] = h;
  }
}

let sharedHits: AnchorHits | null = null;

function recordAnchor(positions: AnchorHits | null, anchor: number, start: number): void {
  if (positions) positions.add(start, anchor);
}

/** Where the anchors occur in the head of a document: which regexes can match there, and near where. */
class HeadIndex {
  /** The anchors' occurrences in the head. */
  readonly hits: AnchorHits;
  private readonly first: Int32Array;
  /** Start of the run of letters cut by the end of the keyword head (-1: none), and its anchors there. */
  readonly cutRunStart: number;
  readonly cutRun = new Set<number>();

  constructor(head: string, positions: AnchorHits) {
    this.hits = positions;
    this.first = positions.first;
    // A run running over the end of the keyword head is a shorter run there.
    let start = -1;
    if (head.length > KEYWORD_CHARS && asciiLetter(head.charCodeAt(KEYWORD_CHARS)) >= 0) {
      start = KEYWORD_CHARS;
      while (start > 0 && asciiLetter(head.charCodeAt(start - 1)) >= 0) start--;
      if (start === KEYWORD_CHARS) start = -1;
    }
    this.cutRunStart = start;
    if (start >= 0) {
      const trie = getAnchorTrie().table;
      let row = TRIE_ROOT;
      for (let j = start; j < KEYWORD_CHARS && row !== TRIE_DEAD; j++) {
        const entry = trie[row + asciiLetter(head.charCodeAt(j))] ?? 0;
        if (entry >= TRIE_PREFIX_UNIT) this.cutRun.add(entryPrefix(entry));
        row = entry & TRIE_OFFSET_MASK;
      }
      const exact = infoExact(trie[row + TRIE_INFO] ?? 0);
      if (exact >= 0) this.cutRun.add(exact);
    }
  }

  /** Whether one of the anchors occurs in the head. */
  any(ids: readonly number[]): boolean {
    for (const id of ids) if ((this.first[id] ?? -1) >= 0) return true;
    return false;
  }

  /** Whether one of the anchors occurs in the keyword head (the first KEYWORD_CHARS characters). */
  anyKeyword(ids: readonly number[]): boolean {
    const length = getAnchorTrie().length;
    for (const id of ids) {
      const p = this.first[id] ?? -1;
      if (p >= 0 && p + (length[id] ?? 0) <= KEYWORD_CHARS) return true;
      if (this.cutRun.has(id)) return true;
    }
    return false;
  }
}

/**
 * The match a global search of `text` (the head, or the keyword head) with
 * re's pattern from `from` finds. Every match starts inside the window of an
 * accepted anchor occurrence; the windows are visited in the order of their
 * anchors (their starts never go down, see AnchoredRegex.window) and each
 * position is tried at most once, in increasing order, with the sticky
 * pattern, so the first position that matches is the one a global search
 * would match at, and the match is the same.
 */
function searchAnchored(re: AnchoredRegex, text: string, index: HeadIndex, from: number): RegExpExecArray | null {
  const { pos, next, head } = index.hits;
  // A cursor per anchor (its first occurrence at or after `from`); the anchors are merged in order.
  const ids = re.anchors;
  const cursors = CURSORS;
  for (let j = 0; j < ids.length; j++) {
    let h = head[ids[j] ?? 0] ?? -1;
    while (h >= 0 && (pos[h] ?? 0) < from) h = next[h] ?? -1;
    cursors[j] = h;
  }
  // In the keyword head, the run cut by its end may hold anchors the head's longer run does not.
  let cut = -1;
  if (re.keyword && index.cutRunStart >= from) {
    for (const id of ids) if (index.cutRun.has(id)) cut = index.cutRunStart;
  }
  let frontier = from;
  let last = -1;
  for (;;) {
    let best = -1;
    let q = cut;
    for (let j = 0; j < ids.length; j++) {
      const h = cursors[j] ?? -1;
      if (h >= 0 && (q < 0 || (pos[h] ?? 0) < q)) {
        q = pos[h] ?? 0;
        best = j;
      }
    }
    if (q < 0) break;
    if (best >= 0) cursors[best] = next[cursors[best] ?? 0] ?? -1;
    else cut = -1;
    if (q === last) continue;
    last = q;
    if (q >= text.length) break;
    if (re.accept && !re.accept(text, q)) continue;
    let p = windowStart(text, q, re.window, frontier);
    if (p < frontier) p = frontier;
    for (; p <= q; p++) {
      if (re.mayStart && !re.mayStart(text, p)) continue;
      re.sticky.lastIndex = p;
      const m = re.sticky.exec(text);
      if (m !== null) return m;
    }
    frontier = q + 1;
  }
  return null;
}

/** searchAnchored's cursors, one per anchor of a regex (it is never re-entered). */
const MAX_ANCHORS = 32;
const CURSORS = new Int32Array(MAX_ANCHORS);

/** Whether one of the characters .!?\n is at p, or p is the start. */
function sentenceMark(text: string, p: number): boolean {
  if (p === 0) return true;
  const c = text.charCodeAt(p);
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a;
}

/** Whether a match can start at p after a word boundary, or at an opening parenthesis. */
function wordStartOrParen(text: string, p: number): boolean {
  return wordStart(text, p) || text.charCodeAt(p) === 0x28;
}

/** An accept test: the anchor is one of `words`, in this exact case (for case-sensitive patterns). */
function startsWithOneOf(...words: string[]): (text: string, q: number) => boolean {
  return (text, q) => {
    for (const w of words) if (text.startsWith(w, q)) return true;
    return false;
  };
}

const UPPER_AT = /\p{Lu}/uy;

/** Whether an upper-case letter (\p{Lu}) is at k. */
function upperAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  UPPER_AT.lastIndex = k;
  return UPPER_AT.test(text);
}

/** Start of the whitespace-delimited token before the whitespace before q; -1 if no whitespace or token precedes q. */
function tokenBefore(text: string, q: number): number {
  let j = q;
  while (j > 0 && isSpaceCode(text.charCodeAt(j - 1))) j--;
  if (j === q || j === 0) return -1;
  while (j > 0 && !isSpaceCode(text.charCodeAt(j - 1))) j--;
  return j;
}

/**
 * Whether the token before the whitespace before q can end a company name (COMPANY_NAME): it starts
 * with an upper-case letter or "(", or has one of `glue` (a sentence start the name is glued to,
 * as in "here.Acme") followed by an upper-case letter.
 */
function nameEndsBefore(text: string, q: number, glue: string): boolean {
  const start = tokenBefore(text, q);
  if (start < 0) return false;
  if (text.charCodeAt(start) === 0x28 || upperAt(text, start)) return true;
  for (let k = start; k < q && !isSpaceCode(text.charCodeAt(k)); k++) {
    if (glue.includes(text.charAt(k)) && upperAt(text, k + 1)) return true;
  }
  return false;
}

/** Whether one of the anchors is in the head (or keyword head). */
type Gate = (index: HeadIndex) => boolean;

/** Some anchor of `spec` occurs in the head. */
function inHead(spec: string): Gate {
  const ids = anchorIds(spec);
  return (index) => index.any(ids);
}

/** Some anchor of `spec` occurs in the keyword head. */
function inKeywordHead(spec: string): Gate {
  const ids = anchorIds(spec);
  return (index) => index.anyKeyword(ids);
}

function allOf(...gates: Gate[]): Gate {
  return (index) => {
    for (const g of gates) if (!g(index)) return false;
    return true;
  };
}

function anyOf(...gates: Gate[]): Gate {
  return (index) => {
    for (const g of gates) if (g(index)) return true;
    return false;
  };
}

/* ------------------------------------------------------------------------ */
/* Role nouns: what a job title is built around                              */
/* ------------------------------------------------------------------------ */

const ROLE_NOUNS: ReadonlySet<string> = new Set(
  [
    // English
    'engineer developer programmer architect scientist analyst designer manager director executive president vp',
    'chief officer head lead leader supervisor superintendent foreman coordinator co-ordinator administrator',
    'specialist consultant advisor adviser counsellor counselor representative rep associate assistant aide',
    'attendant agent clerk secretary receptionist cashier buyer planner scheduler dispatcher recruiter writer',
    'editor journalist translator interpreter researcher fellow postdoc professor lecturer instructor educator',
    'teacher tutor trainer coach librarian pharmacist physician doctor surgeon dentist therapist nurse midwife',
    'paramedic psychologist physiotherapist caregiver carer worker helper labourer laborer cleaner housekeeper',
    'janitor porter guard solicitor lawyer attorney paralegal barrister counsel chef cook baker butcher barista',
    'bartender server waiter waitress host hostess steward driver courier picker packer loader stocker',
    'merchandiser salesperson estimator surveyor inspector auditor accountant bookkeeper controller treasurer',
    'actuary underwriter adjuster broker banker teller trader investigator technician technologist mechanic',
    'electrician plumber carpenter welder machinist operator fitter installer operative owner strategist',
    'marketer producer artist animator photographer videographer musician nanny practitioner hygienist',
    'optometrist veterinarian statistician economist intern trainee apprentice volunteer expert sre millwright',
    'roofer bricklayer plasterer painter decorator glazier joiner landscaper gardener groundskeeper lifeguard',
    'captain deckhand crew storekeeper warehouseman shopkeeper salesman saleswoman concierge doorman',
    'manageress handler tester administrator registrar clinician dietitian radiographer sonographer',
    // French
    'ingénieur ingénieure développeur développeuse technicien technicienne responsable directeur directrice',
    'assistante conseiller conseillère commercial commerciale comptable infirmier infirmière aide-soignant',
    'aide-soignante chargé chargée gestionnaire employé employée opérateur opératrice vendeur vendeuse',
    'cuisinier cuisinière serveur serveuse animateur animatrice éducateur éducatrice auxiliaire préparateur',
    'préparatrice magasinier cariste caissier caissière manutentionnaire chauffeur livreur coordinateur',
    'coordinatrice consultante analyste architecte formateur formatrice enseignant enseignante professeur',
    'médecin pharmacien pharmacienne secrétaire hôtesse stagiaire alternant alternante apprenti apprentie',
    'ouvrier ouvrière électricien plombier mécanicien soudeur contrôleur acheteur acheteuse juriste avocat',
    'avocate ambulancier psychologue agente',
    // Spanish
    'ingeniero ingeniera desarrollador desarrolladora programador programadora gerente jefe jefa analista',
    'técnico técnica asistente administrativo administrativa vendedor vendedora enfermero enfermera',
    'profesora docente maestro maestra camarero camarera cocinero cocinera conductora operario operaria',
    'coordinador coordinadora directora diseñador diseñadora consultor consultora recepcionista dependiente',
    'dependienta limpiador limpiadora repartidor repartidora ayudante becario becaria abogado abogada médico',
    'médica farmacéutico electricista fontanero mecánico soldador cajero cajera especialista supervisora',
    'educador educadora cuidador cuidadora teleoperador teleoperadora encargado encargada gestor gestora',
    'arquitecto arquitecta investigador investigadora',
  ]
    .join(' ')
    .split(' '),
);

/** German (and Dutch) compounds end with the role noun: "Softwareentwickler", "Pflegefachkraft". */
const ROLE_SUFFIXES: readonly string[] = [
  'entwickler',
  'ingenieur',
  'leiter',
  'berater',
  'techniker',
  'manager',
  'referent',
  'kraft',
  'mitarbeiter',
  'kaufmann',
  'kauffrau',
  'sachbearbeiter',
  'elektriker',
  'elektroniker',
  'monteur',
  'mechaniker',
  'mechatroniker',
  'verkäufer',
  'assistenz',
  'assistent',
  'pfleger',
  'erzieher',
  'lehrer',
  'arzt',
  'ärztin',
  'fahrer',
  'architekt',
  'spezialist',
  'koordinator',
  'praktikant',
  'werkstudent',
  'auszubildende',
  'helfer',
  'buchhalter',
  'betreuer',
  'therapeut',
  'redakteur',
  'programmierer',
  'disponent',
  'lagerist',
  'fachmann',
  'fachfrau',
  'medewerker',
  'adviseur',
  'beheerder',
  'engineer',
  'developer',
];
const GENDER_SUFFIX = /(?:[:*/_]in(?:nen)?|\(in\)|innen|in)$/;
const ELISION = /^(?:d|l|qu)['’]/;
const ROLE_TOKEN = /[\p{L}][\p{L}'’-]*/gu;
/** ROLE_SUFFIXES grouped by length, so a word's endings are a few set look-ups. */
const ROLE_SUFFIX_SETS: ReadonlyArray<readonly [number, ReadonlySet<string>]> = (() => {
  const byLength = new Map<number, Set<string>>();
  for (const suffix of ROLE_SUFFIXES) {
    const set = byLength.get(suffix.length) ?? new Set<string>();
    set.add(suffix);
    byLength.set(suffix.length, set);
  }
  return [...byLength.entries()];
})();

function endsWithRoleSuffix(t: string): boolean {
  for (const [length, set] of ROLE_SUFFIX_SETS) {
    if (t.length >= length && set.has(t.slice(t.length - length))) return true;
  }
  return false;
}

/** isRoleToken results by token (tokens repeat a lot); cleared when it grows large. */
const ROLE_TOKEN_CACHE = new Map<string, boolean>();

function isRoleToken(raw: string): boolean {
  let known = ROLE_TOKEN_CACHE.get(raw);
  if (known === undefined) {
    known = computeIsRoleToken(raw);
    if (ROLE_TOKEN_CACHE.size >= 20000) ROLE_TOKEN_CACHE.clear();
    ROLE_TOKEN_CACHE.set(raw, known);
  }
  return known;
}

function computeIsRoleToken(raw: string): boolean {
  const t = raw.toLowerCase().replace(ELISION, '');
  if (ROLE_NOUNS.has(t)) return true;
  if (t.includes('-')) {
    for (const part of t.split('-')) if (ROLE_NOUNS.has(part)) return true;
  }
  if (t.length < 6) return false;
  const bare = t.replace(GENDER_SUFFIX, '');
  return endsWithRoleSuffix(t) || endsWithRoleSuffix(bare);
}

/** Whether a phrase names a role (contains a role noun in the singular). */
function hasRoleNoun(phrase: string): boolean {
  const s = cut(phrase, 300);
  ROLE_TOKEN.lastIndex = 0;
  for (let m = ROLE_TOKEN.exec(s); m !== null; m = ROLE_TOKEN.exec(s)) {
    if (isRoleToken(m[0])) return true;
  }
  return false;
}

/* ------------------------------------------------------------------------ */
/* Classifying short strings                                                 */
/* ------------------------------------------------------------------------ */

const HEADINGS: ReadonlySet<string> = new Set([
  'about the job',
  'about the role',
  'about the position',
  'about the opportunity',
  'about us',
  'about you',
  'about the company',
  'about the team',
  'job description',
  'job details',
  'job summary',
  'description',
  'overview',
  'introduction',
  'summary',
  'position summary',
  'role summary',
  'the role',
  'the opportunity',
  'the position',
  'role',
  'responsibilities',
  'key responsibilities',
  'duties',
  'key duties',
  'requirements',
  'qualifications',
  'benefits',
  "what you'll do",
  'what you’ll do',
  'who we are',
  'job',
  'profile',
  'profil',
  'missions',
  'vos missions',
  'description du poste',
  'le poste',
  'votre profil',
  'stellenbeschreibung',
  'ihre aufgaben',
  'aufgaben',
  'ihr profil',
  'wir bieten',
  'descripción',
  'descripción del puesto',
  'requisitos',
  'funciones',
  'responsabilidades',
]);

const HEADING_END = /[:：.!]+$/;

const MAX_HEADING_LENGTH = Math.max(...[...HEADINGS].map((h) => h.length));

function isHeading(line: string): boolean {
  if (line.length > MAX_HEADING_LENGTH) {
    // What is left after trailing [:：.!] and whitespace (and leading whitespace) only grows when lower-cased.
    let end = line.length;
    while (end > 0 && isHeadingEnd(line.charCodeAt(end - 1))) end--;
    let start = 0;
    while (start < end && isSpaceCode(line.charCodeAt(start))) start++;
    if (end - start > MAX_HEADING_LENGTH) return false;
  }
  const h = line.toLowerCase().replace(HEADING_END, '').trim();
  return HEADINGS.has(h);
}

function isHeadingEnd(c: number): boolean {
  return c === 0x3a || c === 0xff1a || c === 0x2e || c === 0x21 || isSpaceCode(c);
}

const LOCATION_WORDS =
  /\b(?:remote|hybrid|on-?site|anywhere|worldwide|global|télétravail|homeoffice|usa|us|u\.s\.|uk|eu|emea|apac|latam|europe|north america|south america|asia|canada|india|germany|deutschland|france|spain|españa|uk|united kingdom|united states|ireland|netherlands|australia|singapore|nyc|sf|sfba|bay area|london|paris|berlin|munich|madrid|barcelona|new york|san francisco|toronto|amsterdam|dublin)\b/i;
const CITY_STATE = /^\p{Lu}[\p{L}.'’ -]{0,40},\s?(?:\p{Lu}{2}\b|\p{Lu}[\p{L}.'’ -]{1,40})/u;
const POSTCODE_CITY = /^(?:\d{4,5}\s+\p{Lu}|\p{Lu}[\p{L}'’ -]{1,30}\s+\(?\d{2,5}\)?$)/u;

function looksLikeLocation(s: string): boolean {
  if (s.length > 80) return false;
  return LOCATION_WORDS.test(s) || CITY_STATE.test(s) || POSTCODE_CITY.test(s);
}

const SALARY_LIKE = /[$£€¥₹]|\b\d{2,3}\s?[kK]\b|\b(?:usd|eur|gbp|salary|per\s+(?:hour|year|annum))\b/i;
const URL_LIKE =
  /^(?:https?:\/\/|www\.)|^[\w-]+(?:\.[\w-]+)*\.(?:com|io|ai|org|net|co|dev|app|de|fr|es|uk)(?:\/\S*)?$/i;
const MULTI_ROLE = /\b(?:multiple|several|various|many)\s+(?:roles|positions|openings)\b|\bmultiple\b/i;
const SENTENCE_WORDS =
  /\b(?:is|are|was|were|we|you|your|our|will|would|has|have|can|nous|vous|est|sont|wir|sie|ist|sind|somos|es|son|this|that)\b/i;
const ABBREVIATION_DOT = /\b(Sr|Jr|Snr|St|Dr|Mr|Ms|Mrs|Inc|Ltd|Co|No)\./g;
const LABEL_FORM = /^[\p{L}][\p{L} ]{0,30}[:：]\s/u;
const SENTENCE_PUNCT = /[.!?]\s+\p{L}|[.!?]$/u;

/** A title-shaped string: short, no sentence, names a role. */
function isTitleShaped(s: string): boolean {
  if (s.length < 2 || s.length > 100) return false;
  if (moreWordsThan(s, 10)) return false;
  if (!isCapitalised(s)) return false;
  if (SENTENCE_WORDS.test(s)) return false;
  // SENTENCE_PUNCT needs one of .!? (and dropping abbreviation dots adds none).
  if (
    (s.includes('.') || s.includes('!') || s.includes('?')) &&
    SENTENCE_PUNCT.test(s.replace(ABBREVIATION_DOT, '$1'))
  ) {
    return false;
  }
  if (s.endsWith(':') || LABEL_FORM.test(s)) return false;
  return hasRoleNoun(s);
}

/* ------------------------------------------------------------------------ */
/* Header lines: "Title • Location", "Company | Title | Location | Remote"   */
/* ------------------------------------------------------------------------ */

interface HeaderInfo {
  title: string | null;
  company: string | null;
  location: string | null;
  multipleRoles: boolean;
  salaryText: string | null;
}

const PIPE_SPLIT = /\s*\|\s*/;
const BULLET_SEP = /\s+[•·▪●◦|]\s+/;
const DASH_SEP = /\s+[-–—]\s+/;
const AT_SEP = /\s+(?:at|@)\s+/;

function parseHeaderLine(raw: string, strict: boolean, line: string = stripMarkup(raw)): HeaderInfo | null {
  if (line.length < 2 || line.length > 300) return null;
  if (BULLET_START.test(raw)) return null;
  const info: HeaderInfo = { title: null, company: null, location: null, multipleRoles: false, salaryText: null };

  // Without a '|' the split is the line itself.
  const pipes = line.includes('|') ? line.split(PIPE_SPLIT).filter((p) => p.length > 0) : [];
  if (pipes.length >= 3 || (pipes.length === 2 && line.includes('|'))) {
    let titleIndex = -1;
    for (let i = 0; i < pipes.length; i++) {
      const seg = pipes[i] ?? '';
      if (MULTI_ROLE.test(seg)) info.multipleRoles = true;
      if (URL_LIKE.test(seg) && i > 0) continue;
      if (SALARY_LIKE.test(seg)) {
        if (info.salaryText === null) info.salaryText = seg;
        continue;
      }
      if (titleIndex < 0 && isTitleShaped(seg) && !looksLikeEmployment(seg)) {
        titleIndex = i;
        info.title = seg;
        continue;
      }
      if (info.location === null && looksLikeLocation(seg) && !hasRoleNoun(seg)) info.location = seg;
    }
    const first = pipes[0] ?? '';
    if (titleIndex !== 0 && !looksLikeLocation(first) && !SALARY_LIKE.test(first) && !looksLikeEmployment(first)) {
      info.company = first;
    }
    if (info.multipleRoles) info.title = null;
    return info.title || info.company || info.location ? info : null;
  }

  const bullet = BULLET_SEP.exec(line);
  if (bullet) {
    const left = line.slice(0, bullet.index);
    const right = line.slice(bullet.index + bullet[0].length);
    if (!isTitleShaped(left)) return null;
    info.title = left;
    if (looksLikeLocation(right)) info.location = right;
    else if (!strict) info.company = right;
    return info;
  }

  const at = AT_SEP.exec(line);
  if (at) {
    const left = line.slice(0, at.index);
    const right = line.slice(at.index + at[0].length);
    if (isTitleShaped(left) && isCapitalised(right) && !moreWordsThan(right, 6)) {
      info.title = left;
      const loc = DASH_SEP.exec(right);
      if (loc && looksLikeLocation(right.slice(loc.index + loc[0].length))) {
        info.company = right.slice(0, loc.index);
        info.location = right.slice(loc.index + loc[0].length);
      } else info.company = right;
      return info;
    }
  }

  const dash = DASH_SEP.exec(line);
  if (dash) {
    const left = line.slice(0, dash.index);
    const right = line.slice(dash.index + dash[0].length);
    if (isTitleShaped(left) && looksLikeLocation(right)) {
      info.title = left;
      info.location = right;
      return info;
    }
    // "Company - Title"
    if (!strict && !hasRoleNoun(left) && !moreWordsThan(left, 5) && isTitleShaped(right) && !DASH_SEP.test(right)) {
      info.title = right;
      info.company = left;
      return info;
    }
    if (strict) return null;
  }
  if (isTitleShaped(line) && !looksLikeEmployment(line)) {
    info.title = line;
    return info;
  }
  return null;
}

/* ------------------------------------------------------------------------ */
/* Titles from labels                                                        */
/* ------------------------------------------------------------------------ */

const TITLE_LABEL =
  /^(?:job\s+title|job\s+role|position\s+title|role\s+title|title|position|role|vacancy|poste|intitulé\s+du\s+poste|intitulé\s+de\s+poste|titre\s+du\s+poste|stellenbezeichnung|stellentitel|jobtitel|position|puesto|cargo|nombre\s+del\s+puesto|vacante)\s*[:：]\s*(.+)$/i;
const TITLE_LABEL_ALONE =
  /^(?:job\s+title|position\s+title|role\s+title|title|position|role|poste|intitulé\s+du\s+poste|stellenbezeichnung|puesto)\s*[:：]$/i;
const TITLE_LABEL_DASH = /^(?:job\s+title|position\s+title)\s*[-–—]\s*(.+)$/i;
const GENERIC_TITLE_LABEL = /^(?:position|role|vacancy|poste|cargo|vacante)\b/i;
const TITLE_FOR_LINE =
  /^(?:job\s+description|job\s+posting|job\s+opening|vacancy|opening)\s+(?:for|:)\s+(?:an?\s+|the\s+)?(.+)$/i;
/** ALLCAPS labels glued to the text around them ("NYPOSITION: Electrician"). */
const CAPS_TITLE_LABEL = /(?:JOB TITLE|POSITION TITLE|POSITION)\s*:/g;
const CONTACT_CUE = /\b(?:contact|contacts|kontakt|contacto)\b|^name\b/i;
const WIDE_GAP = /\s{2,}/;
const NEXT_LABEL = /\s\p{Lu}[\p{L}’']{0,30}(?:\s\p{L}[\p{L}’']{0,30}){0,2}\s?:/u;
const VALUE_SEPARATOR = /\s+[|•]\s+/;
const TRAILING_PUNCT = charSet('.,;:*');
const NO_CHARS: ReadonlySet<number> = new Set();
const EMPLOYMENT_WORD = String.raw`(?:full[- ]?time|part[- ]?time|permanent|temporary|contract|freelance|internship|remote|hybrid|on-?site|cdi|cdd|vollzeit|teilzeit|temps\s+(?:plein|partiel))`;
/** A value made only of employment-type / work-mode words ("Full-time, Permanent", "Remote (30 hours)"). */
const EMPLOYMENT_ONLY = new RegExp(
  String.raw`^${EMPLOYMENT_WORD}(?:\s?[,/&+-]?\s?(?:and\s|or\s)?${EMPLOYMENT_WORD}){0,3}(?:\s?\([^()]{0,60}\))?$`,
  'i',
);

function cleanValue(raw: string): string | null {
  let v = raw;
  const gap = WIDE_GAP.exec(v);
  if (gap) v = v.slice(0, gap.index);
  const sep = VALUE_SEPARATOR.exec(v);
  if (sep) v = v.slice(0, sep.index);
  const next = NEXT_LABEL.exec(v);
  if (next && next.index > 0) v = v.slice(0, next.index);
  v = trimChars(stripMarkup(v), NO_CHARS, TRAILING_PUNCT);
  if (v.length === 0 || v.length > MAX_FIELD_CHARS || moreWordsThan(v, 14)) return null;
  return v;
}

function inContactBlock(lines: readonly string[], index: number): boolean {
  for (let i = Math.max(0, index - 3); i <= index; i++) {
    if (CONTACT_CUE.test(lines[i] ?? '')) return true;
  }
  return false;
}

const LEADING_SPACE = /^\s+/;
const FOR_WORD = /for/i;
/** First words of TITLE_LABEL, TITLE_LABEL_ALONE, TITLE_LABEL_DASH and TITLE_FOR_LINE. */
const TITLE_LABEL_LEADS = leadWords(
  'job position role title vacancy poste intitul titre stellenbezeichnung stellentitel jobtitel puesto cargo nombre vacante opening',
);

function titleFromLabels(doc: Lines, head: string): string | null {
  const lines = doc.head;
  for (let i = 0; i < lines.length; i++) {
    // The label patterns start with one of TITLE_LABEL_LEADS; label forms need a colon or a dash,
    // TITLE_FOR_LINE a colon or "for": skip other lines.
    if (!doc.leadsWith(i, TITLE_LABEL_LEADS)) continue;
    const colon = doc.hasColon(i);
    if (!colon && !doc.hasDash(i) && !FOR_WORD.test(lines[i] ?? '')) continue;
    const line = doc.strip(i);
    if (line.length === 0) continue;
    let value = ((colon ? TITLE_LABEL.exec(line) : null) ?? (doc.hasDash(i) ? TITLE_LABEL_DASH.exec(line) : null))?.[1];
    if (value === undefined && colon && TITLE_LABEL_ALONE.test(line)) {
      // "Job Title:" on its own line, the value on the next non-empty line.
      const next = lines.slice(i + 1, i + 4).find((l) => l.trim().length > 0);
      if (next !== undefined && !BULLET_START.test(next)) value = next;
    }
    if (value !== undefined) {
      if (doc.inContactBlock(i)) continue;
      const v = cleanValue(value);
      if (!v || EMPLOYMENT_ONLY.test(v) || looksLikeLocationOnly(v)) continue;
      if (GENERIC_TITLE_LABEL.test(line) && !hasRoleNoun(v) && !isTitleCase(v)) continue;
      return v;
    }
    const f = TITLE_FOR_LINE.exec(line);
    if (f?.[1] !== undefined) {
      const v = cleanValue(f[1]);
      if (v && isTitleShaped(v)) return v;
    }
  }
  // Every CAPS_TITLE_LABEL match has "POSITION" or "JOB TITLE" in it.
  if (!head.includes('POSITION') && !head.includes('JOB TITLE')) return null;
  CAPS_TITLE_LABEL.lastIndex = 0;
  for (let m = CAPS_TITLE_LABEL.exec(head); m !== null; m = CAPS_TITLE_LABEL.exec(head)) {
    const after = head.slice(m.index + m[0].length, m.index + m[0].length + 200);
    const v = cleanValue(after.replace(LEADING_SPACE, '').split('\n')[0] ?? '');
    if (v && (hasRoleNoun(v) || isTitleCase(v)) && !EMPLOYMENT_ONLY.test(v) && !looksLikeLocation(v)) return v;
  }
  return null;
}

const TITLE_CASE_JOINERS = /^(?:of|and|&|\/|-|–|for|de|du|des|la|le|et|und|für|y|del)$/i;
const PAREN_OR_DIGIT_START = /^[(\d]/;

/** Every word capitalised ("Millwright", "Data Science Lead"): a name, not a phrase like "Open until filled". */
function isTitleCase(v: string): boolean {
  const ws = words(v);
  if (ws.length === 0 || ws.length > 6 || SENTENCE_WORDS.test(v)) return false;
  return ws.every((w) => isCapitalised(w) || TITLE_CASE_JOINERS.test(w) || PAREN_OR_DIGIT_START.test(w));
}

function looksLikeLocationOnly(v: string): boolean {
  return !hasRoleNoun(v) && looksLikeLocation(v);
}

/* ------------------------------------------------------------------------ */
/* Titles from sentences                                                     */
/* ------------------------------------------------------------------------ */

const DETERMINERS: ReadonlySet<string> = new Set(
  'a an the our one another new un une un(e) une(e) un.e un·e des le la les notre einen eine ein eine:n eine*n eine/n einer una uno un/a un(a) el los las nuestro nuestra'.split(
    ' ',
  ),
);

/** Lower-case words that end a title. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    // English
    'to who whom whose that which with for based in at on from within will you your is are was be has have can',
    "should must working responsible located by as where while so who’s who's able shall works reports provides",
    'performs supports serves plays acts assists ensures oversees manages develops delivers coordinates helps',
    'leads joins needed required wanted sought through into and/or or if',
    // French
    'pour qui que afin avec dans chez à au aux sur basé basée situé située en pouvant capable disposant ayant',
    'sera est aura assure a motivé motivée motivé(e) dynamique expérimenté expérimentée rigoureux rigoureuse',
    'passionné passionnée h/f f/h',
    // German
    'für zur zum mit im ab bei als oder am auf aus nach von vom wir sie du ist wird sind',
    // Spanish
    'para con por será tendrá es al',
  ]
    .join(' ')
    .split(' '),
);

/** Words that join parts of a title when a title word follows them. */
const CONNECTORS: ReadonlySet<string> = new Set([
  'of',
  'and',
  '&',
  '/',
  '-',
  '–',
  '—',
  '+',
  'de',
  'du',
  'des',
  'del',
  'la',
  'et',
  'y',
  'e',
  'di',
  'der',
]);

/** Words that name the opening itself: "an exciting Data Scientist position". */
const OPENING_WORDS: ReadonlySet<string> = new Set(
  'position positions role roles opening openings vacancy vacancies post job opportunity poste stelle puesto vacante'.split(
    ' ',
  ),
);

/** Lower-case adjectives dropped before a lower-case title ("an experienced nurse"). */
const EVALUATIVE: ReadonlySet<string> = new Set(
  'qualified experienced dedicated passionate motivated talented skilled enthusiastic driven dynamic energetic exceptional outstanding highly self-motivated proactive reliable strong ambitious exciting enthusiastic innovative hardworking hard-working friendly caring bright great'.split(
    ' ',
  ),
);

const ABBREVIATIONS: ReadonlySet<string> = new Set(['sr', 'jr', 'snr', 'st', 'dr', 'mr', 'ms', 'mrs']);
const GENDER_MARKER =
  /^\((?:[hfmwdx]\s?\/\s?[hfmwdx](?:\s?\/\s?[hfmwdx])?|all\s+genders?|w\/m\/d|m\/w\/d|m\/f\/d|f\/m\/x|h\/f\/x)\)$/i;
const LEADING_QUALIFIERS =
  /^(?:(?:full|part)[- ]?time|permanent|temporary|fixed[- ]term|band\s*\d+[a-z]?|\d+(?:[.,]\d+)?\s*(?:wte|fte|hours?|hrs)|\d+(?:[.,]\d+)?)\s+/i;
const TRAILING_JOINERS: ReadonlySet<number> = charSet(',/&+–—-');
const TRAIL_PUNCT = /[,.;:!?]+$/;
const LEAD_PUNCT = /^["'“‘(]+/;

interface RoleOptions {
  /** Lower-case words may continue a capitalised title (French, Spanish: "Agent polyvalent"). */
  lowercaseContinuation: boolean;
  /** Accept a title written all in lower case. */
  allowLowercase: boolean;
  /** The title must be followed by a word like "position" or "role". */
  requireOpeningWord?: boolean;
  /** The title must be followed by one of these words (e.g. a verb: "The X will ..."). */
  requireEndWord?: ReadonlySet<string>;
  /** Skip forward to the first determiner (German: "suchen ab sofort einen ..."). */
  seekDeterminer?: boolean;
}

/**
 * The words of a string with no whitespace but single spaces between words (as squash gives), read
 * as far as they are asked for: words(s)[i] is at(i).
 */
class LazyWords {
  private readonly list: string[] = [];
  /** Where the next word starts; -1 when all are read. */
  private pos: number;

  constructor(private readonly s: string) {
    this.pos = s.length > 0 ? 0 : -1;
  }

  /** Whether there is a word i. */
  has(i: number): boolean {
    while (this.list.length <= i && this.pos >= 0) {
      const space = this.s.indexOf(' ', this.pos);
      this.list.push(this.s.slice(this.pos, space < 0 ? this.s.length : space));
      this.pos = space < 0 ? -1 : space + 1;
    }
    return i < this.list.length;
  }

  /** Word i, or '' when there is none. */
  at(i: number): string {
    return this.has(i) ? (this.list[i] ?? '') : '';
  }
}

/** Reads the role phrase at the start of `chunk` ("a qualified Preschool Teacher to lead ..." → "Preschool Teacher"). */
function extractRolePhrase(chunk: string, opts: RoleOptions): string | null {
  const nl = chunk.indexOf('\n');
  const text = cut(nl >= 0 ? chunk.slice(0, nl) : chunk, 220);
  const toks = new LazyWords(squash(text));
  let i = 0;
  if (opts.seekDeterminer) {
    for (let j = 0; j < 6 && toks.has(j); j++) {
      const low = toks.at(j).toLowerCase();
      if (DETERMINERS.has(low)) {
        i = j;
        break;
      }
    }
  }
  while (toks.has(i) && DETERMINERS.has(toks.at(i).toLowerCase())) i++;

  // Find where the title starts: the first capitalised word, past lower-case adjectives.
  let start = i;
  let capMode = false;
  for (let j = i; j < i + 7 && toks.has(j); j++) {
    const tok = toks.at(j);
    const core = tok.replace(TRAIL_PUNCT, '').replace(LEAD_PUNCT, '');
    if (core.length > 0 && isCapitalised(core)) {
      start = j;
      capMode = true;
      break;
    }
    if (STOP_WORDS.has(core.toLowerCase()) || OPENING_WORDS.has(core.toLowerCase())) break;
    if (/[.;:!?]$/.test(tok)) break;
  }
  if (!capMode) {
    if (!opts.allowLowercase) return null;
    while (toks.has(start)) {
      const low = toks.at(start).toLowerCase().replace(TRAIL_PUNCT, '');
      if (EVALUATIVE.has(low) || low === 'and' || low === '') start++;
      else break;
    }
  }

  const out: string[] = [];
  let endWord = '';
  let sawOpeningWord = false;
  for (let j = start; toks.has(j) && out.length < 12; j++) {
    let tok = toks.at(j);
    if (tok.startsWith('(')) {
      let group = tok;
      let k = j;
      while (!group.includes(')') && toks.has(k + 1) && k - j < 6) {
        k++;
        group += ` ${toks.at(k)}`;
      }
      const close = group.lastIndexOf(')');
      const paren = close >= 0 ? group.slice(0, close + 1) : group;
      const after = close >= 0 ? group.slice(close + 1) : '';
      const inner = paren.slice(1, -1);
      const keep =
        GENDER_MARKER.test(paren) ||
        (close >= 0 &&
          !/\d/.test(inner) &&
          !moreWordsThan(inner, 4) &&
          isCapitalised(inner) &&
          out.length > 0 &&
          !looksLikeLocation(inner) &&
          !looksLikeEmployment(inner));
      if (!keep || out.length === 0) {
        endWord = '(';
        break;
      }
      out.push(paren);
      j = k;
      if (after.length > 0) break;
      continue;
    }
    const trail = TRAIL_PUNCT.exec(tok)?.[0] ?? '';
    let core = trail ? tok.slice(0, tok.length - trail.length) : tok;
    let stopAfter = trail.length > 0;
    if (trail === '.' && ABBREVIATIONS.has(core.toLowerCase())) {
      core = tok;
      stopAfter = false;
    }
    core = core.replace(LEAD_PUNCT, '');
    if (core.length === 0) break;
    tok = core;
    const low = tok.toLowerCase();
    if (out.length > 0 && OPENING_WORDS.has(low)) {
      sawOpeningWord = true;
      endWord = low;
      break;
    }
    if (out.length > 0 && STOP_WORDS.has(low) && !CONNECTORS.has(low)) {
      endWord = low;
      break;
    }
    if (CONNECTORS.has(low)) {
      const next = toks.at(j + 1).replace(LEAD_PUNCT, '');
      const nextOk =
        out.length > 0 &&
        !stopAfter &&
        next.length > 0 &&
        (capMode && !opts.lowercaseContinuation
          ? isCapitalised(next)
          : !STOP_WORDS.has(next.toLowerCase().replace(TRAIL_PUNCT, '')));
      if (!nextOk) {
        endWord = low;
        break;
      }
      out.push(tok);
      continue;
    }
    if (capMode && !isCapitalised(tok) && !ELISION.test(tok) && !/^\d/.test(tok)) {
      if (!opts.lowercaseContinuation || out.length === 0) {
        endWord = low;
        break;
      }
    }
    out.push(tok);
    if (stopAfter) {
      endWord = trail;
      break;
    }
  }
  if (opts.requireOpeningWord && !sawOpeningWord) return null;
  if (opts.requireEndWord && !opts.requireEndWord.has(endWord)) return null;
  let title = trimChars(out.join(' '), NO_CHARS, TRAILING_JOINERS);
  for (let guard = 0; guard < 4; guard++) {
    const q = LEADING_QUALIFIERS.exec(title);
    if (!q) break;
    title = title.slice(q[0].length);
  }
  title = title.trim();
  if (title.length < 2 || title.length > MAX_FIELD_CHARS) return null;
  if (moreWordsThan(title, 10)) return null;
  if (!hasRoleNoun(title)) return null;
  return title;
}

interface Trigger {
  re: RegExp;
  tier: number;
  langs: readonly string[] | null;
  opts: Partial<RoleOptions>;
}

const THE_VERBS: ReadonlySet<string> = new Set(
  'is will shall must works reports provides performs supports serves plays acts assists ensures oversees manages develops delivers coordinates helps leads has sera est aura assure ist wird será es tendrá'.split(
    ' ',
  ),
);

const TRIGGERS: readonly Trigger[] = [
  // Tier 3: hiring verbs.
  {
    re: /\b(?:seeking\s+to\s+(?:recruit|hire|appoint|employ)|looking\s+to\s+(?:recruit|hire|appoint|employ|add)|looking\s+for|seeking|(?:are|is|'re|’re)\s+(?:now\s+|currently\s+|actively\s+)?(?:hiring|recruiting)(?:\s+for)?|(?:wish(?:es)?|would\s+like)\s+to\s+(?:recruit|appoint|hire)|in\s+search\s+of)\s+/gi,
    tier: 3,
    langs: null,
    opts: { allowLowercase: true },
  },
  {
    re: /\b(?:recrutons|recherchons|recrute|recherche|cherchons|cherche)\s+(?:activement\s+|actuellement\s+)?(?=(?:un\(e\)|une?|un\.e|un·e|des|notre|son|sa|nos)\s)/gi,
    tier: 3,
    langs: null,
    opts: { allowLowercase: true, lowercaseContinuation: true },
  },
  {
    re: /\b(?:suchen|sucht)\s+(?:wir\s+)?/g,
    tier: 3,
    langs: ['de'],
    opts: { allowLowercase: false, seekDeterminer: true },
  },
  {
    re: /\b(?:buscamos|busca|buscando|seleccionamos|selecciona|precisamos|precisa|necesitamos|necesita|incorporamos|incorpora|contratamos|contrata)\s+(?:a\s+)?(?=(?:un\/a|un\(a\)|una?|uno\/a)\s)/gi,
    tier: 3,
    langs: null,
    opts: { allowLowercase: true, lowercaseContinuation: true },
  },
  // Tier 4: "join our team as a ...", "the position of ...", "to fill a ... position".
  {
    re: /\b(?:join\s+(?:us|our\s+(?:[\w&’'-]+\s+){0,3}?team|the\s+(?:[\w&’'-]+\s+){0,3}?team)\s+as\s+|(?:the\s+)?(?:position|role|post)\s+of\s+)/gi,
    tier: 4,
    langs: null,
    opts: { allowLowercase: false },
  },
  {
    re: /\b(?:fill\s+(?:an?|the|this|our)\s+|applications\s+for\s+(?:an?|the|this|our)\s+)/gi,
    tier: 4,
    langs: null,
    opts: { allowLowercase: false, requireOpeningWord: true },
  },
  {
    re: /\b(?:(?:au|le|du|un)\s+poste\s+(?:de\s+|d['’]\s*)|en\s+qualit[ée]\s+d(?:e\s+|['’]\s*))/gi,
    tier: 4,
    langs: null,
    opts: { allowLowercase: true, lowercaseContinuation: true },
  },
  {
    re: /\b(?:(?:Stelle|Position)\s+(?:als|eines|einer)\s+|suchen\s+(?:wir\s+)?(?:dich|Sie|Dich)\s+als\s+)/g,
    tier: 4,
    langs: null,
    opts: { allowLowercase: false },
  },
  {
    re: /\b(?:(?:el|un|del)\s+puesto\s+de|vacante\s+de|plaza\s+de)\s+/gi,
    tier: 4,
    langs: null,
    opts: { allowLowercase: true, lowercaseContinuation: true },
  },
  // Tier 5: "As a Music Teacher, you will ...", "En tant qu'Agent ...".
  {
    re: /(?:^|[.!?\n]|\*\*)\s*As\s+(?:an?|the|our)\s+/g,
    tier: 5,
    langs: null,
    opts: { allowLowercase: false },
  },
  {
    re: /\ben\s+tant\s+qu(?:e\s+|['’]\s*)/gi,
    tier: 5,
    langs: null,
    opts: { allowLowercase: true, lowercaseContinuation: true },
  },
  {
    re: /(?:^|[.!?\n])\s*Als\s+(?=\p{Lu})/gu,
    tier: 5,
    langs: ['de'],
    opts: { allowLowercase: false },
  },
  {
    re: /(?:^|[.!?\n])\s*Como\s+(?:una?\s+)?/g,
    tier: 5,
    langs: ['es'],
    opts: { allowLowercase: true, lowercaseContinuation: true },
  },
  // Tier 7: "The Medical Laboratory Scientist is responsible for ...".
  {
    re: /(?:^|[.!?\n])\s*The\s+(?=\p{Lu})/gu,
    tier: 7,
    langs: null,
    opts: { allowLowercase: false, requireEndWord: THE_VERBS },
  },
  {
    re: /(?:^|[.!?\n])\s*(?:Le|La|El)\s+(?=\p{Lu})/gu,
    tier: 7,
    langs: ['fr', 'es'],
    opts: { allowLowercase: false, requireEndWord: THE_VERBS, lowercaseContinuation: true },
  },
];

const ROMANCE = new Set(['fr', 'es', 'it', 'pt']);
/** Per trigger (same order as TRIGGERS): the anchors every match needs (a narrower test first)... */
const TRIGGER_GATES: readonly Gate[] = [
  inHead('=seeking =looking =hiring =recruiting =wish =wishes =would =search'),
  inHead('=recrutons =recherchons =recrute =recherche =cherchons =cherche'),
  inHead('=suchen =sucht'),
  inHead(
    '=buscamos =busca =buscando =seleccionamos =selecciona =precisamos =precisa =necesitamos =necesita =incorporamos =incorpora =contratamos =contrata',
  ),
  anyOf(inHead('=join'), allOf(inHead('=position =role =post'), inHead('=of'))),
  inHead('=fill =applications'),
  inHead('=poste =qualite =qualit'),
  anyOf(inHead('=stelle =suchen'), allOf(inHead('=position'), inHead('=als =eines =einer'))),
  inHead('=puesto =vacante =plaza'),
  allOf(inHead('=as'), inHead('=a =an =the =our')),
  allOf(inHead('=en'), inHead('=tant')),
  inHead('=als'),
  inHead('=como'),
  inHead('=the'),
  inHead('=le =la =el'),
];

/** Whether a match can start at p after a word boundary, or at an apostrophe ("we're hiring"). */
function wordStartOrApostrophe(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  return c === 0x27 || c === 0x2019 || wordStart(text, p);
}

/** Whether a match can start at p: a sentence mark, the start, or "**". */
function sentenceMarkOrBold(text: string, p: number): boolean {
  return sentenceMark(text, p) || (text.charCodeAt(p) === 0x2a && text.charCodeAt(p + 1) === 0x2a);
}

/** Whether text[start, end) is `word` (lower-case ASCII letters), ignoring the case of ASCII letters. */
function sameWord(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(start + k);
    if ((c | 0x20) !== word.charCodeAt(k) || asciiLetter(c) < 0) return false;
  }
  return true;
}

/**
 * The ends of the word at q (a run of ASCII letters) and of the next two whitespace-delimited tokens:
 * [wordEnd, token1Start, token1End, token2Start, token2End], a token -1, -1 when missing (the patterns
 * need whitespace right after the word and between the tokens).
 */
function wordAndNext(text: string, q: number): Int32Array {
  let end = q;
  while (end < text.length && asciiLetter(text.charCodeAt(end)) >= 0) end++;
  const out = WORD_AND_NEXT;
  out.fill(-1);
  out[0] = end;
  let j = end;
  for (let n = 0; n < 2; n++) {
    if (j >= text.length || !isSpaceCode(text.charCodeAt(j))) break;
    while (j < text.length && isSpaceCode(text.charCodeAt(j))) j++;
    out[1 + 2 * n] = j;
    while (j < text.length && !isSpaceCode(text.charCodeAt(j))) j++;
    out[2 + 2 * n] = j;
  }
  return out;
}

/** wordAndNext's result (reused: read it before the next call). */
const WORD_AND_NEXT = new Int32Array(5);

/** Whether one of `words` is text[start, end) (ignoring the case of ASCII letters). */
function oneOfWords(text: string, start: number, end: number, words: readonly string[]): boolean {
  if (start < 0) return false;
  for (const w of words) if (sameWord(text, start, end, w)) return true;
  return false;
}

const POSITION_WORDS: readonly string[] = ['position', 'role', 'post'];
const OF_WORD: readonly string[] = ['of'];

/** Trigger 4 from its anchor: "position|role|post of" needs "of" next; "join ..." always passes. */
function positionOfAccepted(text: string, q: number): boolean {
  const next = wordAndNext(text, q);
  const end = next[0] ?? q;
  if (oneOfWords(text, q, end, POSITION_WORDS)) return oneOfWords(text, next[1] ?? -1, next[2] ?? -1, OF_WORD);
  return true;
}

/** ...and the words where matches start (same order as TRIGGERS). */
const TRIGGER_SEARCHES: readonly AnchoredRegex[] = TRIGGERS.map((trig, t) => {
  switch (t) {
    case 0:
      // "(is|are|'re) (now|currently|actively)? hiring" starts two words before "hiring", "in search of" one before "search".
      return anchored(
        trig.re,
        '=seeking =looking =wish =wishes =would =hiring =recruiting =search',
        2,
        wordStartOrApostrophe,
      );
    case 1:
      return anchored(trig.re, '=recrutons =recherchons =recrute =recherche =cherchons =cherche', AT_ANCHOR);
    case 2:
      return anchored(trig.re, '=suchen =sucht', AT_ANCHOR, null, false, startsWithOneOf('such'));
    case 3:
      return anchored(
        trig.re,
        '=buscamos =busca =buscando =seleccionamos =selecciona =precisamos =precisa =necesitamos =necesita =incorporamos =incorpora =contratamos =contrata',
        AT_ANCHOR,
      );
    case 4:
      // "(the)? position|role|post of" starts at most one word before the noun.
      return anchored(trig.re, '=join =position =role =post', 1, wordStart, false, positionOfAccepted);
    case 5:
      return anchored(trig.re, '=fill =applications', AT_ANCHOR);
    case 6:
      // "(au|le|du|un) poste", "en qualité": one word before the anchor.
      return anchored(trig.re, '=poste =qualite =qualit', 1, wordStart);
    case 7:
      return anchored(
        trig.re,
        '=stelle =position =suchen',
        AT_ANCHOR,
        null,
        false,
        startsWithOneOf('Stelle', 'Position', 'suchen'),
      );
    case 8:
      // "(el|un|del) puesto": one word before the anchor.
      return anchored(trig.re, '=puesto =vacante =plaza', 1, wordStart);
    case 9:
      return anchored(trig.re, '=as', SENTENCE_START_BEFORE, sentenceMarkOrBold, false, startsWithOneOf('As'));
    case 10:
      // "en tant qu": one word before "tant".
      return anchored(trig.re, '=tant', 1, wordStart);
    case 11:
      return anchored(trig.re, '=als', SENTENCE_START_BEFORE, sentenceMark, false, startsWithOneOf('Als'));
    case 12:
      return anchored(trig.re, '=como', SENTENCE_START_BEFORE, sentenceMark, false, startsWithOneOf('Como'));
    case 13:
      return anchored(trig.re, '=the', SENTENCE_START_BEFORE, sentenceMark, false, startsWithOneOf('The'));
    case 14:
      return anchored(
        trig.re,
        '=le =la =el',
        SENTENCE_START_BEFORE,
        sentenceMark,
        false,
        startsWithOneOf('Le', 'La', 'El'),
      );
    default:
      throw new Error('metadata: a trigger without anchors');
  }
});
if (TRIGGER_GATES.length !== TRIGGERS.length) throw new Error('metadata: one gate per trigger');

interface Candidate {
  title: string;
  tier: number;
  pos: number;
}

function titleFromSentences(head: string, lang: string | null, index: HeadIndex): Candidate | null {
  let best: Candidate | null = null;
  for (let t = 0; t < TRIGGERS.length; t++) {
    const trig = TRIGGERS[t] as Trigger;
    if (trig.langs && (lang === null || !trig.langs.includes(lang))) continue;
    if (best && trig.tier > best.tier) continue;
    if (!TRIGGER_GATES[t]?.(index)) continue;
    const search = TRIGGER_SEARCHES[t] as AnchoredRegex;
    // The matches of trig.re in head, in order (as its global exec loop would give them).
    let resume = 0;
    for (
      let m = searchAnchored(search, head, index, resume);
      m !== null;
      m = searchAnchored(search, head, index, resume)
    ) {
      resume = m.index + m[0].length;
      if (m[0].length === 0) resume++;
      const from = m.index + m[0].length;
      if (best && best.tier === trig.tier && best.pos <= from) break;
      const opts: RoleOptions = {
        lowercaseContinuation: trig.opts.lowercaseContinuation ?? (lang !== null && ROMANCE.has(lang)),
        allowLowercase: trig.opts.allowLowercase ?? false,
        ...(trig.opts.requireOpeningWord ? { requireOpeningWord: true } : {}),
        ...(trig.opts.requireEndWord ? { requireEndWord: trig.opts.requireEndWord } : {}),
        ...(trig.opts.seekDeterminer ? { seekDeterminer: true } : {}),
      };
      const title = extractRolePhrase(head.slice(from, from + 220), opts);
      if (title) {
        if (!best || trig.tier < best.tier || (trig.tier === best.tier && from < best.pos)) {
          best = { title, tier: trig.tier, pos: from };
        }
        break;
      }
    }
  }
  return best;
}

/** A short line on its own that names a role ("Agent polyvalent" between the intro and the duties). */
function titleFromStandaloneLine(doc: Lines): string | null {
  const lines = doc.head;
  for (let i = 1; i < Math.min(lines.length, 40); i++) {
    const raw = lines[i] ?? '';
    if (BULLET_START.test(raw)) continue;
    // Stripping keeps every ',' and ':' (tested below): skip such lines before stripping.
    if (raw.includes(',') || raw.includes(':')) continue;
    const line = doc.strip(i);
    if (line.length === 0 || isHeading(line)) continue;
    if (moreWordsThan(line, 6) || line.includes(',') || line.includes(':')) continue;
    // (Both tests are pure: the cheaper one first.)
    if (isTitleShaped(line) && !looksLikeEmployment(line) && !doc.inContactBlock(i)) return line;
  }
  return null;
}

/* ------------------------------------------------------------------------ */
/* Company                                                                   */
/* ------------------------------------------------------------------------ */

const COMPANY_LABEL =
  /^(?:company|company\s+name|employer|organi[sz]ation|client|hiring\s+company|entreprise|soci[ée]t[ée]|employeur|unternehmen|arbeitgeber|firma|empresa|compa[ñn][ií]a)\s*[:：]\s*(.+)$/i;
const ABOUT_COMPANY =
  /^(?:about|à\s+propos\s+d(?:e\s+|['’])|a\s+propos\s+d(?:e\s+|['’])|über|acerca\s+de|sobre)\s*(?!(?:the|this|us|you|our|your|me|it|working|uns|nous|nosotros|la|le|el|les)\b)(\p{Lu}[\p{L}\d&.,'’ -]{1,60}?)\s*[:：]?$/iu;
/** First words of COMPANY_LABEL. */
const COMPANY_LABEL_LEADS = leadWords(
  'company employer organisation organization client hiring entreprise societe soci societ employeur unternehmen arbeitgeber firma empresa compa compan compania',
);
/** What ABOUT_COMPANY (case folded: about, à/a propos, über, acerca, sobre) and WHY_COMPANY (why, pourquoi) start with. */
const ABOUT_OR_WHY_LEADS: ReadonlySet<number> = charSet('aAàÀüÜsSſwp');
const WHY_COMPANY = /^(?:why|pourquoi)\s+(?:join\s+)?(\p{Lu}[\p{L}\d&.'’ -]{1,40}?)\s*\?$/u;
const NAME_WORD = String.raw`\p{Lu}(?:[\p{L}\d&'’-]|\.(?=[\p{L}\d])){0,40}`;
const COMPANY_NAME = String.raw`(${NAME_WORD}(?:\s(?:&|of|and|de|et|und|y)\s${NAME_WORD}|\s${NAME_WORD}|\s\(\p{Lu}{2,8}\)){0,6})`;
const SENTENCE_START = String.raw`(?:^|[.!?:\n])`;
const COMPANY_HIRING = new RegExp(
  String.raw`${SENTENCE_START}\s*${COMPANY_NAME},?\s+(?:is|are)\s+(?:currently\s+|now\s+|actively\s+)?(?:seeking|looking|hiring|recruiting)\b`,
  'gu',
);
const COMPANY_RECRUTE = new RegExp(
  String.raw`${SENTENCE_START}\s*${COMPANY_NAME},?\s+(?:recrute|recherche|sucht|busca|selecciona)\b`,
  'gu',
);
const COMPANY_IS = new RegExp(
  String.raw`(?:^|[.!?\n]|\s-)\s*${COMPANY_NAME}\s+(?:is\s+(?:a|an|the|one\s+of)|was\s+founded|est\s+(?:un|une|le|la|l['’])|ist\s+(?:ein|eine|der|die|das)|es\s+(?:un|una|el|la))\b(?!\s+(?:plus|must|bonus|big\s+plus|requirement|priority)\b)([^\n.]{0,100})`,
  'gu',
);
/** What a company is said to be: "X is a leading provider of ...", "X est un réseau associatif ...". */
const COMPANY_NOUN =
  /\b(?:company|companies|firm|provider|organi[sz]ation|business|agency|start-?up|employer|leader|network|group|charity|trust|institution|hospital|university|college|school|manufacturer|producer|platform|marketplace|consultancy|retailer|brand|bank|studio|lab|laboratory|subsidiary|corporation|enterprise|supplier|distributor|operator|developer|maker|publisher|insurer|practice|entreprise|soci[ée]t[ée]|r[ée]seau|groupe|association|cabinet|leader|unternehmen|konzern|anbieter|hersteller|firma|empresa|compañía|grupo|proveedor)\b/i;
const COMPANY_AT = new RegExp(
  String.raw`(?:(?:^|[.!?\n])\s*At|\b[Jj]oin\s+(?:us|our\s+team|the\s+team)\s+at|\bAs\s+an?\s+(?:\p{Lu}[\p{L}-]{0,40}\s){1,5}at)\s+${COMPANY_NAME}(?:\s*[,.!]|\s+(?:and|where|you|we)\b)`,
  'gu',
);
const NOT_COMPANY_START =
  /^(?:this|that|it|there|our|we|you|they|he|she|the\s+(?:role|position|job|team|company|successful|candidate|post|ideal|department|hospital|trust|client)|who|what|each|every|all|as|in|at|if|job|position|role|salary|location)\b/i;
const COMPANY_HEADING = /^(?:company|overview|description|introduction|summary|benefits|about|job|position|the)$/i;
/** Parts of an organisation, not the organisation: "The Medical Education Department". */
const COMPANY_PART = /\b(?:department|team|unit|division|directorate|ward|office|service)$/i;

function validCompany(raw: string): string | null {
  const v = cleanValue(raw);
  if (!v) return null;
  if (NOT_COMPANY_START.test(v)) return null;
  const ws = words(v);
  if (ws.length > 7) return null;
  if (ws.every((w) => COMPANY_HEADING.test(w))) return null;
  if (ws.length > 1 && ws.every((w) => w === w.toUpperCase()) && /^(?:COMPANY|ABOUT|JOB|OUR)\b/.test(v)) return null;
  if (hasRoleNoun(v) || COMPANY_PART.test(v)) return null;
  return v;
}

const COMPANY_HIRING_GATE = allOf(inHead('=is =are'), inHead('=seeking =looking =hiring =recruiting'));
const COMPANY_RECRUTE_GATE = inHead('=recrute =recherche =sucht =busca =selecciona');
const COMPANY_AT_GATE = inHead('=at');
/** COMPANY_IS counts only with a COMPANY_NOUN in what follows, which then starts a run of letters in the head. */
const COMPANY_IS_GATE = allOf(
  inHead('=is =was =est =ist =es'),
  inHead(
    'compa firm provider organi business agency start employer leader network group charity trust institution hospital university college school manufacturer producer platform marketplace consultancy retailer brand bank studio lab subsidiary corporation enterprise supplier distributor operator developer maker publisher insurer practice entreprise soci reseau seau association cabinet unternehmen konzern anbieter hersteller empresa grupo proveedor',
  ),
);

/** Whether a match can start at p: one of .!?:\n, or the start. */
function sentenceMarkOrColon(text: string, p: number): boolean {
  return sentenceMark(text, p) || text.charCodeAt(p) === 0x3a;
}

/** What may sit between is/are and the verb in COMPANY_HIRING. */
const HIRING_ADVERBS: ReadonlySet<string> = new Set(['currently', 'now', 'actively']);

/** COMPANY_HIRING around a verb at q: "NAME,? (is|are) (currently|now|actively)? <verb>". */
function hiringVerbAccepted(text: string, q: number): boolean {
  let start = tokenBefore(text, q);
  if (start < 0) return false;
  let end = start;
  while (end < q && !isSpaceCode(text.charCodeAt(end))) end++;
  let word = text.slice(start, end);
  if (HIRING_ADVERBS.has(word)) {
    const adverbStart = start;
    start = tokenBefore(text, adverbStart);
    if (start < 0) return false;
    end = start;
    while (end < adverbStart && !isSpaceCode(text.charCodeAt(end))) end++;
    word = text.slice(start, end);
  }
  return (word === 'is' || word === 'are') && nameEndsBefore(text, start, '.!?:');
}

// The company name comes before the verb (see NAME_BEFORE); the accept tests check the words just before it.
const COMPANY_HIRING_SEARCH = anchored(
  COMPANY_HIRING,
  '=seeking =looking =hiring =recruiting',
  NAME_BEFORE,
  sentenceMarkOrColon,
  false,
  hiringVerbAccepted,
);
const COMPANY_RECRUTE_SEARCH = anchored(
  COMPANY_RECRUTE,
  '=recrute =recherche =sucht =busca =selecciona',
  NAME_BEFORE,
  sentenceMarkOrColon,
  false,
  (text, q) => nameEndsBefore(text, q, '.!?:'),
);
const COMPANY_AT_SEARCH = anchored(
  COMPANY_AT,
  '=at =join =as',
  SENTENCE_START_BEFORE,
  (text, p) => sentenceMark(text, p) || asciiLetter(text.charCodeAt(p)) >= 0,
  false,
  // "At X" starts a sentence; "join us at X" and "As a Y at X" match from their first word.
  startsWithOneOf('At', 'Join', 'join', 'As'),
);
const COMPANY_IS_SEARCH = anchored(
  COMPANY_IS,
  '=is =was =est =ist =es',
  NAME_BEFORE,
  (text, p) => sentenceMark(text, p) || (isSpaceCode(text.charCodeAt(p)) && text.charCodeAt(p + 1) === 0x2d),
  false,
  (text, q) => nameEndsBefore(text, q, '.!?-'),
);

function firstCompanyMatch(
  search: AnchoredRegex,
  gate: Gate,
  index: HeadIndex,
  head: string,
  noun?: RegExp,
): string | null {
  if (!gate(index)) return null;
  // The matches in head, in order (as a global exec loop would give them).
  let resume = 0;
  for (
    let m = searchAnchored(search, head, index, resume);
    m !== null;
    m = searchAnchored(search, head, index, resume)
  ) {
    resume = m.index + m[0].length;
    if (noun && !noun.test(m[2] ?? '')) continue;
    const v = validCompany(m[1] ?? '');
    if (v) return v;
  }
  return null;
}

function extractCompany(doc: Lines, head: string, header: HeaderInfo | null, index: HeadIndex): string | null {
  const labelled = doc.firstLabelled(doc.head.length, COMPANY_LABEL_LEADS, COMPANY_LABEL, cleanValue);
  if (labelled) return labelled;
  if (header?.company) {
    const v = validCompany(header.company);
    if (v) return v;
  }
  const hiring =
    firstCompanyMatch(COMPANY_HIRING_SEARCH, COMPANY_HIRING_GATE, index, head) ??
    firstCompanyMatch(COMPANY_RECRUTE_SEARCH, COMPANY_RECRUTE_GATE, index, head);
  if (hiring) return hiring;
  for (let i = 0; i < doc.head.length; i++) {
    if (!ABOUT_OR_WHY_LEADS.has(doc.lead(i))) continue;
    const line = doc.strip(i);
    const m = ABOUT_COMPANY.exec(line) ?? WHY_COMPANY.exec(line);
    if (m?.[1] !== undefined) {
      const v = validCompany(m[1]);
      if (v) return v;
    }
  }
  return (
    firstCompanyMatch(COMPANY_AT_SEARCH, COMPANY_AT_GATE, index, head) ??
    firstCompanyMatch(COMPANY_IS_SEARCH, COMPANY_IS_GATE, index, head, COMPANY_NOUN)
  );
}

/* ------------------------------------------------------------------------ */
/* Location                                                                  */
/* ------------------------------------------------------------------------ */

const LOCATION_LABEL =
  /^(?:(?:job|work|office)\s+)?(?:location|locations|based\s+in|lieu(?:\s+de\s+travail)?|localisation|localit[ée]|standort|arbeitsort|einsatzort|dienstort|ubicaci[oó]n|localizaci[oó]n|lugar\s+de\s+trabajo|city|ville|ciudad)\s*[:：]\s*(.+)$/i;
const LOCATION_LABEL_ALONE =
  /^(?:(?:job|work)\s+)?(?:location|lieu(?:\s+de\s+travail)?|standort|arbeitsort|ubicaci[oó]n)\s*[:：]$/i;
const LOCATION_LABEL_DASH = /^(?:(?:job|work)\s+)?(?:location|base)\s*[-–—]\s*(.+)$/i;
const CAPS_LOCATION_LABEL = /(?:JOB LOCATION|WORK LOCATION|LOCATION)\s*:/g;
const LOCATED_IN =
  /\b(?:located|based|situ[ée]e?|bas[ée]e?|ubicad[oa])\s+(?:in|à|en)\s+(\p{Lu}[\p{L}.'’-]{0,40}(?:,?\s(?:\p{Lu}[\p{L}.'’-]{0,40}|\d{4,5})){0,5})/gu;
const SENTENCE_END = /\.\s/;
/** First words of LOCATION_LABEL, LOCATION_LABEL_ALONE and LOCATION_LABEL_DASH. */
const LOCATION_LABEL_LEADS = leadWords(
  'job work office location locations based base lieu localisation localit localite standort arbeitsort einsatzort dienstort ubicaci ubicacion localizaci localizacion lugar city ville ciudad',
);
const WORK_MODE_ONLY = /^(?:remote|hybrid|on-?site|in[- ]person|office|home|anywhere|télétravail|homeoffice|remoto)\b/i;
const LOCATED_IN_SEARCH = anchored(
  LOCATED_IN,
  '=located =based =situ =situe =situee =bas =base =basee =ubicado =ubicada',
  AT_ANCHOR,
);

function extractLocation(doc: Lines, head: string, header: HeaderInfo | null, index: HeadIndex): string | null {
  const lines = doc.label;
  for (let i = 0; i < lines.length; i++) {
    // Every label form starts with one of LOCATION_LABEL_LEADS and needs a colon or a dash.
    if (!doc.leadsWith(i, LOCATION_LABEL_LEADS)) continue;
    const colon = doc.hasColon(i);
    const dash = doc.hasDash(i);
    if (!colon && !dash) continue;
    const line = doc.strip(i);
    let value = ((colon ? LOCATION_LABEL.exec(line) : null) ?? (dash ? LOCATION_LABEL_DASH.exec(line) : null))?.[1];
    if (value === undefined && colon && LOCATION_LABEL_ALONE.test(line)) {
      const next = lines.slice(i + 1, i + 4).find((l) => l.trim().length > 0);
      if (next !== undefined && !BULLET_START.test(next) && !moreWordsThan(next, 8)) value = next;
    }
    if (value !== undefined) {
      const v = cleanValue(value);
      if (v && !WORK_MODE_ONLY.test(v)) return v;
    }
  }
  // Every CAPS_LOCATION_LABEL match has "LOCATION" in it.
  if (head.includes('LOCATION')) {
    CAPS_LOCATION_LABEL.lastIndex = 0;
    for (let m = CAPS_LOCATION_LABEL.exec(head); m !== null; m = CAPS_LOCATION_LABEL.exec(head)) {
      const after = head.slice(m.index + m[0].length, m.index + m[0].length + 200);
      const v = cleanValue(after.replace(LEADING_SPACE, '').split('\n')[0] ?? '');
      if (v && !WORK_MODE_ONLY.test(v)) return v;
    }
  }
  if (header?.location) {
    const v = cleanValue(header.location);
    if (v && !WORK_MODE_ONLY.test(v)) return v;
  }
  const m = searchAnchored(LOCATED_IN_SEARCH, head, index, 0);
  if (m?.[1] !== undefined) {
    const v = cleanValue(m[1].split(SENTENCE_END)[0] ?? '');
    if (v && !hasRoleNoun(v)) return v;
  }
  return null;
}

/* ------------------------------------------------------------------------ */
/* Employment type                                                           */
/* ------------------------------------------------------------------------ */

interface KeywordRule<T> {
  re: RegExp;
  value: T;
}

const EMPLOYMENT_RULES: readonly KeywordRule<EmploymentType>[] = [
  {
    re: /\b(?:(?:an?|this|paid|unpaid|summer|winter|spring|fall|autumn|graduate|student|\d+[- ]months?)\s+internship|internships?\s+(?:position|role|opportunit(?:y|ies)|opening|contract)|interns?\b(?=\s*(?:$|[|,)]))|stagiaire|stage\s+(?:de|d['’]|en)|praktikum|praktikant(?:in)?|werkstudent(?:in)?|pr[aá]cticas|becari[oa]|working\s+student|co-op)\b/gi,
    value: 'internship',
  },
  {
    re: /\b(?:apprentice(?:ship)?s?|alternance|apprentie?|contrat\s+d['’]apprentissage|ausbildung\s+(?:zum|zur|als)|auszubildende?r?|azubi|aprendiz(?:aje)?|contrato\s+de\s+formaci[oó]n)\b/gi,
    value: 'apprenticeship',
  },
  {
    re: /\b(?:volunteer(?:ing)?\s+(?:role|position|opportunity|program(?:me)?|basis|assignment)|volunteers?\b(?=\s*(?:$|[|,)]))|unpaid\s+(?:role|position)|b[ée]n[ée]vol(?:e|at)|ehrenamt(?:lich)?|voluntariado)\b/gim,
    value: 'volunteer',
  },
  {
    re: /\b(?:temporary|temp\s+(?:role|position|job|assignment)|fixed[- ]term|seasonal|cdd|contrat\s+à\s+durée\s+déterminée|intérim(?:aire)?|befristet(?:e|er|es)?|zeitarbeit|aushilfe|contrato\s+temporal|interim\s+(?:role|position|assignment))\b/gi,
    value: 'temporary',
  },
  {
    re: /\b(?:(?:full|part)[- ]?time\s+contract|contract(?:or)?\s+(?:role|position|basis|job|assignment|opportunity|work)|on\s+a\s+contract|\d+\s*[- ]?(?:months?|mo|weeks?)\s+contract|contract[- ]to[- ]hire|freelancer?|independent\s+contractor|corp[- ]to[- ]corp|c2c|freiberuflich(?:e|er)?|aut[oó]nomo)\b/gi,
    value: 'contract',
  },
  {
    re: /\b(?:part[- ]?time|temps\s+partiel|mi-temps|teilzeit|tiempo\s+parcial|media\s+jornada|jornada\s+parcial)\b/gi,
    value: 'part-time',
  },
  {
    re: /\b(?:full[- ]?time|temps\s+(?:plein|complet)|vollzeit|jornada\s+completa|tiempo\s+completo)\b/gi,
    value: 'full-time',
  },
];
/** Permanent contracts say nothing about hours; read as full-time only when nothing else is said. */
const PERMANENT = /\b(?:cdi|permanent|unbefristet(?:e|er|es)?|festanstellung|indefinido)\b/i;
const EMPLOYMENT_LABEL =
  /^(?:job\s+types?|employment\s+types?|type\s+of\s+employment|contract\s+type|hire\s+type|work\s+type|schedule|type\s+de\s+contrat|contrat|vertragsart|anstellungsart|beschäftigungsart|arbeitszeit|tipo\s+de\s+contrato|jornada)\s*[:：]\s*(.+)$/i;
const CONTRACT_VALUE = /^contract(?:or)?\b/i;
/** First words of EMPLOYMENT_LABEL. */
const EMPLOYMENT_LABEL_LEADS = leadWords(
  'job employment type contract hire work schedule contrat vertragsart anstellungsart besch arbeitszeit tipo jornada',
);

const EMPLOYMENT_GATES: readonly Gate[] = [
  inKeywordHead('intern stag praktik werkstudent =practicas =cticas becari =student =op'),
  inKeywordHead('apprenti alternance ausbildung auszubildend azubi aprendiz formaci'),
  inKeywordHead('vol unpaid benevol nevol ehrenamt'),
  inKeywordHead('temp fixed seasonal cdd contrat =int interim befristet zeitarbeit aushilfe'),
  inKeywordHead('contract freelance corp =c freiberuflich autonomo =aut'),
  inKeywordHead('=part parttime temps teilzeit tiempo jornada'),
  inKeywordHead('=full fulltime temps vollzeit jornada tiempo'),
];
if (EMPLOYMENT_GATES.length !== EMPLOYMENT_RULES.length) throw new Error('metadata: one gate per employment rule');
const PERMANENT_GATE = inKeywordHead('=cdi permanent unbefristet festanstellung indefinido');
const EMPLOYMENT_SEARCHES: readonly AnchoredRegex[] = [
  'intern stag praktik werkstudent =practicas =cticas becari =student =op',
  'apprenti alternance ausbildung auszubildend azubi aprendiz formaci',
  'vol unpaid benevol nevol ehrenamt',
  'temp fixed seasonal cdd contrat =int interim befristet zeitarbeit aushilfe',
  'contract freelance corp =c freiberuflich autonomo =aut',
  '=part parttime temps teilzeit tiempo jornada',
  '=full fulltime temps vollzeit jornada tiempo',
].map((spec, r) => {
  // Tokens a match may have before its anchor ("6 months internship", "full time contract").
  const before = [2, 2, 0, 0, 2, 1, 1][r] ?? 2;
  return anchored((EMPLOYMENT_RULES[r] as KeywordRule<EmploymentType>).re, spec, before, wordStart, true);
});
const PERMANENT_SEARCH = anchored(
  PERMANENT,
  '=cdi permanent unbefristet festanstellung indefinido',
  0,
  wordStart,
  true,
);

function firstKeyword<T>(rules: readonly KeywordRule<T>[], text: string): T | null {
  let best: { value: T; pos: number; len: number } | null = null;
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    const m = rule.re.exec(text);
    if (!m) continue;
    if (!best || m.index < best.pos || (m.index === best.pos && m[0].length > best.len)) {
      best = { value: rule.value, pos: m.index, len: m[0].length };
    }
  }
  return best ? best.value : null;
}

/** firstKeyword(rules, keywordHead), each rule run only where its anchors are (`gates`, `searches`: one per rule). */
function firstKeywordInHead<T>(
  rules: readonly KeywordRule<T>[],
  gates: readonly Gate[],
  searches: readonly AnchoredRegex[],
  keywordHead: string,
  index: HeadIndex,
): T | null {
  let best: { value: T; pos: number; len: number } | null = null;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as KeywordRule<T>;
    const search = searches[r];
    if (!search || !gates[r]?.(index)) continue;
    const m = searchAnchored(search, keywordHead, index, 0);
    if (!m) continue;
    if (!best || m.index < best.pos || (m.index === best.pos && m[0].length > best.len)) {
      best = { value: rule.value, pos: m.index, len: m[0].length };
    }
  }
  return best ? best.value : null;
}

function looksLikeEmployment(s: string): boolean {
  return EMPLOYMENT_ONLY.test(s) || firstKeyword(EMPLOYMENT_RULES, s) !== null || CONTRACT_VALUE.test(s);
}

function employmentFromValue(v: string): EmploymentType | null {
  const found = firstKeyword(EMPLOYMENT_RULES, v);
  if (found) return found;
  if (CONTRACT_VALUE.test(v)) return 'contract';
  if (PERMANENT.test(v)) return 'full-time';
  return null;
}

function extractEmploymentType(
  doc: Lines,
  header: HeaderInfo | null,
  headerLine: string,
  scan: string,
  index: HeadIndex,
): EmploymentType | null {
  const labelled = doc.firstLabelled(doc.label.length, EMPLOYMENT_LABEL_LEADS, EMPLOYMENT_LABEL, employmentFromValue);
  if (labelled) return labelled;
  if (header) {
    for (const seg of headerLine.split(PIPE_SPLIT)) {
      const v = employmentFromValue(seg.trim());
      if (v) return v;
    }
  }
  return (
    firstKeywordInHead(EMPLOYMENT_RULES, EMPLOYMENT_GATES, EMPLOYMENT_SEARCHES, scan, index) ??
    (PERMANENT_GATE(index) && searchAnchored(PERMANENT_SEARCH, scan, index, 0) !== null ? 'full-time' : null)
  );
}

/* ------------------------------------------------------------------------ */
/* Seniority                                                                 */
/* ------------------------------------------------------------------------ */

const TITLE_SENIORITY: readonly KeywordRule<Seniority>[] = [
  {
    re: /\b(?:intern|internship|trainee|stagiaire|praktikant(?:in)?|werkstudent(?:in)?|becari[oa]|apprentice|apprenti|working\s+student)\b/i,
    value: 'intern',
  },
  {
    re: /\b(?:chief|ceo|cto|cfo|coo|cio|cmo|president|vice[- ]president|vp|svp|evp|managing\s+director|geschäftsführer(?:in)?|directeur\s+général|directrice\s+générale|director\s+general)\b/i,
    value: 'executive',
  },
  { re: /\b(?:director|directrice|directeur|direktor(?:in)?|head\s+of|directora?)\b/i, value: 'director' },
  {
    re: /\b(?:principal|staff\s+(?:engineer|scientist|developer|software|data|product|designer|architect))\b/i,
    value: 'principal',
  },
  {
    re: /\b(?:lead|leader|chef\s+d['’]équipe|teamleiter(?:in)?|jefe\s+de\s+equipo|líder)\b/i,
    value: 'lead',
  },
  { re: /\b(?:senior|sr\.?|snr|confirmé(?:e)?|expérimenté(?:e)?)(?=\s|$|[^\p{L}])/iu, value: 'senior' },
  {
    re: /(?:\b(?:manager|responsable|gerente|jefe|jefa)\b|leiter(?:in)?\b)/i,
    value: 'manager',
  },
  { re: /\b(?:junior|jr\.?|débutant(?:e)?)(?=\s|$|[^\p{L}])/iu, value: 'junior' },
  { re: /\b(?:entry[- ]level|graduate|new\s+grad)\b/i, value: 'entry' },
  { re: /\b(?:mid[- ]?level|intermediate|mid[- ]senior)\b/i, value: 'mid' },
];

const TEXT_SENIORITY: readonly KeywordRule<Seniority>[] = [
  {
    re: /\b(?:entry[- ]level|graduate\s+(?:scheme|programme|program|role|position|trainee)|new\s+grads?|no\s+(?:prior\s+)?experience\s+(?:is\s+)?(?:required|necessary|needed)|newly\s+qualified|débutants?\s+accepté(?:e)?s?|berufseinsteiger(?:in)?|sin\s+experiencia)\b/gi,
    value: 'entry',
  },
  { re: /\b(?:mid[- ]level|mid[- ]senior)\b/gi, value: 'mid' },
  { re: /\b(?:senior[- ]level)\b/gi, value: 'senior' },
  { re: /\b(?:junior[- ]level|junior\s+(?:role|position))\b/gi, value: 'junior' },
];

const TEXT_SENIORITY_GATES: readonly Gate[] = [
  anyOf(
    allOf(inKeywordHead('=no =sin'), inKeywordHead('experien')),
    inKeywordHead('=entry grad =qualified butant berufseinsteiger'),
  ),
  inKeywordHead('=mid'),
  inKeywordHead('=senior'),
  inKeywordHead('=junior'),
];
const TEXT_SENIORITY_SEARCHES: readonly AnchoredRegex[] = [
  '=entry grad experien =qualified butant berufseinsteiger',
  '=mid',
  '=senior',
  '=junior',
].map((spec, r) => anchored((TEXT_SENIORITY[r] as KeywordRule<Seniority>).re, spec, r === 0 ? 2 : 0, wordStart, true));
if (TEXT_SENIORITY_GATES.length !== TEXT_SENIORITY.length) throw new Error('metadata: one gate per seniority rule');

function extractSeniority(
  title: string | null,
  scan: string,
  employment: EmploymentType | null,
  index: HeadIndex,
): Seniority | null {
  if (title) {
    for (const rule of TITLE_SENIORITY) if (rule.re.test(title)) return rule.value;
  }
  if (employment === 'internship') return 'intern';
  return firstKeywordInHead(TEXT_SENIORITY, TEXT_SENIORITY_GATES, TEXT_SENIORITY_SEARCHES, scan, index);
}

/* ------------------------------------------------------------------------ */
/* Remote / hybrid / onsite                                                  */
/* ------------------------------------------------------------------------ */

const NOT_REMOTE =
  /\b(?:not|no|non)\s+(?:a\s+)?(?:remote|wfh|work[- ]from[- ]home|home[- ]based|hybrid)\b|\bpas\s+de\s+t[ée]l[ée]travail\b|\bkein(?:e)?\s+(?:home[- ]?office|remote)\b|\bsin\s+teletrabajo\b/i;
const HYBRID =
  /\bh[iyí]brid[eo]?\b(?!\s*(?:cloud|multi-cloud|vehicles?|cars?|apps?|mobile|electric|engines?|systems?|infrastructure|environments?|architectures?|solutions?|integration|quantum|classical|algorithms?|models?\s+of\s+care))|\bt[ée]l[ée]travail\s+(?:partiel|possible|occasionnel|\d\s*jours?)|\bjours?\s+de\s+t[ée]l[ée]travail\b|\bpartly\s+remote\b|\bpartially\s+remote\b|\bteilweise\s+(?:home[- ]?office|remote)\b/i;
const REMOTE =
  /\b(?:(?:fully|100\s?%|completely|entirely|is|be)\s+remote\b|remote(?:[- ](?:first|friendly|only|based))?\s+(?:work(?:ing|er)?|role|position|job|opportunit(?:y|ies)|option|setup|team|employees?|environment|contract)\b|work(?:ing)?\s+(?:remotely|from\s+home|from\s+anywhere)|\(remote\b|remote\s*[-–:]\s*(?:us|uk|eu|usa|europe|worldwide|anywhere|global)\b|wfh\b|t[ée]l[ée]travail|home[- ]?office|mobiles?\s+arbeiten|teletrabajo|trabajo\s+(?:en\s+)?remoto|100\s?%\s+remoto)/i;
const ONSITE =
  /\b(?:on[- ]?site\s+(?:role|position|work|job|only)|(?:100\s?%|fully)\s+on[- ]?site|in[- ]office\s+(?:role|position)|work(?:ing)?\s+(?:on[- ]?site|in\s+(?:the\s+)?office)|in[- ]person\s+(?:role|position|work)|sur\s+site|en\s+pr[ée]sentiel|(?:arbeit|tätigkeit|präsenz)\s+vor\s+ort|presencial)\b/i;
const MODE_VALUE_REMOTE = /\b(?:remote|remoto|télétravail|homeoffice|anywhere|wfh)\b/i;
const MODE_VALUE_HYBRID = /\bh[iyí]brid[eo]?\b/i;
const MODE_VALUE_ONSITE =
  /\b(?:on[- ]?site|in[- ]person|in\s+office|office[- ]based|sur\s+site|presencial|présentiel)\b/i;
const MODE_LABEL =
  /^(?:(?:job|work)\s+)?(?:location|setting|work\s+setting|workplace(?:\s+type)?|location\s+type|work\s+mode|remote|lieu(?:\s+de\s+travail)?|standort|arbeitsort|ubicaci[oó]n|modalidad)\s*[:：]\s*(.+)$/i;

/** First words of MODE_LABEL. */
const MODE_LABEL_LEADS = leadWords(
  'job work location setting workplace remote lieu standort arbeitsort ubicaci ubicacion modalidad',
);

/** Whether a token of text[start, end) begins with one of `words` (lower-case ASCII), ignoring the case of ASCII letters. */
function startsWithWord(text: string, start: number, end: number, words: readonly string[]): boolean {
  if (start < 0) return false;
  for (const w of words) if (end - start >= w.length && sameWord(text, start, start + w.length, w)) return true;
  return false;
}

const NOT_REMOTE_WORDS: readonly string[] = ['remote', 'wfh', 'work', 'home', 'hybrid'];
const KEIN_WORDS: readonly string[] = ['home', 'remote'];
const NOT_WORDS: readonly string[] = ['not', 'no', 'non'];
const KEIN: readonly string[] = ['kein', 'keine'];
const A_WORD: readonly string[] = ['a'];
const DE_WORD: readonly string[] = ['de'];
const TELETRABAJO: readonly string[] = ['teletrabajo'];

/**
 * NOT_REMOTE from its first word, by the words after it (case-insensitive, as the pattern):
 * "(not|no|non) (a)? remote|wfh|work…|home…|hybrid", "pas de …", "kein(e) home…|remote", "sin teletrabajo".
 */
function notRemoteAccepted(text: string, q: number): boolean {
  const next = wordAndNext(text, q);
  const end = next[0] ?? q;
  const s1 = next[1] ?? -1;
  const e1 = next[2] ?? -1;
  if (oneOfWords(text, q, end, NOT_WORDS)) {
    return (
      startsWithWord(text, s1, e1, NOT_REMOTE_WORDS) ||
      (oneOfWords(text, s1, e1, A_WORD) && startsWithWord(text, next[3] ?? -1, next[4] ?? -1, NOT_REMOTE_WORDS))
    );
  }
  if (oneOfWords(text, q, end, KEIN)) return startsWithWord(text, s1, e1, KEIN_WORDS);
  if (sameWord(text, q, end, 'pas')) return oneOfWords(text, s1, e1, DE_WORD);
  if (sameWord(text, q, end, 'sin')) return startsWithWord(text, s1, e1, TELETRABAJO);
  return true;
}

function modeFromValue(v: string): WorkMode | null {
  if (MODE_VALUE_HYBRID.test(v)) return 'hybrid';
  if (MODE_VALUE_REMOTE.test(v)) return 'remote';
  if (MODE_VALUE_ONSITE.test(v)) return 'onsite';
  return null;
}

const NOT_REMOTE_GATE = anyOf(
  allOf(inHead('=not =no =non'), inHead('=remote =wfh =work =home =hybrid')),
  allOf(inHead('=pas'), inHead('=teletravail =letravail =travail')),
  inHead('=kein =keine'),
  allOf(inHead('=sin'), inHead('=teletrabajo')),
);
const HYBRID_GATE = inHead(
  'hibrid hybrid =brid =bride =brido =teletravail =letravail =travail =partly =partially =teilweise',
);
const REMOTE_GATE = inHead('remot home anywhere =wfh teletravail letravail travail mobile teletrabajo');
const ONSITE_GATE = inHead('=onsite =site =office =person =presentiel =sentiel =ort =presencial');
const NOT_REMOTE_SEARCH = anchored(
  NOT_REMOTE,
  '=not =no =non =pas =kein =keine =sin',
  AT_ANCHOR,
  null,
  false,
  notRemoteAccepted,
);
// Tokens before the anchor: "jours de télétravail", "100 % remote", "working in the office".
const HYBRID_SEARCH = anchored(
  HYBRID,
  'hibrid hybrid =brid =bride =brido teletravail letravail travail =partly =partially =teilweise',
  3,
  wordStart,
);
const REMOTE_SEARCH = anchored(
  REMOTE,
  'remot home anywhere =wfh teletravail letravail travail mobile teletrabajo',
  3,
  wordStartOrParen,
);
const ONSITE_SEARCH = anchored(
  ONSITE,
  '=onsite =site =office =person =presentiel =sentiel =ort =presencial',
  4,
  wordStart,
);

function extractRemote(
  doc: Lines,
  headerLine: string | null,
  title: string | null,
  scan: string,
  index: HeadIndex,
): WorkMode | null {
  if (NOT_REMOTE_GATE(index) && searchAnchored(NOT_REMOTE_SEARCH, scan, index, 0) !== null) return 'onsite';
  const labelled = doc.firstLabelled(doc.label.length, MODE_LABEL_LEADS, MODE_LABEL, modeFromValue);
  if (labelled) return labelled;
  if (headerLine) {
    for (const seg of headerLine.split(PIPE_SPLIT)) {
      const v = modeFromValue(seg);
      if (v) return v;
    }
  }
  if (title && MODE_VALUE_REMOTE.test(title)) return 'remote';
  if (HYBRID_GATE(index) && searchAnchored(HYBRID_SEARCH, scan, index, 0) !== null) return 'hybrid';
  if (REMOTE_GATE(index) && searchAnchored(REMOTE_SEARCH, scan, index, 0) !== null) return 'remote';
  if (ONSITE_GATE(index) && searchAnchored(ONSITE_SEARCH, scan, index, 0) !== null) return 'onsite';
  return null;
}

/* ------------------------------------------------------------------------ */
/* Salary                                                                    */
/* ------------------------------------------------------------------------ */

const CURRENCY_PREFIX = String.raw`(?:US\$|USD\s?|CA\$|C\$|CAD\s?|AU\$|A\$|AUD\s?|NZ\$|HK\$|S\$|R\$|\$|£|GBP\s?|€|EUR\s?|¥|JPY\s?|₹|INR\s?|CHF\s?)`;
const NUMBER = String.raw`(?:\d{1,3}(?:[,.\u00a0\u202f ]\d{3}){1,3}(?:[.,]\d{1,2})?(?!\d)|\d{1,7}(?:[.,]\d{1,2})?(?!\d))`;
const CURRENCY_SUFFIX = String.raw`(?:€|euros?|EUR|USD|GBP|CHF|dollars?|pounds?|\$|£)`;
/** One amount: optional currency before, number, optional k, optional currency after. */
const AMOUNT = new RegExp(
  String.raw`(?<![\w.,$£€])(${CURRENCY_PREFIX})?\s?(${NUMBER})(\s?[kK](?![a-zA-Z]))?(?:\s?(${CURRENCY_SUFFIX})(?![a-zA-Z]))?`,
  'g',
);
const RANGE_GAP = /^\s{0,3}(?:-|–|—|to|à|a|bis|and|y|et)\s{0,3}$/i;
const BIG_UNIT = /^\s?(?:mm|mil|mio|mrd|million|millions|billion|billions|milliards?|millones|bn|[mMbB](?![a-z]))/;
const NOT_MONEY_AFTER = /^\s?(?:%|percent|\+?\s?(?:years?|yrs?|ans|jahre|años|hours?|hrs?|days?|weeks?|months?))/i;
/**
 * A necessary condition for SALARY_CONTEXT to match in text that is not cut inside a run of ASCII letters:
 * its \b-delimited words are whole runs of ASCII letters, and those with letters beyond ASCII end with
 * ("ration" in "rémunération", "muneration", "tung" in "vergütung") or start with ("retribuci" in
 * "retribución") one.
 */
const SALARY_CONTEXT_WORD = wordFlag(
  'salary salaries pay compensation wage wages rate ote remuneration stipend salaire ration muneration gehalt vergutung tung lohn salario sueldo retribucion retribuci',
);
const SALARY_CONTEXT =
  /\b(?:salary|salaries|pay|compensation|wage|wages|rate|ote|remuneration|stipend|salaire|rémunération|r[ée]mun[ée]ration|gehalt|vergütung|verg[üu]tung|lohn|salario|sueldo|retribuci[oó]n)\b/i;
const PERIOD_AFTER =
  /(\/\s?(?:hr|hour|h)\b|per\s+hour|an\s+hour|a\s+hour|hourly|p\/h\b|ph\b|de\s+l['’]heure|par\s+heure|(?:brut\s+)?horaire|pro\s+stunde|\/\s?std\b|por\s+hora|la\s+hora)|(per\s+day|a\s+day|daily|\/\s?day\b|par\s+jour|journalier|pro\s+tag|al\s+d[ií]a|diario)|(per\s+week|a\s+week|weekly|\/\s?(?:week|wk)\b|par\s+semaine|pro\s+woche|a\s+la\s+semana|semanal)|(per\s+month|a\s+month|monthly|\/\s?(?:month|mo)\b|par\s+mois|mensuel(?:le)?|pro\s+monat|monatlich|al\s+mes|mensual(?:es)?)|(per\s+year|a\s+year|per\s+annum|p\.\s?a\.|\bpa\b|annually|annual|yearly|\/\s?(?:year|yr|an)\b|par\s+an\b|annuel(?:le)?|pro\s+jahr|im\s+jahr|jährlich|al\s+año|anual(?:es)?)/i;
const PERIOD_BEFORE =
  /(hourly|stundenlohn|taux\s+horaire)|(daily\s+rate|day\s+rate|tjm)|(weekly)|(monthly|mensuel|monatlich|mensual)|(annual|yearly|jahresgehalt|salaire\s+annuel|salario\s+anual)/i;
const PERIODS: readonly SalaryPeriod[] = ['hour', 'day', 'week', 'month', 'year'];
const UP_TO = /(?:up\s+to|jusqu['’]à|bis\s+zu|hasta)\s*$/i;
const FROM = /(?:from|starting\s+(?:at|from)|minimum(?:\s+of)?|à\s+partir\s+de|dès|ab|desde|a\s+partir\s+de)\s*$/i;
const RETIREMENT_PLAN = /^\s?(?:\(k\)|k\b|\(b\))/i;

interface Amount {
  start: number;
  end: number;
  value: number;
  currency: string | null;
  k: boolean;
}

function currencyCode(sym: string | undefined): string | null {
  if (!sym) return null;
  const s = sym.trim().toUpperCase();
  if (s === 'US$' || s === 'USD' || s === '$' || s.startsWith('DOLLAR')) return 'USD';
  if (s === 'CA$' || s === 'C$' || s === 'CAD') return 'CAD';
  if (s === 'AU$' || s === 'A$' || s === 'AUD') return 'AUD';
  if (s === 'NZ$') return 'NZD';
  if (s === 'HK$') return 'HKD';
  if (s === 'S$') return 'SGD';
  if (s === 'R$') return 'BRL';
  if (s === '£' || s === 'GBP' || s.startsWith('POUND')) return 'GBP';
  if (s === '€' || s === 'EUR' || s.startsWith('EURO')) return 'EUR';
  if (s === '¥' || s === 'JPY') return 'JPY';
  if (s === '₹' || s === 'INR') return 'INR';
  if (s === 'CHF') return 'CHF';
  return null;
}

const NUMBER_SPACE = /[\u00a0\u202f ]/g;
const NUMBER_SEPARATOR = /[,.]/g;
const DIGITS_ONLY = /^\d+$/;

function parseNumber(raw: string): number {
  if (DIGITS_ONLY.test(raw)) return Number(raw);
  const s = raw.replace(NUMBER_SPACE, ',');
  // "1,234,567.89" / "1.234.567,89" / "25,655" / "18,50" / "2.000"
  const lastSep = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  if (lastSep < 0) return Number(s);
  const decimals = s.length - lastSep - 1;
  if (decimals === 3) return Number(s.replace(NUMBER_SEPARATOR, ''));
  const intPart = s.slice(0, lastSep).replace(NUMBER_SEPARATOR, '');
  return Number(`${intPart}.${s.slice(lastSep + 1)}`);
}

/** AMOUNT anchored at lastIndex. */
const AMOUNT_AT = new RegExp(AMOUNT.source, 'y');
const DIGIT = /\d/g;
/** An amount's number starts at most this far into the match ("USD " + a space). */
const MAX_AMOUNT_PREFIX = 5;
const RETIREMENT_NUMBER = /^40[13]$|^457$/;
const MAX_AMOUNTS = 2000;

/** Whether an AMOUNT match can start with this code unit: a currency's first character, whitespace or a digit. */
function mayStartAmount(c: number): boolean {
  if (c >= 0x30 && c <= 0x39) return true;
  switch (c) {
    case 0x24: // $
    case 0x41: // A
    case 0x43: // C
    case 0x45: // E
    case 0x47: // G
    case 0x48: // H
    case 0x49: // I
    case 0x4a: // J
    case 0x4e: // N
    case 0x52: // R
    case 0x53: // S
    case 0x55: // U
    case 0xa3: // £
    case 0xa5: // ¥
    case 0x20ac: // €
    case 0x20b9: // ₹
      return true;
    default:
      return isSpaceCode(c);
  }
}

/**
 * The AMOUNT match a global search from `from` finds: a match contains a
 * digit at most MAX_AMOUNT_PREFIX characters after its start, so only the
 * positions just before each run of digits are tried, in order. (Inside a run
 * of digits, and just after it, AMOUNT's look-behind fails: a digit precedes.)
 */
function nextAmountMatch(text: string, from: number, digits: DigitRuns | null): RegExpExecArray | null {
  let low = from;
  for (;;) {
    const digit = digits ? digits.next(text, low) : nextDigit(text, low);
    if (digit < 0) return null;
    for (let s = Math.max(low, digit - MAX_AMOUNT_PREFIX); s <= digit; s++) {
      if (!mayStartAmount(text.charCodeAt(s)) || (s > 0 && amountLookBehindFails(text.charCodeAt(s - 1)))) continue;
      AMOUNT_AT.lastIndex = s;
      const m = AMOUNT_AT.exec(text);
      if (m !== null) return m;
    }
    low = digit + 1;
    while (low < text.length && isDigit(text.charCodeAt(low))) low++;
  }
}

/** The first digit of text at or after `from`, or -1. */
function nextDigit(text: string, from: number): number {
  DIGIT.lastIndex = from;
  return DIGIT.test(text) ? DIGIT.lastIndex - 1 : -1;
}

/** The first digits of a text, as analyse found them: nextDigit from its runs of digits. */
class DigitRuns {
  /** The run last looked at (the runs before it end at or before the last `from`). */
  private run = 0;
  private last = 0;

  constructor(private readonly facts: AnchorHits) {}

  /** nextDigit(text, from), text being the one analysed (or a start of it). */
  next(text: string, from: number): number {
    const { digits, digitCount, digitLimit } = this.facts;
    if (from < this.last) this.run = 0;
    this.last = from;
    let r = this.run;
    while (r < digitCount && (digits[r + 1] ?? 0) <= from) r += 2;
    this.run = r;
    if (r < digitCount) {
      const start = Math.max(digits[r] ?? 0, from);
      return start < text.length ? start : -1;
    }
    // No digit in [from, digitLimit): search on from there.
    return digitLimit < text.length ? nextDigit(text, Math.max(from, digitLimit)) : -1;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Whether AMOUNT's look-behind (?<![\w.,$£€]) fails after this code unit. */
function amountLookBehindFails(c: number): boolean {
  return isWordChar(c) || c === 0x2e || c === 0x2c || c === 0x24 || c === 0xa3 || c === 0x20ac;
}

/** The amounts of a text (at most MAX_AMOUNTS), read as far as they are asked for. */
class Amounts {
  private readonly out: Amount[] = [];
  private pos = 0;
  private done = false;

  constructor(
    private readonly text: string,
    private readonly digits: DigitRuns | null,
  ) {}

  get(i: number): Amount | undefined {
    while (this.out.length <= i && !this.done) this.readOne();
    return this.out[i];
  }

  /** Reads the next AMOUNT match, keeping it if it looks like money. */
  private readOne(): void {
    const text = this.text;
    const m = this.out.length < MAX_AMOUNTS ? nextAmountMatch(text, this.pos, this.digits) : null;
    if (m === null) {
      this.done = true;
      return;
    }
    this.pos = m.index + m[0].length;
    const numRaw = m[2] ?? '';
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    if (BIG_UNIT.test(after) || NOT_MONEY_AFTER.test(after)) return;
    const k = m[3] !== undefined;
    let value = parseNumber(numRaw);
    if (!Number.isFinite(value) || value <= 0) return;
    if (k) value *= 1000;
    if (!m[1] && !m[4] && RETIREMENT_NUMBER.test(numRaw) && (k || RETIREMENT_PLAN.test(after))) return;
    this.out.push({
      start: m.index,
      end: m.index + m[0].length,
      value,
      currency: currencyCode(m[1]) ?? currencyCode(m[4]),
      k,
    });
  }
}

function salaryPeriod(before: string, after: string): SalaryPeriod | null {
  const a = PERIOD_AFTER.exec(after);
  const b = a ? null : PERIOD_BEFORE.exec(before);
  const m = a ?? b;
  if (!m) return null;
  for (let g = 1; g <= 5; g++) if (m[g] !== undefined) return PERIODS[g - 1] ?? null;
  return null;
}

/**
 * Finds the first salary in `text`; bare numbers (no currency) count only next to a salary word or when `bare`.
 * With `facts`, text is (a start of) the text analysed.
 */
function findSalary(text: string, bare: boolean, facts: AnchorHits | null): Salary | null {
  const amounts = new Amounts(text, facts ? new DigitRuns(facts) : null);
  // Whether text may have a salary word (SALARY_CONTEXT_WORD), then tested where it is cut.
  const contextWords = facts === null || (facts.wordFlags & SALARY_CONTEXT_WORD) !== 0;
  for (let i = 0; ; i++) {
    const a = amounts.get(i);
    if (a === undefined) break;
    const b = amounts.get(i + 1);
    // RANGE_GAP is at most 9 characters long.
    const ranged = b !== undefined && b.start - a.end <= 9 && RANGE_GAP.test(text.slice(a.end, b.start));
    const last = ranged && b ? b : a;
    const currency = a.currency ?? (ranged && b ? b.currency : null);
    // What precedes the amount on its line, at most 60 characters.
    let beforeStart = Math.max(0, a.start - 60);
    for (let k = a.start; k >= beforeStart; k--) {
      if (text.charCodeAt(k) === 0x0a) {
        beforeStart = k + 1;
        break;
      }
    }
    const before = text.slice(beforeStart, a.start);
    if (
      !currency &&
      !bare &&
      !(
        (contextWords || (beforeStart > 0 && asciiLetter(text.charCodeAt(beforeStart - 1)) >= 0)) &&
        SALARY_CONTEXT.test(before)
      )
    ) {
      continue;
    }
    let min = a.value;
    let max = last.value;
    if (ranged && b?.k && !a.k && a.value < 1000) min = a.value * 1000;
    if (!currency) {
      // A bare number must look like pay, not a year or a count.
      if (min >= 1900 && min <= 2100 && !a.k) continue;
      if (min < 5) continue;
    }
    if (max < min) max = min;
    const nl = text.indexOf('\n', last.end);
    const afterEnd = nl >= 0 ? Math.min(nl, last.end + 40) : last.end + 40;
    const after = text.slice(last.end, afterEnd);
    const period = salaryPeriod(before, after);
    let end = last.end;
    if (period) {
      const pm = PERIOD_AFTER.exec(after);
      if (pm) end = last.end + pm.index + pm[0].length;
    }
    const upTo = !ranged && UP_TO.test(before);
    const from = !ranged && FROM.test(before);
    return {
      min: upTo ? null : min,
      max: from ? null : max,
      currency,
      period,
      text: squash(text.slice(a.start, end)),
    };
  }
  return null;
}

/** The salary of the header, or else of `scan` (a start of the text analysed, as `facts` tell). */
function extractSalary(header: HeaderInfo | null, scan: string, facts: AnchorHits): Salary | null {
  if (header?.salaryText) {
    const s = findSalary(header.salaryText, true, null);
    if (s) return s;
  }
  return findSalary(scan, false, facts);
}

/* ------------------------------------------------------------------------ */
/* Title                                                                     */
/* ------------------------------------------------------------------------ */

interface TitleResult {
  title: string | null;
  header: HeaderInfo | null;
  headerLine: string | null;
}

function firstHeader(doc: Lines): { info: HeaderInfo; line: string } | null {
  const lines = doc.head;
  let seen = 0;
  for (let i = 0; i < lines.length && seen < 3; i++) {
    const raw = lines[i] ?? '';
    const line = doc.strip(i);
    if (line.length === 0 || isHeading(line)) continue;
    seen++;
    const info = parseHeaderLine(raw, false, line);
    if (info) return { info, line };
    // Only a short name-like line (a company name) may precede the title line.
    if (moreWordsThan(line, 5) || SENTENCE_PUNCT.test(line) || hasRoleNoun(line)) return null;
  }
  return null;
}

function lastHeader(lines: readonly string[]): HeaderInfo | null {
  for (let i = lines.length - 1, seen = 0; i >= 0 && seen < 20; i--, seen++) {
    const raw = cut(lines[i] ?? '', MAX_LINE_CHARS);
    const line = stripMarkup(raw);
    if (line.length === 0) continue;
    // Both give null: the cheaper test first.
    const info = parseHeaderLine(raw, true, line);
    if (!info?.title) return null;
    if (inContactBlock(lines, i)) return null;
    // A last line counts only in the "Title • Location" / pipe shape, or as a bare title.
    if (info.location || info.company || (!line.includes(',') && !moreWordsThan(line, 6))) return info;
    return null;
  }
  return null;
}

function extractTitle(
  doc: Lines,
  head: string,
  lang: string | null,
  all: readonly string[],
  index: HeadIndex,
): TitleResult {
  const first = firstHeader(doc);
  const header = first?.info ?? null;
  const headerLine = first?.line ?? null;
  const labelled = titleFromLabels(doc, head);
  if (labelled) return { title: labelled, header, headerLine };
  if (header?.multipleRoles) return { title: null, header, headerLine };
  if (header?.title) return { title: header.title, header, headerLine };
  const last = lastHeader(all);
  if (last?.title) return { title: last.title, header: header ?? last, headerLine };
  const sentence = titleFromSentences(head, lang, index);
  if (sentence && sentence.tier < 7) return { title: sentence.title, header, headerLine };
  const standalone = titleFromStandaloneLine(doc);
  if (standalone) return { title: standalone, header, headerLine };
  return { title: sentence?.title ?? null, header, headerLine };
}

/* ------------------------------------------------------------------------ */
/* Entry point                                                               */
/* ------------------------------------------------------------------------ */

/** Document-level metadata of a posting. Fields the text does not state are null. */
export function extractMetadata(input: MetadataInput): Metadata {
  const doc = new Lines(input.lines);
  const head = cut(input.text, HEAD_CHARS);
  const scan = cut(input.text, SCAN_CHARS);
  const keywordHead = cut(input.text, KEYWORD_CHARS);
  sharedHits ??= new AnchorHits();
  const positions = sharedHits.reset();
  const language = analyse(input.text, positions);
  const index = new HeadIndex(head, positions);

  const { title, header, headerLine } = extractTitle(doc, head, language, input.lines, index);
  const company = extractCompany(doc, head, header, index);
  const location = extractLocation(doc, head, header, index);
  const employmentType = extractEmploymentType(doc, header, headerLine ?? '', keywordHead, index);
  const seniority = extractSeniority(title, keywordHead, employmentType, index);
  const remote = extractRemote(doc, header ? headerLine : null, title, head, index);
  const salary = extractSalary(header, scan, positions);

  return { language, title, company, location, employmentType, seniority, remote, salary };
}
