/**
 * Skill matcher: finds canonical skill names (shared/parser/data/skills.json) in job-description text.
 *
 * One pass tokenizes the text; a second looks each word up in an index keyed by an alias's first token, trying
 * that word's candidate aliases longest first. Cost is linear in the text: the candidates per first token are few
 * and short, and the context checks for ambiguous names look at a bounded window, or at per-line facts that are
 * computed once per line.
 */
import lexicon from './data/skills.json';

export interface SkillMatch {
  name: string;
  start: number;
  end: number;
}

interface LexiconEntry {
  name: string;
  domain: string;
  any?: string[];
  exact?: string[];
  atStart?: string[];
  contextual?: string[];
}

// How an alias must be matched (see scripts/build-skills-lexicon.mjs, `classify`).
const ANY = 0;
const EXACT = 1;
const AT_START = 2;
const CONTEXTUAL = 3;

// Evidence bits: what a neighbouring skill or cue word vouches for. Developer technology also counts as software,
// so "Word" next to "Python" is fine, but "C" next to "Excel" is not.
const DEV = 1;
const SOFTWARE = 2;
const LANGUAGE = 4;
const PROVIDES: Record<string, number> = { dev: DEV | SOFTWARE, software: SOFTWARE, language: LANGUAGE, general: 0 };
const NEEDS: Record<string, number> = { dev: DEV, software: SOFTWARE, language: LANGUAGE, general: 0 };

/** Tokens either side of an ambiguous name searched for evidence; lists like "Java, Python, C" fit. */
const WINDOW = 8;
/** Two ambiguous names vouch for each other only when this close ("Go, Rust"; "English and Spanish"). */
const PAIR_DISTANCE = 3;
/** A line before a bare list of skills is read as its heading ("Languages:") only when it is this short. */
const HEADING_TOKENS = 12;

/** Whitespace-separated word list (keeps long lists compact). */
function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

const DEV_CUES = words(
  'programming programmer programmers language languages code coding coder codebase scripting compiler ' +
    'compilers developer developers development engineer engineers engineering software stack backend ' +
    'frontend fullstack api apis sdk library libraries framework frameworks runtime devops toolchain ' +
    'embedded firmware kernel microservices repository oop algorithms',
);
const SOFTWARE_CUES = words(
  'microsoft ms office application applications app apps tool tools suite 365 computer computers pc ' +
    'spreadsheet spreadsheets skills proficiency proficient literate platform platforms package packages ' +
    'crm erp ehr emr lms systems',
);
const LANGUAGE_CUES = words(
  'language languages speak speaks speaking speaker speakers spoken fluent fluently fluency bilingual ' +
    'trilingual multilingual native tongue written verbal oral proficiency proficient conversational read ' +
    'write reading writing interpreter interpreting translation translator translate knowledge skills ' +
    'cefr a1 a2 b1 b2 c1 c2 plus asset advantage desirable bonus',
);
/** Nouns that show a capitalised word at a sentence start is a name ("Excel skills", "React developer"). */
const FOLLOWERS = words('experience expertise certification certified user users knowledge skills');
const CONNECTORS = words('and or plus with');
/** "Grade C", "Class C licence", "vitamin C", "Type R": a label, not a language. */
const NEGATIVE_BEFORE = words(
  'grade grades class type vitamin hepatitis plan level tier category section part schedule block unit ' +
    'building appendix option group band form letter item phase size zone floor wing ward division league ' +
    'series model route gate row bay mr mrs ms dr',
);
const BULLETS = new Set(['-', '*', '•', '·', '–', '—', '(', '"', '“', "'", '‘', '#', '>', '▪', '◦', '●', '○', '■']);
const SENTENCE_OPENERS = new Set(['.', '!', '?', ':', ';']);
const SENTENCE_ENDS = new Set(['.', '!', '?', ';']);
const ABBREVIATIONS = words('e.g i.e etc incl approx vs esp min max ca');

// ---------------------------------------------------------------------------------------------------------------
// Tokenizer

const WORD = 1; // a word token (letters, digits, "_", joined by inner "." or "&", maybe "+"/"#" at the end)
const GAP = 2; // whitespace precedes the token
const NEWLINE = 4; // a line break precedes the token (or it is the first token)
const CACHED = 128; // in Context's per-token cue cache: the bits below are known

/**
 * Token boundaries as parallel typed arrays, and the text lower-cased once. No string is made per token: the index
 * is keyed by a hash of the token's lower-cased code units, and candidates are confirmed with `startsWith`.
 */
interface Tokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
  hash: Int32Array;
  flags: Uint8Array;
  lowered: string;
}

/**
 * Classes of UTF-16 code units for the tokenizer, looked up per character: a word character of one unit; a high
 * surrogate, whose pair decides; whitespace (maybe a line break); anything else. Non-ASCII characters are rare
 * enough to classify on first sight (0: not yet classified).
 */
const C_WORD = 1;
const C_OTHER = 2;
const C_HIGH = 4;
const C_SPACE = 8;
const C_NEWLINE = 16;
const UNICODE_WORD = /^[\p{L}\p{N}\p{M}]$/u;
const charClass = new Uint8Array(65536);
for (let c = 0; c < 128; c += 1) {
  const word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
  charClass[c] = word ? C_WORD : C_OTHER;
}
for (const c of [9, 10, 11, 12, 13, 32, 0xa0, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) charClass[c] = C_SPACE;
charClass.fill(C_SPACE, 0x2000, 0x200c);
for (const c of [10, 13, 0x2028, 0x2029]) charClass[c] = C_SPACE | C_NEWLINE;
charClass.fill(C_HIGH, 0xd800, 0xdc00);

/** The class of code unit `c` (not a high surrogate's pair: see `wordWidth`). */
function classOf(c: number): number {
  const cls = charClass[c] ?? 0;
  if (cls !== 0) return cls;
  const found = UNICODE_WORD.test(String.fromCharCode(c)) ? C_WORD : C_OTHER;
  charClass[c] = found;
  return found;
}

/** Width in UTF-16 units of the word character at `i`, or 0 if there is none. */
function wordWidth(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  const cls = classOf(c);
  if (cls === C_WORD) return 1;
  if (cls !== C_HIGH) return 0;
  const cp = text.codePointAt(i) ?? c;
  return UNICODE_WORD.test(String.fromCodePoint(cp)) ? 2 : 0;
}

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return wordWidth(text, i) > 0 && !(c >= 48 && c <= 57);
}

/** End of the word token starting at `i` ("Node.js", "R&D", ".NET", "C++", "C#"). */
function scanWord(text: string, i: number): number {
  const n = text.length;
  let j = i;
  if (text.charCodeAt(j) === 46) j += 1; // leading "." of ".NET"
  for (;;) {
    // Most word characters are one unit: step over those without `wordWidth`.
    while (j < n) {
      const cls = classOf(text.charCodeAt(j));
      if (cls === C_WORD) j += 1;
      else if (cls === C_HIGH && wordWidth(text, j) > 0) j += 2;
      else break;
    }
    const c = text.charCodeAt(j);
    if ((c === 46 || c === 38) && wordWidth(text, j + 1) > 0) {
      j += 1; // "." or "&" inside a word joins it
      continue;
    }
    break;
  }
  // "C++" and "C#" end in symbols; "C++17" keeps the version apart, "Python+SQL" keeps "+" apart.
  let k = j;
  while (text.charCodeAt(k) === 43 || text.charCodeAt(k) === 35) k += 1;
  return k > j && !isLetterAt(text, k) ? k : j;
}

// Bound once: a global lookup per character is slow inside sandboxes such as jest's vm contexts.
const imul = Math.imul;

/** FNV-1a over UTF-16 code units: cheap, allocation-free, and collisions are settled by comparing text. */
function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i += 1) h = imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * The text lower-cased with offsets preserved (so spans stay valid). toLowerCase() keeps the length for almost all
 * text; the rare characters that expand ("İ") are left as they are.
 */
function lowerCase(text: string): string {
  let lowered = text.toLowerCase();
  if (lowered.length !== text.length) {
    let out = '';
    for (const ch of text) {
      const l = ch.toLowerCase();
      out += l.length === ch.length ? l : ch;
    }
    lowered = out;
  }
  return lowered;
}

/** Typographic quotes and hyphens folded to ASCII, offsets preserved. */
function foldPunctuation(lowered: string): string {
  return /[’‘ʼ‐‑]/.test(lowered) ? lowered.replace(/[’‘ʼ]/g, "'").replace(/[‐‑]/g, '-') : lowered;
}

interface Buffers {
  start: Int32Array;
  end: Int32Array;
  hash: Int32Array;
  flags: Uint8Array;
}

function newBuffers(size: number): Buffers {
  return {
    start: new Int32Array(size),
    end: new Int32Array(size),
    hash: new Int32Array(size),
    flags: new Uint8Array(size),
  };
}

/** Largest document whose buffers are kept for reuse; bigger ones get their own, so memory stays bounded. */
const SCRATCH_LIMIT = 1 << 18;
// Reused across calls (findSkills is synchronous), so an ordinary document costs no typed-array allocation.
let scratch = newBuffers(4096);

function buffersFor(size: number, reuse: boolean): Buffers {
  if (!reuse || size > SCRATCH_LIMIT) return newBuffers(size);
  if (scratch.start.length < size)
    scratch = newBuffers(Math.min(SCRATCH_LIMIT, Math.max(size, scratch.start.length * 2)));
  return scratch;
}

function tokenize(text: string, reuse: boolean): Tokens {
  const bufs = buffersFor(text.length, reuse); // at most one token per code unit
  // Characters are classified in the lower-cased copy, which has the same class at every offset (see skills.test.ts):
  // a new flat string for any text with a capital, it is read faster than the text, often a slice of a document.
  const lower = lowerCase(text);
  const lowered = foldPunctuation(lower);
  let count = 0;
  let pending = NEWLINE;
  let i = 0;
  const { start, end: ends, hash, flags } = bufs;
  const n = lower.length;
  while (i < n) {
    const c = lower.charCodeAt(i);
    const cls = classOf(c);
    if (cls & C_SPACE) {
      pending |= cls & C_NEWLINE ? GAP | NEWLINE : GAP;
      i += 1;
      continue;
    }
    const startsWord =
      cls === C_WORD || (cls === C_HIGH && wordWidth(lower, i) > 0) || (c === 46 && wordWidth(lower, i + 1) > 0);
    const end = startsWord ? scanWord(lower, i) : i + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
    start[count] = i;
    ends[count] = end;
    hash[count] = hashRange(lowered, i, end);
    flags[count] = pending | (startsWord ? WORD : 0);
    count += 1;
    pending = 0;
    i = end;
  }
  return { count, start: bufs.start, end: bufs.end, hash: bufs.hash, flags: bufs.flags, lowered };
}

/** Lower-cased text of token `k` (allocates: only for the few tokens the context checks look at). */
function tokenText(t: Tokens, k: number): string {
  return k >= 0 && k < t.count ? t.lowered.slice(t.start[k], t.end[k]) : '';
}

/** Whether token `k` is exactly `lower` (already lower-cased). */
function tokenIs(t: Tokens, k: number, lower: string): boolean {
  const from = t.start[k] ?? 0;
  return (t.end[k] ?? 0) - from === lower.length && t.lowered.startsWith(lower, from);
}

// ---------------------------------------------------------------------------------------------------------------
// Index, built once at module load

interface Skill {
  name: string;
  provides: number;
  needs: number;
}

interface Candidate {
  skill: number;
  mode: number;
  lower: string[];
  /** Hash of each token of `lower` (see `hashRange`): a token that differs in hash differs. */
  hashes: Int32Array;
  /** The alias's own tokens, compared case-sensitively unless the mode is ANY. */
  surface: string[] | null;
}

/** The candidates of one first token, in order (see `compareCandidates`). */
interface FirstGroup {
  first: string;
  candidates: Candidate[];
}

/** Words looked up by token hash, so checking a token against a word list allocates nothing. */
class WordTable {
  private readonly byHash = new Map<number, [string, number][]>();

  add(word: string, bits: number): void {
    const hash = hashRange(word, 0, word.length);
    const bucket = this.byHash.get(hash) ?? [];
    const known = bucket.find(([w]) => w === word);
    if (known) known[1] |= bits;
    else bucket.push([word, bits]);
    this.byHash.set(hash, bucket);
  }

  /** Bits recorded for token `k`, 0 when it is not in the table. */
  get(t: Tokens, k: number): number {
    if (k < 0 || k >= t.count) return 0;
    const bucket = this.byHash.get(t.hash[k] ?? 0);
    return bucket?.find(([w]) => tokenIs(t, k, w))?.[1] ?? 0;
  }

  has(t: Tokens, k: number): boolean {
    return this.get(t, k) !== 0;
  }
}

function wordTable(words: readonly string[], bits = 1): WordTable {
  const table = new WordTable();
  for (const w of words) table.add(w, bits);
  return table;
}

interface Index {
  skills: Skill[];
  /** Candidates by hash of their first token (see `hashRange`), longest first, grouped by first token. */
  byFirst: Map<number, FirstGroup[]>;
  cues: WordTable;
  languageNames: WordTable;
}

function aliasTokens(alias: string): { lower: string[]; surface: string[] } {
  const t = tokenize(alias, false);
  const lower: string[] = [];
  const surface: string[] = [];
  for (let k = 0; k < t.count; k += 1) {
    lower.push(tokenText(t, k));
    surface.push(alias.slice(t.start[k], t.end[k]));
  }
  return { lower, surface };
}

function buildCues(): WordTable {
  const cues = new WordTable();
  for (const w of DEV_CUES) cues.add(w, DEV | SOFTWARE);
  for (const w of SOFTWARE_CUES) cues.add(w, SOFTWARE);
  for (const w of LANGUAGE_CUES) cues.add(w, LANGUAGE);
  return cues;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  // Longest first (longest match wins); case-sensitive before case-insensitive; then lexicon order.
  return b.lower.length - a.lower.length || (a.surface ? 0 : 1) - (b.surface ? 0 : 1) || a.skill - b.skill;
}

function buildIndex(entries: readonly LexiconEntry[]): Index {
  const skills: Skill[] = [];
  const buckets = new Map<number, Candidate[]>();
  const languageNames = new WordTable();
  const seen = new Set<string>();
  entries.forEach((entry, skill) => {
    skills.push({ name: entry.name, provides: PROVIDES[entry.domain] ?? 0, needs: NEEDS[entry.domain] ?? 0 });
    const lists: [number, string[] | undefined][] = [
      [ANY, entry.any],
      [EXACT, entry.exact],
      [AT_START, entry.atStart],
      [CONTEXTUAL, entry.contextual],
    ];
    for (const [mode, aliases] of lists) {
      for (const alias of aliases ?? []) {
        const { lower, surface } = aliasTokens(alias);
        const first = lower[0];
        if (first === undefined) continue;
        if (entry.domain === 'language' && lower.length === 1) languageNames.add(first, 1);
        const key = `${mode === ANY ? '' : surface.join('\u0000')}\u0001${lower.join('\u0000')}`;
        if (seen.has(key)) continue; // the first skill (lexicon order) keeps a shared surface
        seen.add(key);
        const hash = hashRange(first, 0, first.length);
        const bucket = buckets.get(hash) ?? [];
        const hashes = Int32Array.from(lower, (w) => hashRange(w, 0, w.length));
        bucket.push({ skill, mode, lower, hashes, surface: mode === ANY ? null : surface });
        buckets.set(hash, bucket);
      }
    }
  });
  // A token is one first token at most: the candidates that match it are those of its group, in bucket order.
  const byFirst = new Map<number, FirstGroup[]>();
  for (const [hash, bucket] of buckets) {
    const groups: FirstGroup[] = [];
    for (const cand of bucket.sort(compareCandidates)) {
      const first = cand.lower[0] ?? '';
      const group = groups.find((g) => g.first === first);
      if (group) group.candidates.push(cand);
      else groups.push({ first, candidates: [cand] });
    }
    byFirst.set(hash, groups);
  }
  return { skills, byFirst, cues: buildCues(), languageNames };
}

const INDEX = buildIndex((lexicon as { skills: LexiconEntry[] }).skills);

/**
 * Low 16 bits of the hashes of first tokens: most words begin no alias, and this tells so without a `Map` lookup
 * (which boxes hashes outside the small-integer range).
 */
const FIRST_HASH_LOW = new Uint8Array(65536);
for (const hash of INDEX.byFirst.keys()) FIRST_HASH_LOW[hash & 0xffff] = 1;

// ---------------------------------------------------------------------------------------------------------------
// Matching

interface Match {
  skill: number;
  mode: number;
  first: number; // first token
  last: number; // last token
}

/** Whether the candidate matches at token `i`, which is its first token lower-cased. */
function matchesAt(text: string, t: Tokens, i: number, cand: Candidate): boolean {
  const n = cand.lower.length;
  if (i + n > t.count) return false;
  for (let k = 1; k < n; k += 1) {
    const tok = i + k;
    if (t.hash[tok] !== cand.hashes[k] || !tokenIs(t, tok, cand.lower[k] ?? '')) return false;
    if ((t.flags[tok] ?? 0) & NEWLINE) return false; // a name does not run across lines
  }
  const surface = cand.surface;
  if (surface === null) return true;
  for (let k = 0; k < n; k += 1) {
    const tok = i + k;
    const word = surface[k] ?? '';
    if ((t.end[tok] ?? 0) - (t.start[tok] ?? 0) !== word.length || !text.startsWith(word, t.start[tok])) return false;
  }
  return true;
}

function firstMatching(text: string, t: Tokens, i: number, groups: FirstGroup[]): Candidate | undefined {
  for (const group of groups) {
    if (!tokenIs(t, i, group.first)) continue;
    for (const cand of group.candidates) if (matchesAt(text, t, i, cand)) return cand;
    return undefined;
  }
  return undefined;
}

/** Leftmost-longest candidates; ambiguous ones are kept for the context pass. */
function scan(text: string, t: Tokens): Match[] {
  const found: Match[] = [];
  let i = 0;
  while (i < t.count) {
    const hash = t.hash[i] ?? 0;
    const bucket = (t.flags[i] ?? 0) & WORD && FIRST_HASH_LOW[hash & 0xffff] ? INDEX.byFirst.get(hash) : undefined;
    const cand = bucket ? firstMatching(text, t, i, bucket) : undefined;
    if (!cand) {
      i += 1;
      continue;
    }
    found.push({ skill: cand.skill, mode: cand.mode, first: i, last: i + cand.lower.length - 1 });
    i += cand.lower.length;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Context: whether an ambiguous candidate ("C", "Go", "Word", "French", sentence-initial "Excel") is the skill

const NEGATIVE_TABLE = wordTable(NEGATIVE_BEFORE);
const FOLLOWER_TABLE = wordTable(FOLLOWERS);
const CONNECTOR_TABLE = wordTable(CONNECTORS);
const ABBREVIATION_TABLE = wordTable(ABBREVIATIONS);

interface Run {
  /** Evidence bits of the lines (and heading) of a bare list. */
  bits: number;
  /** Distinct ambiguous skills in the list, by the evidence they need. */
  names: Map<number, Set<number>>;
}

/** Per-document state. Line facts are computed lazily, once per line, so the checks stay linear overall. */
class Context {
  private readonly matchAt: Int32Array;
  /** Cue bits per token, plus CACHED once looked up: windows overlap, so each token is looked up once. */
  private readonly cues: Uint8Array;
  private lineStart: Int32Array | null = null;
  private lineEnd: Int32Array | null = null;
  /** Per line (indexed by its first token): 0 unknown, 1 bare, 2 not bare. */
  private bare: Uint8Array | null = null;
  /** Per line (indexed by its first token): 1 + index into `runs`, or 0. */
  private runIndex: Int32Array | null = null;
  private readonly runs: Run[] = [];

  constructor(
    private readonly text: string,
    private readonly t: Tokens,
    private readonly found: Match[],
  ) {
    this.matchAt = new Int32Array(t.count).fill(-1);
    this.cues = new Uint8Array(t.count);
    found.forEach((m, idx) => {
      this.matchAt.fill(idx, m.first, m.last + 1);
    });
  }

  accepts(m: Match): boolean {
    if (m.mode === ANY || m.mode === EXACT) return true;
    const skill = INDEX.skills[m.skill];
    if (!skill) return false;
    const atStart = this.atSentenceStart(m.first);
    if (m.mode === AT_START) return !atStart || !this.ordinaryWordFollows(m, skill.needs);
    if (skill.needs !== LANGUAGE) {
      if (this.attached(m) || this.labelled(m)) return false;
      if (atStart && this.ordinaryWordFollows(m, skill.needs)) return false;
    }
    return this.windowVouches(m, skill.needs) || this.listVouches(m, skill.needs);
  }

  private flag(k: number): number {
    return this.t.flags[k] ?? 0;
  }

  /** The single-character punctuation token `k`, or "" for anything else. */
  private punct(k: number): string {
    if (k < 0 || k >= this.t.count || this.flag(k) & WORD) return '';
    const from = this.t.start[k] ?? 0;
    return (this.t.end[k] ?? 0) - from === 1 ? this.t.lowered.charAt(from) : '';
  }

  private otherMatch(k: number, m: Match): Match | undefined {
    const idx = this.matchAt[k] ?? -1;
    const other = idx >= 0 ? this.found[idx] : undefined;
    return other === m ? undefined : other;
  }

  private atSentenceStart(first: number): boolean {
    let k = first;
    for (let hops = 0; hops < 3 && k > 0 && !(this.flag(k) & NEWLINE) && BULLETS.has(this.punct(k - 1)); hops += 1) {
      k -= 1;
    }
    return k === 0 || (this.flag(k) & NEWLINE) !== 0 || SENTENCE_OPENERS.has(this.punct(k - 1));
  }

  /** "Go to market", "Excel in a team": a plain lower-case word follows, so the name is an ordinary word. */
  private ordinaryWordFollows(m: Match, needs: number): boolean {
    const k = m.last + 1;
    if (k >= this.t.count || !(this.flag(k) & WORD) || this.flag(k) & NEWLINE) return false;
    if (!/\p{Ll}/u.test(this.text.charAt(this.t.start[k] ?? 0))) return false;
    if ((INDEX.cues.get(this.t, k) & needs) !== 0) return false;
    return !FOLLOWER_TABLE.has(this.t, k) && !CONNECTOR_TABLE.has(this.t, k) && this.matchAt[k] === -1;
  }

  /** "C-level", "Go-live", "R-value": hyphenated onto a neighbour. */
  private attached(m: Match): boolean {
    const after = m.last + 1;
    return (
      (this.punct(m.first - 1) === '-' && !(this.flag(m.first) & GAP)) ||
      (this.punct(after) === '-' && !(this.flag(after) & GAP))
    );
  }

  /** "Grade C", "vitamin C", "Type R". */
  private labelled(m: Match): boolean {
    return !(this.flag(m.first) & NEWLINE) && NEGATIVE_TABLE.has(this.t, m.first - 1);
  }

  private isSentenceEnd(k: number): boolean {
    const p = this.punct(k);
    if (!SENTENCE_ENDS.has(p)) return false;
    // "e.g." and friends end in a dot without ending the sentence.
    return !(p === '.' && !(this.flag(k) & GAP) && ABBREVIATION_TABLE.has(this.t, k - 1));
  }

  private cueBits(k: number, needs: number): number {
    if (k < 0 || !(this.flag(k) & WORD)) return 0;
    let bits = this.cues[k] ?? 0;
    if (!(bits & CACHED)) {
      bits = INDEX.cues.get(this.t, k) | CACHED;
      this.cues[k] = bits;
    }
    bits &= ~CACHED;
    // "English language" is about English, not about a programming language.
    if (needs & DEV && bits & LANGUAGE && INDEX.languageNames.has(this.t, k - 1)) return bits & LANGUAGE;
    return bits;
  }

  /** Does token `k`, `distance` tokens away, vouch for `m`? */
  private vouches(m: Match, needs: number, k: number, distance: number): boolean {
    const other = this.otherMatch(k, m);
    const skill = other ? INDEX.skills[other.skill] : undefined;
    if (other && skill) {
      if (other.mode !== CONTEXTUAL && (skill.provides & needs) !== 0) return true;
      // Two ambiguous names only vouch for each other when listed together: "Go, Rust", "English and Spanish".
      if (other.mode === CONTEXTUAL && other.skill !== m.skill && skill.needs === needs && distance <= PAIR_DISTANCE) {
        return true;
      }
    }
    return (this.cueBits(k, needs) & needs) !== 0;
  }

  /** Evidence in the same sentence and line, at most WINDOW tokens away. */
  private windowVouches(m: Match, needs: number): boolean {
    for (let k = m.first - 1, d = 1; k >= 0 && d <= WINDOW; k -= 1, d += 1) {
      if (this.flag(k + 1) & NEWLINE || this.isSentenceEnd(k)) break;
      if (this.vouches(m, needs, k, d)) return true;
    }
    for (let k = m.last + 1, d = 1; k < this.t.count && d <= WINDOW; k += 1, d += 1) {
      if (this.flag(k) & NEWLINE || this.isSentenceEnd(k)) break;
      if (this.vouches(m, needs, k, d)) return true;
    }
    return false;
  }

  // Bare lists: lines holding nothing but skills ("- C", "- Go", "- Rust"), maybe under a short heading line.

  private lineOf(k: number): [number, number] {
    if (!this.lineStart || !this.lineEnd) {
      const n = this.t.count;
      const start = new Int32Array(n);
      const end = new Int32Array(n);
      for (let i = 0; i < n; i += 1) start[i] = i === 0 || this.flag(i) & NEWLINE ? i : (start[i - 1] ?? 0);
      for (let i = n - 1; i >= 0; i -= 1) end[i] = i === n - 1 || this.flag(i + 1) & NEWLINE ? i : (end[i + 1] ?? i);
      this.lineStart = start;
      this.lineEnd = end;
    }
    return [this.lineStart[k] ?? k, this.lineEnd[k] ?? k];
  }

  private hasDigit(k: number): boolean {
    const to = this.t.end[k] ?? 0;
    for (let i = this.t.start[k] ?? to; i < to; i += 1) {
      const c = this.t.lowered.charCodeAt(i);
      if (c >= 48 && c <= 57) return true;
    }
    return false;
  }

  /** Every word of the line is part of a candidate, a connector or a version number. */
  private isBare(line: number): boolean {
    this.bare ??= new Uint8Array(this.t.count);
    const cached = this.bare[line] ?? 0;
    if (cached !== 0) return cached === 1;
    const [from, to] = this.lineOf(line);
    let words = 0;
    let bare = true;
    for (let k = from; k <= to && bare; k += 1) {
      if (!(this.flag(k) & WORD)) continue;
      words += 1;
      bare = this.matchAt[k] !== -1 || CONNECTOR_TABLE.has(this.t, k) || this.hasDigit(k);
    }
    this.bare[line] = bare && words > 0 ? 1 : 2;
    return bare && words > 0;
  }

  private addEvidence(from: number, to: number, run: Run): void {
    for (let k = from; k <= to; k += 1) {
      run.bits |= this.cueBits(k, DEV | SOFTWARE | LANGUAGE);
      const idx = this.matchAt[k] ?? -1;
      const other = idx >= 0 ? this.found[idx] : undefined;
      const skill = other ? INDEX.skills[other.skill] : undefined;
      if (!other || !skill || other.first !== k) continue;
      if (other.mode !== CONTEXTUAL) run.bits |= skill.provides;
      else run.names.set(skill.needs, (run.names.get(skill.needs) ?? new Set<number>()).add(other.skill));
    }
  }

  private runOf(line: number): Run {
    this.runIndex ??= new Int32Array(this.t.count);
    const cached = this.runs[(this.runIndex[line] ?? 0) - 1];
    if (cached) return cached;
    const above: number[] = [];
    for (let k = line - 1; k >= 0 && this.isBare(this.lineOf(k)[0]); k = this.lineOf(k)[0] - 1) {
      above.push(this.lineOf(k)[0]);
    }
    const lines = above.reverse();
    for (let k = line; k < this.t.count && this.isBare(k); k = this.lineOf(k)[1] + 1) lines.push(k);
    const run: Run = { bits: 0, names: new Map() };
    for (const l of lines) this.addEvidence(l, this.lineOf(l)[1], run);
    const top = lines[0] ?? line;
    if (top > 0) {
      const [from, to] = this.lineOf(top - 1);
      if (to - from < HEADING_TOKENS) this.addEvidence(from, to, run);
    }
    this.runs.push(run);
    for (const l of lines) this.runIndex[l] = this.runs.length;
    return run;
  }

  private listVouches(m: Match, needs: number): boolean {
    const [line] = this.lineOf(m.first);
    if (!this.isBare(line)) return false;
    const run = this.runOf(line);
    return (run.bits & needs) !== 0 || (run.names.get(needs)?.size ?? 0) >= 2;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// API

/** Canonical skills named in `text`, in order of appearance, with UTF-16 spans; a skill may appear several times. */
export function findSkills(text: string): SkillMatch[] {
  const t = tokenize(text, true);
  const found = scan(text, t);
  if (found.length === 0) return [];
  const context = found.some((m) => m.mode === AT_START || m.mode === CONTEXTUAL) ? new Context(text, t, found) : null;
  const out: SkillMatch[] = [];
  for (const m of found) {
    if (context && !context.accepts(m)) continue;
    const name = INDEX.skills[m.skill]?.name;
    if (name === undefined) continue;
    out.push({ name, start: t.start[m.first] ?? 0, end: t.end[m.last] ?? 0 });
  }
  return out;
}

/** Canonical names, unique, in order of first appearance. */
export function skillNames(text: string): string[] {
  return [...new Set(findSkills(text).map((m) => m.name))];
}
