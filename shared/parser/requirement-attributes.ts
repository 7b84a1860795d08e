/**
 * Attributes of one requirement item: the years of experience it asks for, whether the item marks
 * itself optional or required, and what kind of requirement it is. Pure functions over the item
 * text; English, French, German and Spanish cues.
 *
 * Cost: every regex here is precompiled, has no nested quantifier over overlapping classes, and
 * runs once over the (whitespace-collapsed) text; the per-match context checks look at bounded
 * windows only. So the work is linear in the input length, whatever the input.
 *
 * Speed: the cue regexes are large Unicode-aware alternations, about a microsecond each per item,
 * and most items match none of them. So a cheap pass (see "Prefilter" below) first tells which cue
 * regexes can match at all and where their matches can start; only those run, and only there. The
 * prefilter is exact by construction (a superset of the real matches), so results are unchanged.
 */
import type { RequirementCategory } from './types';

export interface Years {
  yearsMin: number | null;
  yearsMax: number | null;
}

/** Start / end of a word, Unicode-aware (`\b` is ASCII-only in JavaScript). */
const WS = '(?<![\\p{L}\\p{N}])';
const WE = '(?![\\p{L}\\p{N}])';

/**
 * A requirement item is a sentence or a bullet: past a few thousand characters the input is not one
 * (a page pasted as one line, an attack). Only its head and tail are read, joined by a clause break,
 * so the cost per item is bounded whatever the input size.
 */
const MAX_HEAD_CHARS = 3000;
const MAX_TAIL_CHARS = 1000;

/**
 * Anything but printable ASCII (but the backquote) and most Latin letters (but ´ and ʼ), or a double
 * space: what could make `normalize` change a text.
 */
const MAYBE_NOT_NORMAL_RE = /[^ -_a-~\u00A1-\u00B3\u00B5-\u02BB]| {2}/;

/**
 * Characters `normalize` replaces, by code unit: control characters (whitespace among them), the
 * backquote; beyond ASCII, the whitespace but the space (U+00A0, U+1680, U+2000-200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000, U+FEFF), the dashes and the apostrophes it unifies.
 */
const REPLACED = new Uint8Array(0x10000);
for (let c = 0; c < 0x20; c++) REPLACED[c] = 1;
REPLACED[0x60] = 1;
for (const c of [0xa0, 0xb4, 0x2bc, 0x1680, 0x2018, 0x2019, 0x2028, 0x2029, 0x202f, 0x205f, 0x2212, 0x3000])
  REPLACED[c] = 1;
for (const c of [0xfe58, 0xfe63, 0xfeff, 0xff0d]) REPLACED[c] = 1;
REPLACED.fill(1, 0x2000, 0x200b);
REPLACED.fill(1, 0x2010, 0x2016);

/** Whether `normalize` keeps a text short enough to be kept whole as it is. */
function isNormal(text: string): boolean {
  if (text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32) return false;
  if (!MAYBE_NOT_NORMAL_RE.test(text)) return true;
  let changed = 0;
  let previousSpace = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 ? 1 : 0;
    changed |= (REPLACED[c] as number) | (space & previousSpace);
    previousSpace = space;
  }
  return changed === 0;
}

/** The last text normalized, and the result: the three functions see the same item in turn. */
let lastInput = '';
let lastNormal = '';

/** Same text as a reader sees it: dashes and apostrophes unified, whitespace runs collapsed. */
function normalize(input: string): string {
  if (input === lastInput) return lastNormal;
  lastInput = input;
  // Most items are already normal (and `categorize` passes its normalized text on to `extractYears`).
  lastNormal = input.length <= MAX_HEAD_CHARS + MAX_TAIL_CHARS && isNormal(input) ? input : normalizeText(input);
  return lastNormal;
}

/** A whitespace run but a lone space (`\s+` to a space, without rewriting every space). */
const WHITESPACE_RUN_RE = / \s+|[^\S ]\s*/g;

function normalizeText(input: string): string {
  const text =
    input.length > MAX_HEAD_CHARS + MAX_TAIL_CHARS
      ? `${input.slice(0, MAX_HEAD_CHARS)} ; ${input.slice(input.length - MAX_TAIL_CHARS)}`
      : input;
  return text
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[\u2018\u2019\u02BC\u00B4`]/g, "'")
    .replace(WHITESPACE_RUN_RE, ' ')
    .trim();
}

/** `new RegExp` over alternatives, each bounded as a whole word. */
function words(alternatives: readonly string[], flags: string): RegExp {
  return new RegExp(`${WS}(?:${alternatives.join('|')})${WE}`, flags);
}

// ---------------------------------------------------------------------------------------------
// Prefilter
// ---------------------------------------------------------------------------------------------
//
// The cue regexes are large Unicode-aware alternations, about a microsecond each per item, and most
// items match few of them. Each of their matches starts, at a word start, with one of a few literal
// strings of its alternative, its "heads" ("prefer", "a plus", "nice t", "communicat"...), which
// `prefilterOf` reads off the regex source (on first use). One pass over the text (`scan`) looks up
// the heads beginning at each word start, in a trie of all heads: a regex none of whose heads occurs
// cannot match; one that may is run from its first head position on, or tried only at its head
// positions (`forEachMatch`).
//
// Exactness: a head is a prefix of every match of its alternative (lookarounds dropped); heads and
// text are compared case-folded (see `buildTrie`); the scan's word start is looser than the regexes'
// `WS` (it takes fewer characters for letters). An alternative without usable heads gets a literal
// suffix that ends a word ("\p{L}*abschluss") or a plain regex hint ("\d+ ?lbs") instead; when one
// is found, its regex runs in full, from the start. The whole is checked against the regexes run in
// full on the test items and, offline, on a few hundred thousand generated ones.

/** A letter or digit for the scan: ASCII, Latin-1 and Latin Extended-A/B letters, lower-cased. */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** One parsed regex item (the syntax subset the cue regexes use). */
interface RegexItem {
  kind: 'char' | 'group' | 'look' | 'other';
  /** The literal text of a 'char' (one character if quantified). */
  char: string;
  /** The alternatives of a 'group' or 'look'. */
  branches: RegexItem[][];
  /** Source text, without the quantifier. */
  body: string;
  quantifier: string;
  min: number;
  max: number;
}

interface ParsedAlternatives {
  branches: RegexItem[][];
  end: number;
}

function parseQuantifier(src: string, at: number): { quantifier: string; min: number; max: number; end: number } {
  let min = 1;
  let max = 1;
  let end = at;
  const q = src[at];
  if (q === '?' || q === '*' || q === '+') {
    min = q === '+' ? 1 : 0;
    max = q === '?' ? 1 : Number.POSITIVE_INFINITY;
    end = at + 1;
  } else if (q === '{') {
    end = src.indexOf('}', at) + 1;
    const [lo = '', hi] = src.slice(at + 1, end - 1).split(',');
    min = Number(lo);
    max = hi === undefined ? min : hi === '' ? Number.POSITIVE_INFINITY : Number(hi);
  }
  if (end > at && src[end] === '?') end++; // lazy
  return { quantifier: src.slice(at, end), min, max, end };
}

/** A class member as a 'char' item; punctuation escaped for `plainSource`. */
function classMember(m: string): RegexItem {
  const body = isWordCode(m.toLowerCase().charCodeAt(0)) ? m : `\\u${m.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return { kind: 'char', char: m, branches: [], body, quantifier: '', min: 1, max: 1 };
}

/** Parses alternatives up to the closing bracket at the same depth (or the end). */
function parseAlternatives(src: string, start: number): ParsedAlternatives {
  const branches: RegexItem[][] = [[]];
  let i = start;
  while (i < src.length && src[i] !== ')') {
    const c = src[i] as string;
    if (c === '|') {
      branches.push([]);
      i++;
      continue;
    }
    const from = i;
    let kind: RegexItem['kind'] = 'other';
    let char = '';
    let inner: ParsedAlternatives = { branches: [], end: i };
    if (c === '(') {
      let j = i + 1;
      kind = 'group';
      if (src.startsWith('?:', j)) j += 2;
      else if (src.startsWith('?=', j) || src.startsWith('?!', j)) {
        kind = 'look';
        j += 2;
      } else if (src.startsWith('?<=', j) || src.startsWith('?<!', j)) {
        kind = 'look';
        j += 3;
      } else if (src.startsWith('?<', j)) j = src.indexOf('>', j) + 1;
      else if (src[j] === '?') throw new Error(`prefilter: unsupported group in /${src}/`);
      inner = parseAlternatives(src, j);
      if (src[inner.end] !== ')') throw new Error(`prefilter: unbalanced /${src}/`);
      i = inner.end + 1;
    } else if (c === '[') {
      // A class of plain characters ("[- ]", "[ée]") is a group of one-character alternatives.
      let j = i + 1;
      let plain = src[j] !== '^';
      const members: string[] = [];
      while (j < src.length && src[j] !== ']') {
        let member = src[j] as string;
        if (member === '\\') {
          j++;
          member = src[j] as string;
          if (/[A-Za-z0-9]/.test(member)) plain = false;
        } else if (member === '-' && members.length > 0 && src[j + 1] !== ']') plain = false;
        members.push(member);
        j++;
      }
      i = j + 1;
      if (plain) {
        kind = 'group';
        inner = { branches: members.map((m) => [classMember(m)]), end: i };
      }
    } else if (c === '\\') {
      const e = src[i + 1] as string;
      if (e === 'p' || e === 'P') i = src.indexOf('}', i) + 1;
      else if (e === 'b' || e === 'B') {
        kind = 'look';
        i += 2;
      } else if ('dDwWsS'.includes(e)) i += 2;
      else if (/[A-Za-z0-9]/.test(e)) throw new Error(`prefilter: unsupported escape \\${e} in /${src}/`);
      else {
        kind = 'char';
        char = e;
        i += 2;
      }
    } else if (c === '^' || c === '$') {
      kind = 'look';
      i++;
    } else if (c === '.') i++;
    else if ('*+?{'.includes(c)) throw new Error(`prefilter: stray quantifier in /${src}/`);
    else {
      kind = 'char';
      char = c;
      i++;
    }
    const body = src.slice(from, i);
    const q = parseQuantifier(src, i);
    i = q.end;
    const branch = branches[branches.length - 1] as RegexItem[];
    const last = branch.at(-1);
    if (kind === 'char' && q.min === 1 && q.max === 1 && last?.kind === 'char' && last.quantifier === '') {
      // A run of literal characters is one item ("degree" in "degrees?").
      last.char += char;
      last.body += body;
      continue;
    }
    branch.push({
      kind,
      char,
      branches: inner.branches,
      body,
      quantifier: q.quantifier,
      min: q.min,
      max: q.max,
    });
  }
  return { branches, end: i };
}

const MAX_HEADS_PER_ALTERNATIVE = 64;
/** Heads this long are selective enough: expansion stops once all are. */
const SELECTIVE_HEAD_LENGTH = 6;

/**
 * Literal strings one of which begins every match of the sequence (lookarounds dropped), and
 * whether they are whole matches. Expansion stops at the first item that is not a plain character
 * or group (a class, `\p{L}*`, `\d+`), when the strings would grow too many, or when all are long
 * enough.
 */
function expandHeads(
  items: readonly RegexItem[],
  enough = SELECTIVE_HEAD_LENGTH,
): { heads: string[]; complete: boolean } {
  let heads = [''];
  for (const item of items) {
    if (item.kind === 'look') continue;
    if (heads.every((h) => h.length >= enough)) return { heads, complete: false };
    if (item.kind === 'other') return { heads, complete: false };
    if (item.kind === 'char' && item.min === 1 && item.max === 1) {
      const text = item.char;
      heads = heads.map((h) => h + text);
      continue;
    }
    const options =
      item.kind === 'char'
        ? [{ heads: [item.char], complete: true }]
        : item.branches.map((b) => expandHeads(b, enough));
    // Absent (when optional), or its first occurrence.
    const next = item.min === 0 ? [...heads] : [];
    for (const h of heads) for (const o of options) for (const t of o.heads) next.push(h + t);
    if (next.length > MAX_HEADS_PER_ALTERNATIVE) return { heads, complete: false };
    if (item.max !== 1 || options.some((o) => !o.complete)) return { heads: next, complete: false };
    heads = next;
  }
  return { heads, complete: true };
}

/**
 * Letters that a case-insensitive Unicode regex matches with more characters than a plain one does
 * (checked over all BMP characters for the characters cues use: Latin up to U+024F).
 */
const PLAIN_FOLDS: Readonly<Record<string, string>> = {
  s: '[s\\u017F]',
  k: '[k\\u212A]',
  å: '[å\\u212B]',
  ß: '[ß\\u1E9E]',
};

/**
 * Source of a sequence for a plain (no `u` flag) case-insensitive regex that matches wherever the
 * Unicode one does: lookarounds dropped, letters with more case variants widened (see PLAIN_FOLDS).
 */
function plainSource(items: readonly RegexItem[]): string {
  return items
    .filter((item) => item.kind !== 'look')
    .map((item) => {
      if (item.kind === 'group') return `(?:${item.branches.map(plainSource).join('|')})${item.quantifier}`;
      if (item.kind === 'other') {
        if (item.body !== '\\d') throw new Error(`prefilter: no plain form of ${item.body}`);
        return item.body + item.quantifier;
      }
      const text = [...item.char].map((ch) => {
        const lower = ch.toLowerCase();
        return (
          PLAIN_FOLDS[lower] ??
          (isWordCode(lower.charCodeAt(0)) ? ch : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
        );
      });
      return text.join('') + item.quantifier;
    })
    .join('');
}

/** Usable heads: two characters or more, starting with a letter or digit, within the scan's range. */
function usableHeads(heads: readonly string[]): boolean {
  return heads.every((h) => h.length >= 2 && isWordCode(h.charCodeAt(0)) && /^[\u0020-\u017E\u0180-\u024F]+$/.test(h));
}

/** What `prefilterOf` reads off a regex. */
interface Prefilter {
  /** Literal prefixes, lower-cased, of the matches of the alternatives, which start words. */
  heads: string[];
  /** Literal ends, lower-cased, of the matches of other alternatives ("abschluss"), which end words. */
  suffixes: string[];
  /** Plain regex sources, one of which matches within every match of the remaining alternatives. */
  hints: string[];
}

/** The word end that follows the alternatives of `words()`. */
const WORD_END_SOURCE = WE;

/**
 * The heads of the alternatives of a regex and, for one without usable heads, a plain regex with
 * lookarounds and optional leading and trailing parts (such as `\p{L}*`) dropped: a superset. Any
 * other `\p` is an error.
 */
function prefilterOf(re: RegExp): Prefilter {
  const src = re.source;
  const parsed = parseAlternatives(src, 0);
  if (parsed.end !== src.length) throw new Error(`prefilter: cannot parse /${src}/`);
  const out: Prefilter = { heads: [], suffixes: [], hints: [] };
  const collect = (items: readonly RegexItem[]): void => {
    const heads = expandHeads(items).heads.map((h) => h.toLowerCase());
    if (usableHeads(heads)) {
      out.heads.push(...heads);
      return;
    }
    // Distribute over the first item when it is a required group: each of its alternatives on its own.
    const k = items.findIndex((item) => item.kind !== 'look');
    const lead = items[k];
    if (lead !== undefined && lead.kind === 'group' && lead.min === 1 && lead.max === 1) {
      for (const branch of lead.branches) collect([...branch, ...items.slice(k + 1)]);
      return;
    }
    const core = items.filter((item) => item.kind !== 'look');
    while (core.length > 0 && core[0]?.min === 0) core.shift();
    // "\p{L}*abschluss", "\p{L}*[- ]?motivated", then a word end: a word ending with the literal rest.
    const last = core.at(-1);
    const next = last === undefined ? undefined : items[items.indexOf(last) + 1];
    if (next?.kind === 'look' && next.body === WORD_END_SOURCE) {
      const ends = expandHeads(core, Number.POSITIVE_INFINITY);
      const suffixes = ends.heads.map((h) => h.toLowerCase());
      if (ends.complete && suffixes.every((h) => h.length >= 3 && [...h].every((ch) => isWordCode(ch.charCodeAt(0))))) {
        out.suffixes.push(...suffixes);
        return;
      }
    }
    while (core.length > 0 && core.at(-1)?.min === 0) core.pop();
    const source = plainSource(core);
    // Code points and code units must not differ for the hint: no `.`, no negated class.
    if (source === '' || /\\[pP]|\[\^|(?<!\\)\./.test(source)) throw new Error(`prefilter: no hint for /${src}/`);
    out.hints.push(source);
  };
  for (const branch of parsed.branches) collect(branch);
  return out;
}

/** Below this, characters fold by lower-casing; above, only K, Å and ẞ fold into a cue's letters. */
const FOLD_LIMIT = 0x250;
const FOLDS_ABOVE_LIMIT: ReadonlyArray<[number, string]> = [
  [0x212a, 'k'],
  [0x212b, 'å'],
  [0x1e9e, 'ß'],
];

/** Classes of UTF-16 code units for the scan: letters and digits (see `isWordCode`), any case. */
const WORD = 1;
/** ASCII digits (some hints need one). */
const DIGIT = 2;
/** U+E000, the private-use character `optionalMarker` uses as a token. */
const TOKEN = 4;
const TOKEN_CODE = 0xe000;
const CHAR_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < FOLD_LIMIT; c++) {
  const lower = String.fromCharCode(c).toLowerCase();
  if (lower.length === 1 && isWordCode(lower.charCodeAt(0))) CHAR_CLASS[c] = c >= 48 && c <= 57 ? WORD | DIGIT : WORD;
}
for (const [c] of FOLDS_ABOVE_LIMIT) CHAR_CLASS[c] = WORD;
CHAR_CLASS[TOKEN_CODE] = TOKEN;

/**
 * A cue regex of a lexicon: its bit there; a global copy, made on first use; a sticky copy, made once
 * the regex has been tried often enough to repay compiling it (big Unicode-aware regexes take
 * milliseconds to compile).
 */
interface Cue {
  bit: number;
  lexicon: Lexicon;
  re: RegExp;
  global: RegExp | null;
  sticky: RegExp | null;
  uses: number;
}

/** Several cue regexes, one bit each, and their trie, built on first use. */
interface Lexicon {
  regexes: RegExp[];
  trie: Trie | null;
}

function lexicon<K extends string>(regexes: Record<K, RegExp>): { lexicon: Lexicon; cue: Record<K, Cue> } {
  const names = Object.keys(regexes) as K[];
  const built: Lexicon = { regexes: names.map((name) => regexes[name]), trie: null };
  const cue = {} as Record<K, Cue>;
  names.forEach((name, k) => {
    cue[name] = { bit: 1 << k, lexicon: built, re: regexes[name], global: null, sticky: null, uses: 0 };
  });
  return { lexicon: built, cue };
}

/** Strings in a trie: the node after the first two characters (a0 * alphabet size + a1) is in a table. */
interface Nodes {
  /** Node after the first two characters, 0 for none. */
  start: Int32Array;
  /** Children of node k: `label` and `child` entries `first[k]` to `first[k + 1] - 1`. */
  first: Int32Array;
  label: Uint8Array;
  child: Int32Array;
  /** Whether strings end at each node. */
  terminal: Uint8Array;
  /** Bits of the strings ending at each node or before it on its path. */
  bits: Int32Array;
}

/**
 * The heads and suffixes of the cue regexes of a lexicon, for `scan`. Characters are folded to
 * indexes in the alphabet of the heads and suffixes.
 */
interface Trie {
  /** Alphabet index of each UTF-16 code unit, case-folded; 0 when in no head or suffix. */
  fold: Uint8Array;
  size: number;
  heads: Nodes;
  /** The suffixes, reversed. */
  suffixes: Nodes;
  /** All hints that begin with a digit in one regex (no `u` flag), all others in another; each bit's. */
  digitHint: RegExp | null;
  otherHint: RegExp | null;
  hints: Array<[number, RegExp]>;
}

function trieOf(lexicon: Lexicon): Trie {
  lexicon.trie ??= buildTrie(lexicon.regexes);
  return lexicon.trie;
}

function buildNodes(strings: ReadonlyArray<[string, number]>, index: ReadonlyMap<string, number>, size: number): Nodes {
  const parents = [0];
  const children: Array<Map<number, number>> = [new Map()];
  const own = [0];
  const start = new Int32Array(size * size);
  for (const [string, bit] of strings) {
    const key = (index.get(string[0] as string) as number) * size + (index.get(string[1] as string) as number);
    let at = start[key] as number;
    if (at === 0) {
      at = parents.push(0) - 1;
      children.push(new Map());
      own.push(0);
      start[key] = at;
    }
    for (let j = 2; j < string.length; j++) {
      const ai = index.get(string[j] as string) as number;
      const next = (children[at] as Map<number, number>).get(ai);
      if (next !== undefined) {
        at = next;
        continue;
      }
      const created = parents.push(at) - 1;
      children.push(new Map());
      own.push(0);
      (children[at] as Map<number, number>).set(ai, created);
      at = created;
    }
    own[at] = (own[at] as number) | bit;
  }
  const count = parents.length;
  const first = new Int32Array(count + 1);
  const label: number[] = [];
  const child: number[] = [];
  const terminal = new Uint8Array(count);
  const bits = new Int32Array(count);
  for (let id = 0; id < count; id++) {
    first[id] = label.length;
    for (const [ai, c] of children[id] as Map<number, number>) {
      label.push(ai);
      child.push(c);
    }
    if (own[id] === 0) continue;
    terminal[id] = 1;
    // The bits of the strings ending here or before on the path (at terminal nodes up to the root).
    for (let at = id; at !== 0; at = parents[at] as number) bits[id] = (bits[id] as number) | (own[at] as number);
  }
  first[count] = label.length;
  return { start, first, label: Uint8Array.from(label), child: Int32Array.from(child), terminal, bits };
}

function buildTrie(regexes: readonly RegExp[]): Trie {
  const prefilters = regexes.map((re) => {
    if (!re.flags.includes('i')) throw new Error(`prefilter: /${re.source}/ is not case-insensitive`);
    return prefilterOf(re);
  });
  const heads = prefilters.flatMap((p, k) => p.heads.map((h): [string, number] => [h, 1 << k]));
  const suffixes = prefilters.flatMap((p, k) =>
    p.suffixes.map((h): [string, number] => [[...h].reverse().join(''), 1 << k]),
  );
  const index = new Map<string, number>();
  for (const [string] of [...heads, ...suffixes])
    for (const ch of string) if (!index.has(ch)) index.set(ch, index.size + 1);
  const size = index.size + 1;
  if (size > 255) throw new Error('prefilter: alphabet too large');
  const fold = new Uint8Array(0x10000);
  for (let c = 0; c < FOLD_LIMIT; c++) {
    // İ lower-cases to two characters and folds to none of the cue characters; ſ folds to s.
    if (c !== 0x130) fold[c] = index.get(c === 0x17f ? 's' : String.fromCharCode(c).toLowerCase()) ?? 0;
  }
  for (const [c, to] of FOLDS_ABOVE_LIMIT) fold[c] = index.get(to) ?? 0;
  // A hint left without its optional parts begins with `\d` only when it needs a digit there.
  const hintSources = prefilters.flatMap((p) => p.hints);
  const union = (list: string[]): RegExp | null => (list.length === 0 ? null : new RegExp(list.join('|'), 'i'));
  return {
    fold,
    size,
    heads: buildNodes(heads, index, size),
    suffixes: buildNodes(suffixes, index, size),
    digitHint: union(hintSources.filter((h) => h.startsWith('\\d'))),
    otherHint: union(hintSources.filter((h) => !h.startsWith('\\d'))),
    hints: prefilters.flatMap(
      (p, k): Array<[number, RegExp]> => (p.hints.length === 0 ? [] : [[1 << k, new RegExp(p.hints.join('|'), 'i')]]),
    ),
  };
}

/**
 * The last node with strings ending there on the path of the text from position i, going forward
 * (step 1) or backward (step -1); 0 for none.
 */
function walk(trie: Trie, nodes: Nodes, text: string, i: number, step: 1 | -1): number {
  const n = text.length;
  const i1 = i + step;
  if (i1 < 0 || i1 >= n) return 0;
  const fold = trie.fold;
  const a0 = fold[text.charCodeAt(i)] as number;
  const a1 = fold[text.charCodeAt(i1)] as number;
  if (a0 === 0 || a1 === 0) return 0;
  let node = nodes.start[a0 * trie.size + a1] as number;
  let last = 0;
  for (let j = i1 + step; node !== 0; j += step) {
    if (nodes.terminal[node] === 1) last = node;
    if (j < 0 || j >= n) break;
    const a = fold[text.charCodeAt(j)] as number;
    if (a === 0) break;
    let next = 0;
    const end = nodes.first[node + 1] as number;
    for (let k = nodes.first[node] as number; k < end; k++) {
      if (nodes.label[k] === a) {
        next = nodes.child[k] as number;
        break;
      }
    }
    node = next;
  }
  return last;
}

interface Scan {
  /** Bits of the regexes that may match. */
  bits: number;
  /** Bits of the regexes to run in full: an alternative without heads may match. */
  full: number;
  /** Word starts with heads: position, last node of its heads, position, node... */
  hits: number[];
  /** The text holds U+E000. */
  token: boolean;
}

const NO_HITS: number[] = [];

/** Word starts and ends found by `scan` (reused). */
let wordStarts = new Int32Array(4096);
let wordEnds = new Int32Array(4096);

/** Which regexes of the lexicon may match the text, and where. */
function scan(text: string, lexicon: Lexicon): Scan {
  const trie = trieOf(lexicon);
  const n = text.length;
  if (n >= wordStarts.length) {
    wordStarts = new Int32Array(n + 1);
    wordEnds = new Int32Array(n + 1);
  }
  const starts = wordStarts;
  const ends = wordEnds;
  // Word starts (a letter or digit after none), word ends (after the last one) and the classes
  // present, without branches (they would be mispredicted at every word boundary).
  let count = 0;
  let endCount = 0;
  let previous = 0;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    const cls = CHAR_CLASS[text.charCodeAt(i)] as number;
    seen |= cls;
    const word = cls & WORD;
    starts[count] = i;
    count += word & (previous ^ WORD);
    ends[endCount] = i;
    endCount += previous & (word ^ WORD);
    previous = word;
  }
  ends[endCount] = n;
  endCount += previous;
  let bits = 0;
  let hits: number[] | null = null;
  for (let k = 0; k < count; k++) {
    const i = starts[k] as number;
    const node = walk(trie, trie.heads, text, i, 1);
    if (node !== 0) {
      bits |= trie.heads.bits[node] as number;
      hits ??= [];
      hits.push(i, node);
    }
  }
  // A suffix ends a word: its regex runs in full (where the match starts is not known).
  let full = 0;
  for (let k = 0; k < endCount; k++) {
    const node = walk(trie, trie.suffixes, text, (ends[k] as number) - 1, -1);
    if (node !== 0) full |= trie.suffixes.bits[node] as number;
  }
  const digit = (seen & DIGIT) !== 0;
  const token = (seen & TOKEN) !== 0;
  if (trie.otherHint?.test(text) || (digit && trie.digitHint?.test(text))) {
    for (const [bit, re] of trie.hints) if (re.test(text)) full |= bit;
  }
  return { bits: bits | full, full, hits: hits ?? NO_HITS, token };
}

/** The cue regex, global: `exec` from `lastIndex` finds the first match from there on. */
function global(c: Cue): RegExp {
  c.global ??= new RegExp(c.re.source, `${c.re.flags.replace('g', '')}g`);
  return c.global;
}

/** Calls of a cue regex after which it is tried at head positions only (sticky), not searched. */
const STICKY_AFTER = 500;

/** The cue regex, sticky (to try it at one position), once it has been used enough; else null. */
function sticky(c: Cue): RegExp | null {
  if (c.sticky === null && ++c.uses > STICKY_AFTER)
    c.sticky = new RegExp(c.re.source, `${c.re.flags.replace('g', '')}y`);
  return c.sticky;
}

/**
 * Each match of the cue regex (global) in the text (the text `s` was scanned from), in order, as
 * `exec` finds them from index 0, until `each` returns true: every match starts at a head position
 * for it (unless a hint says an alternative without heads may match: then the regex runs in full).
 */
function forEachMatch(c: Cue, text: string, s: Scan, each: (index: number, length: number) => boolean): void {
  if ((s.bits & c.bit) === 0) return;
  const full = (s.full & c.bit) !== 0;
  const bits = trieOf(c.lexicon).heads.bits;
  const hits = s.hits;
  const tryAt = full ? null : sticky(c);
  const re = tryAt ?? global(c);
  let k = 0;
  for (let from = 0; ; ) {
    if (!full) {
      // The next head position at or after `from`.
      while (
        k < hits.length &&
        ((hits[k] as number) < from || ((bits[hits[k + 1] as number] as number) & c.bit) === 0)
      ) {
        k += 2;
      }
      if (k >= hits.length) return;
    }
    re.lastIndex = full ? from : (hits[k] as number);
    const m = re.exec(text);
    if (m === null) {
      if (tryAt === null) return;
      k += 2; // no match there: the next head
      continue;
    }
    if (each(m.index, m[0].length)) return;
    from = m.index + Math.max(1, m[0].length);
  }
}

/** Index of the first match of the cue regex in the text (the text `s` was scanned from), or -1. */
function firstMatch(c: Cue, text: string, s: Scan): number {
  let first = -1;
  forEachMatch(c, text, s, (index) => {
    first = index;
    return true;
  });
  return first;
}

// ---------------------------------------------------------------------------------------------
// Years of experience
// ---------------------------------------------------------------------------------------------

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  // English
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  // French
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  'dix-sept': 17,
  'dix-huit': 18,
  'dix-neuf': 19,
  vingt: 20,
  // German
  ein: 1,
  eine: 1,
  einem: 1,
  einen: 1,
  einer: 1,
  eins: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  elf: 11,
  zwölf: 12,
  dreizehn: 13,
  vierzehn: 14,
  fünfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
  zwanzig: 20,
  // Spanish
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciséis: 16,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  // Articles that can stand for "one" ("a year of experience", "ein Jahr Berufserfahrung").
  a: 1,
  an: 1,
};

/** Words that are articles as often as numbers: they count only when tied to experience. */
const ARTICLE_ONE = new Set(['a', 'an', 'un', 'une', 'ein', 'eine', 'einem', 'einen', 'einer', 'uno', 'una']);

const NUMBER_WORD_SRC = Object.keys(NUMBER_WORDS)
  .sort((x, y) => y.length - x.length)
  .join('|');
const DIGITS = '\\d{1,3}(?:[.,]\\d{1,2})?(?!\\d)';
const NUM_ATOM = `(?:${DIGITS}|(?:${NUMBER_WORD_SRC})${WE})`;
/** A number, optionally restated in brackets: "three (3)", "5 (five)". */
const NUM = `${NUM_ATOM}(?: ?\\(${NUM_ATOM}\\))?`;
const PLUS = `(?: ?(?:\\+|plus${WE}))?`;

/**
 * "3 years", "3+ yrs", "3-5 years", "3 to 5 years", "between 3 and 5 years", "five-year",
 * "three (3) years", "3 à 5 ans", "zwei bis drei Jahre", "de 3 a 5 años".
 */
const YEARS_RE = new RegExp(
  `${WS}(?:(?<between>between|entre|zwischen) )?(?<a>${NUM})${PLUS}` +
    `(?: ?(?<conn>-|to|à|a|bis|and|et|und|y)(?: ?(?:to|à|a|bis))? ?(?<b>${NUM})${PLUS})?` +
    `(?: (?:or more|ou plus|o más|oder mehr|y más))?(?<sep> ?- ?| )?` +
    `(?<unit>years?|yrs?|yoe|années?|ans|an|jahren|jahre|jahr|años|año|anos)(?:\\(s\\))?${WE}`,
  'giu',
);

const GERMAN_NUMBER_SRC =
  'dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|zwanzig|sieben|sechs|zwölf|zwei|drei|vier|fünf|acht|neun|zehn|ein|elf';
/** German compound adjectives: "3-jährige", "dreijährige", "zwei- bis dreijährige Berufserfahrung". */
const JAEHRIG_RE = new RegExp(
  `${WS}(?<a>${DIGITS}|${GERMAN_NUMBER_SRC})(?:(?<conn>-? ?bis ?|-)(?<b>${DIGITS}|${GERMAN_NUMBER_SRC}))?-? ?(?<unit>jährig)`,
  'giu',
);

/**
 * Where a YEARS_RE match can start. Its unit begins with one of these: "year", "yr", "yoe", "jahr",
 * "año", or is "an", "ans", "année(s)", "anos", not followed by a letter or digit, right after what
 * can end the part before a unit (a digit, ")", "+", "plus", "or more"-like words, a number word)
 * and the optional separator. This plain regex (s widened as in PLAIN_FOLDS, the other letters of
 * which no unit or number word holds) matches at the start of every unit, and the part before a unit
 * is at most YEARS_LEAD characters long, so no match starts before the next hit minus YEARS_LEAD.
 * It matches "jährig" too, which every JAEHRIG_RE match holds.
 */
const S = PLAIN_FOLDS.s as string;
const AN_UNIT = `an(?:${S}|n[ée]e${S}?|o${S})?`;
const YEARS_UNIT_HINT_RE = new RegExp(
  `y(?:ear|r|oe)|j(?:ahr|ährig)|año|${AN_UNIT}(?![a-z0-9])(?<=(?:[0-9)+]|${`plus|more|más|mehr|${NUMBER_WORD_SRC}`.replaceAll('s', S)})(?: ?- ?| )?${AN_UNIT})`,
  'gi',
);

/** Where the next unit can start, at or after `from` (or "jährig", which JAEHRIG_RE matches hold). */
function nextUnit(text: string, from: number): number {
  YEARS_UNIT_HINT_RE.lastIndex = from;
  return YEARS_UNIT_HINT_RE.exec(text)?.index ?? -1;
}
/**
 * Longest part of a YEARS_RE match before its unit: "zwischen " (9), a number with a bracketed
 * restatement (10 + 13), "plus" (5), " bis bis " and a second such number (9 + 28), " oder mehr"
 * (10), a separator " - " (3): 87, rounded up.
 */
const YEARS_LEAD = 128;
const JAEHRIG_HINT_RE = /jährig/i;

const MAX_CANDIDATES = 50;
const SINGULAR_UNITS = new Set(['year', 'yr', 'an', 'année', 'jahr', 'año']);
const CONJUNCTIONS = new Set(['and', 'et', 'und', 'y']);

/** Words that tie a number of years to experience (checked in a bounded window). */
const EXPERIENCE_RE =
  /exp[eé]rienc|experiencia|erfahrung|(?<![\p{L}])exp(?![\p{L}])|expérimenté|track record|post[- ]?qualifi|(?<![\p{L}])pqe(?![\p{L}])|berufspraxis|praxis|tätigkeit|in (?:a|an|the) (?:similar |comparable |related |relevant )?(?:role|position|capacity)/iu;

/** Always not experience, right after the unit: ages, "ago". */
const AFTER_NEVER =
  /^(?:'s|')? ?(?:old|of age|or older|and older|or over|ago|alt|de edad|cumplidos|révolus|d'âge)(?![\p{L}])/iu;

/** Not experience unless the window says experience: degrees, schooling, contracts, periods. */
const AFTER_NOT_EXPERIENCE = new RegExp(
  `^(?:'s|')? ?(?:(?:of|de|d') ?)?(?:[\\p{L}-]{1,30} )?(?:degree|diploma|college|university|universities|program|programme|course|courses|contract|apprenticeship|term|commitment|warranty|guarantee|period|plan|institution|school|schooling|study|studies|education|coursework|bachelor|bachelor's|bachelors|undergraduate|post-?secondary|fixed-term|appointment|fellowship|visa|permit|études|etudes|formation|diplôme|contrat|cdd|mission|ausbildung|studium|vertrag|befristung|lehre|estudios|carrera|universidad|formación|contrato|grado|titulación|beca)${WE}`,
  'iu',
);

const PHRASE_BREAK_RE = /,| (?:or|and|ou|et|oder|und|o|y|u) /iu;

/** Before the number: a window in time or an age, never experience ("within", "in the last", "aged"). */
const BEFORE_NEVER =
  /(?:^|[^\p{L}])(?:within|last|past|previous|recent|next|coming|following|first|every|each|aged?|ages|âgée?s? de|agée?s? de|age of|au cours des|dans les|derni[eè]res?|letzten|nächsten|innerhalb(?: von| der)?|binnen|alle|últimos|ultimos|próximos|proximos|dentro de|cada|chaque|tous les|mayor de|mayores de|menor de|älter als|jünger als)(?: (?:the|at least|least|approximately|about|around|over|of))? ?$/iu;

/** Before the number: a be-verb ("must be 18 years") is an age unless experience is named. */
const BEFORE_BE =
  /(?:^|[^\p{L}])(?:be|being|is|are|être|avoir|ser|tener|sein|sind)(?: (?:at least|over|older than|au moins|plus de|mindestens|über|al menos|más de))? ?$/iu;

/** Before the number: a contract, commitment or residence ("commit to 2 years", "CDD de 2 ans"). */
const BEFORE_CONTRACT =
  /(?:contract|contrat|cdd|vertrag|befristet|contrato|commit|commitment|engagement|tenure|lived|resided|residen|stay|durée|laufzeit|duración)[^.;]{0,25}$/iu;

const BEFORE_MAX =
  /(?:^|[^\p{L}])(?:up to|upto|maximum(?: of)?|max\.?|no more than|not more than|(?<!(?:no|not|pas|nicht|kein|keine) )(?:less than|fewer than|moins de|weniger als|menos de)|at most|under|jusqu'à|jusqu'a|au plus|au maximum|pas plus de|bis zu|höchstens|maximal|hasta|máximo(?: de)?|maximo(?: de)?|como máximo|a lo sumo) ?$/iu;
const AFTER_MAX =
  /^(?:'s|')? ?(?:max(?:imum)?|or less|or fewer|at most|au maximum|au plus|ou moins|maximal|höchstens|oder weniger|como máximo|máximo|o menos)(?![\p{L}])/iu;

/** French singular "an" is only a year where French follows ("1 an d'expérience"), not "2 an advantage". */
const FRENCH_AN_CONTEXT = /^(?:$|[.,;:)!?]| (?:d'|de |minimum|min|au |dans |en |ou |et |-|\())/iu;

function parseNumber(raw: string): number | null {
  const bracket = /\(([^()]*)\)/u.exec(raw);
  const inner = bracket?.[1]?.trim();
  const head = raw.replace(/ ?\([^()]*\)/u, '').trim();
  // "three (3)": prefer the digits wherever they are.
  for (const part of [inner, head]) {
    if (part !== undefined && /^\d/u.test(part)) return Number(part.replace(',', '.'));
  }
  const word = NUMBER_WORDS[head.toLowerCase()];
  return word ?? null;
}

interface YearCandidate {
  min: number | null;
  max: number | null;
  experience: boolean;
}

/** Bounded window after the unit, up to the next sentence end or number. */
function afterWindow(text: string, end: number): string {
  const raw = text.slice(end, end + 90);
  const stop = raw.search(/[.;!?]|\d/u);
  return stop < 0 ? raw : raw.slice(0, stop);
}

/** The last clause break or digit. */
const LAST_BREAK_OR_DIGIT_RE = /[.;,!?\d][^.;,!?\d]*$/u;

/** Bounded window before the number: its last four words, after any clause break or number. */
function beforeWindow(text: string, start: number): string {
  const raw = text.slice(Math.max(0, start - 60), start);
  const tail = raw.slice(raw.search(LAST_BREAK_OR_DIGIT_RE) + 1);
  return tail.split(' ').slice(-5).join(' ');
}

function evaluateCandidate(
  text: string,
  start: number,
  end: number,
  g: Record<string, string | undefined>,
): YearCandidate | null {
  const unit = (g.unit ?? '').toLowerCase();
  const rawAfter = text.slice(end, end + 60);
  const rawBefore = text.slice(Math.max(0, start - 60), start);
  if (unit === 'an' && !FRENCH_AN_CONTEXT.test(rawAfter)) return null;

  let a = g.a === undefined ? null : parseNumber(g.a);
  let b = g.b === undefined ? null : parseNumber(g.b);
  const conn = (g.conn ?? '').trim().toLowerCase();
  // "Level 3 and 5 years": "and" makes a range only after "between".
  if (b !== null && CONJUNCTIONS.has(conn) && g.between === undefined) {
    a = b;
    b = null;
  }
  if (a === null) return null;
  if (a > 60 || (b !== null && b > 60)) return null;

  const experience = EXPERIENCE_RE.test(afterWindow(text, end)) || EXPERIENCE_RE.test(beforeWindow(text, start));

  if (AFTER_NEVER.test(rawAfter)) return null;
  if (BEFORE_NEVER.test(rawBefore)) return null;
  // "2 years of college or equivalent work experience": the experience word must belong to the
  // same phrase as the course or contract, not to an alternative joined by "or" / "and".
  if (AFTER_NOT_EXPERIENCE.test(rawAfter)) {
    const phrase = afterWindow(text, end).split(PHRASE_BREAK_RE)[0] ?? '';
    if (!EXPERIENCE_RE.test(phrase)) return null;
  }
  if (!experience) {
    // "must be 18 years", "avoir 18 ans", "tener 18 años": an age.
    if (a >= 16 && BEFORE_BE.test(rawBefore)) return null;
    if (BEFORE_CONTRACT.test(rawBefore)) return null;
    const article = b === null && ARTICLE_ONE.has((g.a ?? '').trim().toLowerCase());
    // "a two-year contract", "4 year degree", "3-jährige Ausbildung": adjectives need experience named.
    const adjective =
      unit === 'jährig' || (g.sep ?? '').includes('-') || (SINGULAR_UNITS.has(unit) && (a > 1 || b !== null));
    if (article || adjective) return null;
  }

  if (b !== null) {
    return { min: Math.min(a, b), max: Math.max(a, b), experience };
  }
  if (BEFORE_MAX.test(rawBefore) || AFTER_MAX.test(rawAfter)) {
    return { min: null, max: a, experience };
  }
  return { min: a, max: null, experience };
}

/**
 * Years of experience the item asks for. Among several figures, the first one tied to experience
 * wins, else the first one that is not an age, a time window, a contract or a course length.
 */
export function extractYears(text: string): Years {
  const norm = normalize(text);
  // `categorize` asks again for the item `extractYears` has just seen.
  if (norm !== lastYearsText) {
    lastYearsText = norm;
    lastYears = yearsOf(norm);
  }
  return { yearsMin: lastYears.yearsMin, yearsMax: lastYears.yearsMax };
}

let lastYearsText: string | undefined;
let lastYears: Years = { yearsMin: null, yearsMax: null };

function yearsOf(norm: string): Years {
  let unit = nextUnit(norm, 0);
  if (unit < 0) return { yearsMin: null, yearsMax: null };
  let fallback: YearCandidate | null = null;
  // YEARS_RE tried from YEARS_LEAD characters before the next unit on: it finds the matches `exec`
  // finds from 0, in turn. No real item names more than a handful of durations: stop looking after
  // MAX_CANDIDATES.
  for (let from = 0, seen = 0; unit >= 0 && seen < MAX_CANDIDATES; unit = nextUnit(norm, from), seen++) {
    YEARS_RE.lastIndex = Math.max(from, unit - YEARS_LEAD);
    const m = YEARS_RE.exec(norm);
    if (m === null) break;
    from = YEARS_RE.lastIndex;
    const candidate = evaluateCandidate(norm, m.index, from, m.groups ?? {});
    if (candidate === null) continue;
    if (candidate.experience) return { yearsMin: candidate.min, yearsMax: candidate.max };
    fallback ??= candidate;
  }
  if (JAEHRIG_HINT_RE.test(norm)) {
    JAEHRIG_RE.lastIndex = 0;
    let seen = 0;
    for (let m = JAEHRIG_RE.exec(norm); m !== null && seen < MAX_CANDIDATES; m = JAEHRIG_RE.exec(norm), seen++) {
      const candidate = evaluateCandidate(norm, m.index, m.index + m[0].length, m.groups ?? {});
      if (candidate === null) continue;
      if (candidate.experience) return { yearsMin: candidate.min, yearsMax: candidate.max };
      fallback ??= candidate;
    }
  }
  return fallback === null ? { yearsMin: null, yearsMax: null } : { yearsMin: fallback.min, yearsMax: fallback.max };
}

// ---------------------------------------------------------------------------------------------
// Optional / required marking
// ---------------------------------------------------------------------------------------------

const OPTIONAL_CUES = [
  // English
  'prefer(?:red|ably|able|ence|ential)',
  'nice[- ]to[- ]haves?',
  '(?:good|great) to have',
  '(?:a|an|is|are|be|big|huge|definite|major|real|strong|added|extra|great|nice|bonus|considered|significant|distinct) plus(?:es)?',
  'pluses',
  'bonus(?:es)?',
  'desirabl[ey]',
  '(?:is|are|be|highly|strongly|very|also) desired',
  'desired(?= ?(?:[.,;:)!]|$| but| and| or))',
  'ideally',
  'advantageous',
  '(?:an|added|distinct|definite|real|big|strong|major|clear|great|additional|of|extra) advantage',
  '(?:an|great|strong|definite|real|valuable|additional|added|big|huge|major|extra) asset',
  'would be (?:great|good|nice|ideal|useful|helpful|beneficial|welcome|appreciated|valued|valuable|a benefit)',
  'beneficial',
  '(?:is|are|be|very|also|especially|particularly) (?:helpful|useful)',
  '(?:is|are|be) a benefit',
  'optional',
  'encouraged',
  '(?:is|are|be|highly|very|also|most|always) welcomed?',
  'appreciated',
  'if possible',
  "(?:we would|we'd) love (?:it )?if",
  '(?:extra|bonus|brownie) points',
  // French
  'souhait(?:é|ée|és|ées|able|ables)',
  '(?:un|une) (?:(?:vrai|réel|gros|grand|sérieux|véritable|petit|net) )?plus(?= ?(?:[.,;:)!]|$|pour |appréciable|apprécié|non négligeable|indéniable|certain))',
  'atouts?',
  'id[ée]alement',
  'appréci(?:é|ée|és|ées|able|ables)',
  'de préférence',
  'préf[ée]r(?:able|ablement|ence)',
  'bienvenu(?:e|s|es)?',
  'facultati(?:f|ve|fs|ves)',
  'optionnel(?:le|s|les)?',
  '(?:un|constitue un|serait un) (?:(?:réel|vrai|gros|grand|net|sérieux) )?avantage',
  'si possible',
  'serait idéale?',
  // German
  'wünschenswert',
  'erwünscht',
  'gewünscht',
  'von vorteil',
  'vorteilhaft',
  '(?:ein|eine|großer|klarer) vorteil',
  'idealerweise',
  '(?:ein|eine) (?:(?:großes|klares|echtes) )?plus',
  'pluspunkte?',
  'gerne? gesehen',
  'bevorzugt',
  'vorzugsweise',
  'wäre (?:schön|toll|super|wünschenswert|hilfreich|ideal|gut|prima)',
  'hilfreich',
  // Spanish
  'deseables?',
  'se valorar(?:á|a|án|an)',
  'se valoran?',
  'valorables?',
  'valorad(?:o|a|os|as)',
  'valoraremos',
  'se tendr(?:á|a|án|an) en cuenta',
  'preferibles?',
  'preferiblemente',
  'preferentemente',
  'de preferencia',
  'preferencia',
  '(?:un|será un|es un) plus',
  '(?:una|gran) ventaja',
  'idealmente',
  'opcional(?:es)?',
];

const REQUIRED_CUES = [
  // English
  'required',
  'requires?',
  'a requirement',
  'must(?:-have)?',
  'essential',
  'mandatory',
  'compulsory',
  'obligatory',
  'necessary',
  'needed',
  '(?:is|are) vital',
  'indispensable',
  'imperative',
  '(?:a )?pre-?requisite',
  'non-negotiable',
  // French
  'obligatoires?',
  'exig(?:é|ée|és|ées)',
  'requis(?:e|es)?',
  'indispensables',
  'impérati(?:f|ve|fs|ves)',
  'impérativement',
  'essentiel(?:le|s|les)?',
  'nécessaires?',
  'exigences?',
  'incontournables?',
  'dev(?:ez|rez)',
  'doit',
  'doivent',
  'demand(?:é|ée|és|ées)',
  // German
  'erforderlich',
  'zwingend',
  'voraussetzung',
  'vorausgesetzt',
  'unbedingt',
  'notwendig',
  'nötig',
  'pflicht',
  'unerlässlich',
  'unabdingbar',
  'obligatorisch',
  'verpflichtend',
  'muss',
  'müssen',
  'musst',
  'setzen (?:wir )?voraus',
  // Spanish
  'imprescindibles?',
  'obligatori[oa]s?',
  'requerid[oa]s?',
  'se requieren?',
  'requisitos?',
  'excluyentes?',
  'necesari[oa]s?',
  'deb(?:e|es|en|erá|erán)',
  'se exige',
  'exigibles?',
];

/** Negated requirement words mark the item optional ("not required", "pas obligatoire", "no excluyente"). */
const NEGATED_REQUIRED_RE = new RegExp(
  [
    `${WS}(?:not|n't|never|no longer)(?: (?:be|a|an|strictly|absolutely|necessarily|always|essentially|really|considered|deemed|that)){0,3} (?:required|a requirement|mandatory|essential|necessary|needed|compulsory|a must|must|obligatory|a prerequisite|prerequisite)${WE}`,
    `${WS}no (?:[\\p{L}-]+ ){0,2}(?:required|necessary|needed)${WE}`,
    `${WS}(?:(?:do not|don't|doesn't|does not|won't|will not) (?:need|have to|require)|need not|no need)${WE}`,
    `${WS}(?:pas|non|nullement|sans être)(?: (?:forcément|nécessairement|obligatoirement|absolument|strictement))? (?:obligatoire|exigée?s?|requise?s?|indispensables?|nécessaires?|impérati(?:f|ve)s?|essentiel(?:le)?s?)${WE}`,
    `${WS}(?:nicht|keine?)(?: (?:unbedingt|zwingend|zwingende|notwendigerweise))? (?:erforderlich|zwingend|voraussetzung|notwendig|nötig|pflicht|vorausgesetzt|bedingung|muss|unbedingt)${WE}`,
    `${WS}no (?:es |son |será |resulta )?(?:(?:estrictamente|necesariamente) )?(?:excluyentes?|imprescindibles?|obligatori[oa]s?|indispensables?|necesari[oa]s?|requerid[oa]s?|un requisito|requisito)${WE}`,
  ].join('|'),
  'giu',
);

/** A preference between alternatives the item already allows: not an optional marking. */
const ALTERNATIVE_PREFERENCE_RE = new RegExp(
  [
    `${WS}(?:the )?(?:former|latter)(?: (?:one|option))?(?: (?:is|being|will be))? (?:preferred|preferable|favou?red)${WE}`,
    `${WS}preferred over${WE}`,
    `${WS}(?:le|la) (?:premier|première|second|seconde|dernier|dernière)(?: (?:étant|est))? (?:préférée?|privilégiée?)${WE}`,
    `${WS}(?:ersteres|letzteres|erstere|letztere)(?: (?:wird|ist))? (?:bevorzugt)${WE}`,
    `${WS}(?:siendo|es) (?:preferible|preferido|preferida) (?:el|la) (?:primero|primera|segundo|segunda)${WE}`,
  ].join('|'),
  'giu',
);

const NARROWING_ADVERBS =
  'preferably|ideally|idéalement|idealement|de préférence|idealerweise|vorzugsweise|bevorzugt|preferiblemente|preferentemente|idealmente|de preferencia';
/** "Bachelor's degree, preferably in CS": narrows the demand, does not mark the item optional. */
const NARROWING_RE = new RegExp(`[,/-] ?(?:${NARROWING_ADVERBS})${WE}`, 'giu');
const NARROWING_START_RE = new RegExp(`^ ?(?:${NARROWING_ADVERBS})${WE}`, 'iu');
/** "Java and ideally Kotlin": an optional extra added to a demand, a clause of its own. */
const ADDITIVE_PREFERENCE_RE = new RegExp(` (?:and|et|und|y|as well as|plus)(?= (?:${NARROWING_ADVERBS})${WE})`, 'giu');

const OPTIONAL_TEST = words(OPTIONAL_CUES, 'iu');
const REQUIRED_ALL = words(REQUIRED_CUES, 'giu');
/** A requirement word used as an attribute ("the tools required for audits") rather than a marking. */
const WEAK_REQUIRED_FOLLOWER = /^ (?:for|to|by|in|of|when|pour|à|au|aux|für|zur|zum|zu|para|en|a|al)(?![\p{L}])/iu;
const NEGATED_TOKEN = String.fromCharCode(TOKEN_CODE);
const FILLER_RE = new RegExp(
  `${WS}(?:is|are|be|would|will|a|an|the|all|also|highly|strongly|very|but|not|considered|big|huge|definite|real|strong|great|added|extra|nice|to|have|this|that|both|which|and|or|much|most|est|sont|serait|un|une|des|très|fortement|mais|ou|et|ist|sind|wäre|ein|eine|sehr|aber|oder|und|es|son|será|sería|muy|una|pero|y|o)${WE}`,
  'giu',
);

interface ClauseMarks {
  optional: boolean;
  strongRequired: boolean;
  weakRequired: boolean;
  /** The clause says nothing but the marking: "(preferred)", "Nice to have.". */
  cueOnly: boolean;
  substantive: boolean;
}

function scanMarkers(text: string, item = false): Scan {
  return item ? scanItem(text) : scan(text, CUE_LEXICON);
}

/** Whether a marking regex may match the scanned text, or it holds a token (which marks it optional). */
function mayMark(s: Scan): boolean {
  return (s.bits & ANY_MARKER) !== 0 || s.token;
}

/**
 * The scan of the piece [start, end) of a scanned text, cut at non-letters (its word starts are
 * the text's): the text's hits within it, which may run past its end, a superset.
 */
function subScan(s: Scan, start: number, end: number): Scan {
  const bits = trieOf(CUE_LEXICON).heads.bits;
  const hits: number[] = [];
  let found = s.full;
  // The first hit at or after `start` (hits are in order of position).
  let lo = 0;
  let hi = s.hits.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((s.hits[2 * mid] as number) < start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = 2 * lo; k < s.hits.length && (s.hits[k] as number) < end; k += 2) {
    const node = s.hits[k + 1] as number;
    hits.push((s.hits[k] as number) - start, node);
    found |= bits[node] as number;
  }
  return { bits: found, full: s.full, hits, token: s.token };
}

const LETTER_OR_DIGIT_RE = /[\p{L}\p{N}]/u;

/**
 * `text.replace(re, by)` for a global regex whose matches a cue's matches locate: `c.re` itself
 * (`re` null), or a regex whose matches hold one (NARROWING_RE, an adverb). The scan is redone if the
 * text changed.
 */
function replaceCue(c: Cue, re: RegExp | null, by: string, text: string, s: Scan): [string, Scan] {
  if ((s.bits & c.bit) === 0) return [text, s];
  let replaced: string;
  if (re !== null) replaced = text.replace(re, by);
  else {
    replaced = '';
    let last = 0;
    forEachMatch(c, text, s, (index, length) => {
      replaced += text.slice(last, index) + by;
      last = index + length;
      return false;
    });
    if (last === 0) return [text, s];
    replaced += text.slice(last);
  }
  return replaced === text ? [text, s] : [replaced, scanMarkers(replaced)];
}

/** Marks of a clause; `scanned`, the scan of the clause in any case, if at hand. */
function markClause(raw: string, scanned?: Scan): ClauseMarks {
  let s = raw.toLowerCase();
  // Scans are case-blind; lower-casing keeps positions but for İ (two characters).
  let found = scanned !== undefined && s.length === raw.length ? scanned : scanMarkers(s);
  if (!mayMark(found)) {
    // No marking regex can match: none of the replacements below changes the text, no test succeeds.
    const substantive = LETTER_OR_DIGIT_RE.test(s);
    return { optional: false, strongRequired: false, weakRequired: false, cueOnly: false, substantive };
  }
  [s, found] = replaceCue(CUES.negated, null, ` ${NEGATED_TOKEN} `, s, found);
  [s, found] = replaceCue(CUES.alternative, null, ' ', s, found);
  [s, found] = replaceCue(CUES.adverb, NARROWING_RE, ' ', s, found);
  // (The scan of a whole text may report a token that is in another clause.)
  const optional = (found.token && s.includes(NEGATED_TOKEN)) || firstMatch(CUES.optional, s, found) >= 0;
  let strongRequired = false;
  let weakRequired = false;
  forEachMatch(CUES.required, s, found, (index, length) => {
    const follower = s.slice(index + length, index + length + 8);
    if (WEAK_REQUIRED_FOLLOWER.test(follower)) weakRequired = true;
    else strongRequired = true;
    return false;
  });
  const substantive = LETTER_OR_DIGIT_RE.test(s);
  if (!optional) return { optional, strongRequired, weakRequired, cueOnly: false, substantive };
  // `s.replace(words(OPTIONAL_CUES, 'giu'), ' ')`: each optional cue becomes a space.
  let residue = '';
  let last = 0;
  forEachMatch(CUES.optional, s, found, (index, length) => {
    residue += `${s.slice(last, index)} `;
    last = index + length;
    return false;
  });
  residue += s.slice(last);
  const cueOnly = !LETTER_OR_DIGIT_RE.test(residue.split(NEGATED_TOKEN).join(' ').replace(FILLER_RE, ' '));
  return { optional, strongRequired, weakRequired, cueOnly, substantive };
}

const ABBREVIATIONS = new Set([
  'etc',
  'eg',
  'ie',
  'incl',
  'approx',
  'vs',
  'min',
  'max',
  'yrs',
  'yr',
  'no',
  'nr',
  'dr',
  'mr',
  'mrs',
  'ms',
  'st',
  'jr',
  'sr',
  'co',
  'inc',
  'ltd',
  'dept',
  'bzw',
  'usw',
  'ca',
  'ggf',
  'inkl',
  'evtl',
  'sog',
  'aprox',
  'cf',
  'esp',
  'env',
]);

const CLAUSE_BREAK_RE = new RegExp(`[;!?]|\\.(?= [\\p{Lu}\\d])| - (?!(?:${NARROWING_ADVERBS})${WE})`, 'giu');

/** The item's clauses, [start, end): split at semicolons, sentence ends and spaced dashes (not after "e.g.", "Ph.D."). */
function clauseSpans(text: string): Array<[number, number]> {
  const clauses: Array<[number, number]> = [];
  let from = 0;
  CLAUSE_BREAK_RE.lastIndex = 0;
  for (let m = CLAUSE_BREAK_RE.exec(text); m !== null; m = CLAUSE_BREAK_RE.exec(text)) {
    if (m[0] === '.') {
      const token = /([\p{L}.]{1,12})$/u.exec(text.slice(Math.max(from, m.index - 12), m.index))?.[1] ?? '';
      const bare = token.toLowerCase();
      if (token.length <= 1 || bare.includes('.') || ABBREVIATIONS.has(bare)) continue;
    }
    clauses.push([from, m.index]);
    from = m.index + m[0].length;
  }
  clauses.push([from, text.length]);
  return clauses;
}

const ALTERNATIVE_FOLLOWS_RE = /^ ?(?:or|ou|oder|o|\/)(?![\p{L}])/iu;
const OPTIONAL_AT_END = new RegExp(`${WS}(?:${OPTIONAL_CUES.join('|')})${WE}[ .!]*$`, 'iu');
const LIST_JOINER_RE = / (?:or|and|ou|et|oder|und|o|y|u|nor|&) /iu;
const CONTRAST_START_RE =
  /^ ?(?:but|although|though|however|yet|not|no|mais|pas|non|aber|nicht|kein\p{L}*|pero|aunque|sin)(?![\p{L}])/iu;

/**
 * "Bachelor's degree in Business or a related field, MBA preferred": a short comma-appended clause
 * that is nothing but an optional extra ("MBA preferred", "Tableau a plus") after a demand of three
 * words or more is a clause of its own. A list whose last member carries the cue ("A, B and C
 * preferred", "AWS, GCP or Azure preferred") is not split: the cue reads over the whole list.
 */
function splitAppendedExtra(text: string, [start, end]: [number, number], scanned: Scan): Array<[number, number]> {
  const clause = text.slice(start, end);
  const comma = clause.lastIndexOf(',');
  if (comma < 0) return [[start, end]];
  const tail = clause.slice(comma + 1);
  const head = clause.slice(0, comma);
  const tailWords = tail.trim().split(' ');
  if (tailWords.length > 5 || LIST_JOINER_RE.test(tail) || CONTRAST_START_RE.test(tail)) return [[start, end]];
  // OPTIONAL_AT_END.test(tail)
  const tailStart = start + comma + 1;
  if (firstMatch(CUES.optionalAtEnd, tail, subScan(scanned, tailStart, end)) < 0) return [[start, end]];
  const partStart = head.lastIndexOf(',') + 1;
  const lastHeadPart = head.slice(partStart).trim();
  if (lastHeadPart.split(' ').length < 3) return [[start, end]];
  // OPTIONAL_TEST.test(lastHeadPart.toLowerCase()); trimmed of spaces (the text is normal).
  const partFrom = start + partStart + (head.length - partStart - head.slice(partStart).trimStart().length);
  const lower = lastHeadPart.toLowerCase();
  const partScan =
    lower.length === lastHeadPart.length ? subScan(scanned, partFrom, partFrom + lower.length) : scanMarkers(lower);
  if (firstMatch(CUES.optional, lower, partScan) >= 0) return [[start, end]];
  return [
    [start, start + comma],
    [tailStart, end],
  ];
}

/**
 * Item-level marking. Order of decision:
 * 1. an explicit, non-negated requirement word ("required", "must", "obligatoire", "erforderlich",
 *    "imprescindible") makes the item 'required', even beside an optional extra ("Degree required,
 *    Master's preferred");
 * 2. otherwise, with no optional cue, null (or 'required' for a requirement word used attributively);
 * 3. an optional cue that stands alone ("(preferred)", "Nice to have.") or sits in the item's first
 *    clause marks the whole item 'optional';
 * 4. an optional cue only in a later clause or a bracket with content is an optional extra on top
 *    of a demand ("Bachelor's degree in X; Master's a plus"): 'required'.
 * A preference between alternatives ("R or Python, where the former is preferred") or a narrowing
 * adverb after a comma ("a degree, preferably in CS") is no marking at all.
 */
export function optionalMarker(text: string): 'optional' | 'required' | null {
  const norm = normalize(text);
  const brackets: string[] = [];
  const main = !norm.includes('(')
    ? norm
    : norm.replace(/\(([^()]*)\)/gu, (whole, inner: string, offset: number) => {
        // "Python (preferred) or R": a preference between alternatives, no marking.
        const alternative = ALTERNATIVE_FOLLOWS_RE.test(norm.slice(offset + whole.length, offset + whole.length + 8));
        if (!(alternative && markClause(inner).cueOnly)) brackets.push(inner);
        return ' ';
      });
  // Clauses are pieces of `main` cut at non-letters, so a cue in one starts a word in `main` too.
  // No cue anywhere: every clause is unmarked.
  const mainScan = scanMarkers(main, true);
  if (!mayMark(mainScan) && brackets.every((b) => !mayMark(scanMarkers(b)))) return null;
  // ADDITIVE_PREFERENCE_RE needs an adverb.
  const cut = (mainScan.bits & CUES.adverb.bit) === 0 ? main : main.replace(ADDITIVE_PREFERENCE_RE, ';');
  const cutScan = cut === main ? mainScan : scanMarkers(cut);
  let spans = clauseSpans(cut);
  // An appended extra ends with an optional cue.
  if ((cutScan.bits & CUES.optional.bit) !== 0) spans = spans.flatMap((span) => splitAppendedExtra(cut, span, cutScan));
  const clauses = spans.map(([start, end]) => markClause(cut.slice(start, end), subScan(cutScan, start, end)));
  const bracketMarks = brackets.filter((b) => !NARROWING_START_RE.test(b)).map((b) => markClause(b));
  const all = [...clauses, ...bracketMarks];

  if (all.some((c) => c.strongRequired)) return 'required';
  if (!all.some((c) => c.optional)) return all.some((c) => c.weakRequired) ? 'required' : null;
  if (all.some((c) => c.cueOnly)) return 'optional';
  const first = clauses.find((c) => c.substantive) ?? bracketMarks.find((c) => c.substantive);
  if (first === undefined || first.optional) return 'optional';
  return 'required';
}

// ---------------------------------------------------------------------------------------------
// Category
// ---------------------------------------------------------------------------------------------

const PHYSICAL_LEGAL_RE = words(
  [
    // checks and legal status
    'background (?:check|checks|investigation|screening)s?',
    'criminal (?:record|background)s?',
    '(?:enhanced )?dbs',
    'disclosure',
    'drug (?:test|testing|screen|screening)s?',
    'security clearance',
    'clearance',
    'right to work',
    '(?:eligible|eligibility|authori[sz]ed|authori[sz]ation|permission|legally able) to work',
    'work (?:authori[sz]ation|permit|visa)',
    'visa sponsorship',
    'sponsorship',
    'citizens?(?:hip)?',
    'permanent resident',
    'residen(?:t|ce|cy) (?:in|of|status|permit)',
    '(?:lived|resided) in',
    '(?:at least )?(?:16|18|21)\\+? (?:years? )?(?:of age|old|or older|or over|and over)',
    '(?:over|under|aged?) (?:the age of )?(?:16|18|21)',
    'age of (?:16|18|21)',
    'majeure?',
    'volljährig',
    'mayor de (?:edad|18)',
    'passports?',
    'years of age',
    'of legal age',
    // driving and transport
    "driver'?s'? licen[cs]es?",
    'driving licen[cs]es?',
    'driver licen[cs]es?',
    'own (?:transport|transportation|vehicle|car)',
    'reliable (?:transport|transportation|vehicle)',
    'access to (?:a|your own) (?:car|vehicle)',
    // physical demands
    '(?:lift|move|carry|push|pull)(?:ing)?(?: (?:and|or) (?:lift|move|carry|push|pull)(?:ing)?)?(?: up to)? \\d+ ?(?:lbs?|pounds|kgs?|kilos?)?',
    '(?:up to )?\\d+ ?(?:lbs?|pounds|kgs?|kilos?)',
    'lifting',
    'carry(?:ing)? (?:up to )?\\d+',
    '(?:stand|standing|sit|sitting|walk|walking|kneel|kneeling|bend|bending|climb|climbing) (?:for|up to|long|extended|\\d)',
    'on (?:your|their|his|her) feet',
    'physically',
    'physical (?:demands?|demanding|fit|fitness|requirements?|activity|effort|strength|stamina|exam|examination|interventions?|tasks?|work|labou?r|ability|abilities)',
    'manual handling',
    'fitness for',
    // availability and schedule
    'weekends?',
    'week-ends?',
    'evenings',
    'nights',
    'night shifts?',
    'shifts',
    '(?:day|early|late|rotating|evening|weekend|split|\\d+-hour) shifts?',
    'shift (?:work|patterns?)',
    'overtime',
    'on[- ]call',
    'holidays',
    'flexible (?:schedule|hours)',
    'immediate start',
    'available (?:to work|for|during|on)',
    '(?<!high )availability',
    '(?:willing(?:ness)?|able|ability|prepared|required|available|requirement) to (?:travel|relocate)',
    'travel(?:l?ing)? (?:up to|required|is required|\\d+|domestically|internationally|nationally|regularly|frequently|as needed|within)',
    '\\d+ ?% travel',
    'relocat(?:e|ion)',
    // health
    'vaccinat(?:ed|ion|ions)',
    'immuni[sz]ations?',
    'covid(?:-19)?',
    'occupational health',
    'medical (?:exam|examination|clearance)',
    // French
    'casier judiciaire',
    'permis(?: b| de conduire)?',
    'véhiculée?',
    'déplacements?',
    'mobilité',
    'travail de nuit',
    'port de charges',
    'station debout',
    'disponibles?',
    'disponibilité',
    'autorisation de travail',
    'titre de séjour',
    'horaires (?:décalés|variables|de nuit)',
    // German
    'führerschein',
    'führungszeugnis',
    'reisebereitschaft',
    'reisetätigkeit',
    'schichtdienst',
    'schichtarbeit',
    'wochenend\\p{L}*',
    'nachtdienst',
    'arbeitserlaubnis',
    'aufenthaltstitel',
    'körperlich\\p{L}*',
    'impf\\p{L}*',
    // Spanish
    '(?:carnet|carné|permiso|licencia) de conducir',
    'vehículo propio',
    '(?<!alta )disponibilidad',
    'fines de semana',
    'turnos',
    'antecedentes penales',
    'permiso de trabajo',
    'viajar',
    'esfuerzo físico',
    'de pie',
    'vacun\\p{L}*',
  ],
  'iu',
);

const EDUCATION_RE = words(
  [
    'degrees?(?! of)',
    'diplomas?',
    "bachelor(?:s|'s|s')?",
    'baccalaureate',
    "master'?s",
    'masters',
    'master (?:of|in|degree)',
    'mba',
    'b\\.?sc',
    'm\\.?sc',
    'ph\\.? ?d\\.?',
    'doctorate',
    'doctoral',
    "gcse(?:'?s)?",
    'a[- ]levels?',
    'high school (?:diploma|education|graduate|degree|equivalen\\p{L}*)',
    'ged',
    'nvq',
    'btec',
    'hn[cd]',
    "associate'?s (?:degree|in)",
    'graduate (?:education|studies|of)',
    'graduated',
    'qualifications? in',
    'university (?:education|studies)',
    // French
    'diplômée?s?',
    'diplôme',
    'bac(?: ?\\+ ?\\d)?',
    'bts',
    'dut',
    'licence (?:pro|professionnelle|en|de)',
    'doctorat',
    "école d'ingénieur",
    'formation (?:supérieure|universitaire|de niveau)',
    // German
    'abschluss',
    '\\p{L}*abschluss',
    'studium',
    '\\p{L}*studium',
    'ausbildung',
    'abgeschlossene',
    'diplom',
    // Spanish
    'título',
    'titulación',
    'titulado',
    'grado en',
    'licenciatura',
    'licenciad[oa]',
    'diplomatura',
    'máster',
    'doctorado',
    'formación profesional',
    'bachillerato',
    'graduad[oa]',
  ],
  'iu',
);
/** Degree abbreviations, case-sensitive ("BS/MS in Statistics", not "MS Excel"). */
const DEGREE_ABBREVIATION_RE =
  /(?<![\p{L}])(?:B\.?S\.?c?|B\.?A\.?|M\.?S\.?c?|M\.?A\.?|B\.?Eng|M\.?Eng|BSN|MSN)(?![\p{L}])(?= ?(?:\/|in\b|degree|or\b|,|\(|$))/u;

const CERTIFICATION_RE = words(
  [
    'certifi\\p{L}*',
    'certificates?',
    'licen[cs]\\p{L}*',
    'registration',
    'registered',
    'qualified',
    'chartered',
    "inscription (?:à|au) (?:l'ordre|tableau)",
    'ordre des',
    'qualifications?',
    'accreditation',
    'rn',
    'lpn',
    'lvn',
    'cna',
    'cdl',
    'nmc',
    'hcpc',
    'gmc',
    'cpr',
    'bls',
    'acls',
    'pals',
    'cpa',
    'acca',
    'cima',
    'pmp',
    'cissp',
    'pin number',
    // French
    'certificat',
    'habilitations?',
    'caces',
    'agrément',
    "inscrite? à l'ordre",
    // German
    'zertifi\\p{L}*',
    'approbation',
    'lizenz\\p{L}*',
    '\\p{L}*schein',
    'sachkunde\\p{L}*',
    // Spanish
    'certificad[oa]s?',
    'certificación',
    'licencia',
    'colegiad[oa]',
    'colegiación',
    'habilitación',
    'carn[eé]t?',
  ],
  'iu',
);

const LANGUAGE_NAMES =
  'english|french|german|spanish|italian|portuguese|mandarin|chinese|cantonese|japanese|korean|arabic|russian|dutch|polish|hindi|urdu|welsh|turkish|swedish|anglais|français|francais|allemand|espagnol|italien|portugais|néerlandais|arabe|englisch|deutsch|französisch|spanisch|italienisch|inglés|ingles|francés|frances|alemán|aleman|español|portugués|catalán|catalan|euskera|gallego';
/** Always a language requirement: "bilingual", "native speaker", "Deutschkenntnisse", "idiomas". */
const LANGUAGE_CORE_RE = new RegExp(
  `${WS}(?:bilingual|multilingual|multi-lingual|trilingual|bilingue|bilingüe|zweisprachig|mehrsprachig|mother tongue|native speaker|muttersprach\\p{L}*|langue maternelle|lengua materna|sprachkenntnisse|fremdsprache\\p{L}*|idiomas?|langues?|(?:englisch|deutsch|französisch|spanisch|italienisch)kenntnisse)${WE}`,
  'iu',
);
const LANGUAGE_NAME_RE = new RegExp(`${WS}(?:${LANGUAGE_NAMES})${WE}`, 'giu');
/** A proficiency word near a language name: "fluent English", "English: C1", "anglais courant". */
const LANGUAGE_PROFICIENCY_RE = new RegExp(
  `${WS}(?:fluen\\p{L}*|native|spoken|written|speak\\p{L}*|proficien\\p{L}*|command|level|skills|courant|lu|écrit|parlé|professionnel|maîtrise|maitrise|pratique|couramment|parl\\p{L}*|kenntnisse|fließend|verhandlungssicher|beherrschung|sprechen|fluido|nativo|avanzado|hablado|escrito|hablar|nivel|dominio|knowledge|connaissance|conocimientos?|[abc][12])${WE}`,
  'iu',
);
const MAX_LANGUAGE_MENTIONS = 50;
/** An item that is nothing but languages: "Spanish", "English and French", "Inglés / Francés". */
const LANGUAGE_LIST_RE = new RegExp(
  `^(?:${LANGUAGE_NAMES})(?: ?(?:,|/|&|and|or|et|ou|und|oder|y|o) ?(?:${LANGUAGE_NAMES}))*[.!]?$`,
  'iu',
);

function isLanguageRequirement(text: string, s: Scan): boolean {
  if (firstMatch(CUES.languageCore, text, s) >= 0) return true;
  if ((s.bits & CUES.languageName.bit) === 0) return false;
  if (LANGUAGE_LIST_RE.test(text)) return true;
  LANGUAGE_NAME_RE.lastIndex = 0;
  let seen = 0;
  for (
    let m = LANGUAGE_NAME_RE.exec(text);
    m !== null && seen < MAX_LANGUAGE_MENTIONS;
    m = LANGUAGE_NAME_RE.exec(text)
  ) {
    seen++;
    const end = m.index + m[0].length;
    if (/^ ?:/u.test(text.slice(end, end + 2))) return true;
    const window = text.slice(Math.max(0, m.index - 40), end + 40);
    if (LANGUAGE_PROFICIENCY_RE.test(window)) return true;
  }
  return false;
}

const EXPERIENCE_WORD_RE = new RegExp(
  [
    `(?<!(?:user|customer|guest|patient|learning|client|positive|great|candidate|employee) )${WS}(?:experience[ds]?|expertise pratique)${WE}`,
    `${WS}expériences?${WE}(?! (?:utilisateur|client|d'apprentissage|candidat))`,
    `${WS}expérimentée?s?${WE}`,
    `${WS}\\p{L}*erfahrung(?:en)?${WE}`,
    `${WS}erfahren${WE}`,
    `${WS}experiencias?${WE}`,
    `${WS}experimentad[oa]s?${WE}`,
    `${WS}(?:track record|background (?:in|with)|history of|worked (?:as|in|with)|(?:previous|prior)(?! to)|trayectoria|parcours)${WE}`,
  ].join('|'),
  'iu',
);

const PERSONAL_RE = words(
  [
    'detail[- ]oriented',
    'attention to detail',
    'team ?player',
    'teamwork',
    'team-work',
    'work(?:ing)? (?:well )?(?:in|as part of|within) a team',
    'communicat\\p{L}* (?:skills|abilities)',
    'communicat\\p{L}*',
    'communiquer',
    'dedicat(?:ed|ion)',
    'interpersonal',
    '\\p{L}*[- ]?motivated',
    'motivation',
    'self[- ]?starter',
    'proactive',
    'reliable',
    'reliability',
    'dependable',
    'punctual\\p{L}*',
    'organi[sz]ed',
    'organi[sz]ational',
    'enthusias\\p{L}*',
    'passion\\p{L}*',
    'friendly',
    'attitude',
    'work ethic',
    'initiative',
    'independently',
    'autonom\\p{L}*',
    'flexib\\p{L}*',
    'adaptab\\p{L}*',
    'adapt',
    'patience',
    'patient (?:and|with)',
    'empath\\p{L}*',
    'creative',
    'creativity',
    'curious',
    'curiosity',
    'resilien\\p{L}*',
    'integrity',
    'honest\\p{L}*',
    'trustworthy',
    'demeanou?r',
    'energetic',
    '(?<!-)driven',
    'ambitious',
    'outgoing',
    'personable',
    'personality',
    'results[- ]oriented',
    'problem[- ]solving',
    'multi-?task\\p{L}*',
    'time management',
    'prioriti[sz]\\p{L}*',
    'multiple priorities',
    'under pressure',
    'leadership',
    'judge?ment',
    'confident',
    'confidence',
    'sense of (?:humou?r|urgency|ownership|responsibility)',
    'conscientious',
    'hard[- ]?working',
    'eager',
    'willing(?:ness)? to learn',
    'collaborat\\p{L}*',
    'comfortable (?:working|with)',
    'supervision',
    'responsible',
    // French
    'rigoureu(?:x|se)',
    'rigueur',
    'dynamique',
    'motivée?',
    "esprit d'(?:équipe|initiative)",
    'relationnel(?:le)?s?',
    'organisée?',
    'curieu(?:x|se)',
    'ponctuel(?:le)?',
    'sérieu(?:x|se)',
    'bonne humeur',
    'aisance',
    "sens de l'écoute",
    'écoute',
    "capacité d'adaptation",
    'polyvalente?',
    'réacti(?:f|ve)',
    'force de proposition',
    'proacti(?:f|ve)',
    'patience',
    'empathie',
    'créativité',
    'bienveillance',
    'savoir[- ]être',
    'qualités',
    // German
    'teamfähig\\p{L}*',
    'teamgeist',
    'zuverlässig\\p{L}*',
    'selbst(?:st)?ändig\\p{L}*',
    'eigenverantwortlich\\p{L}*',
    'motiviert',
    'kommunikations\\p{L}*',
    'belastbar\\p{L}*',
    'flexibel',
    'flexibilität',
    'sorgfält?ig\\p{L}*',
    'sorgfalt',
    'organisationstalent',
    'eigeninitiative',
    'engagement',
    'strukturiert\\p{L}*',
    'freundlich\\p{L}*',
    'empathie',
    'durchsetzungsvermögen',
    'verantwortungsbewusst\\p{L}*',
    'kundenorientier\\p{L}*',
    'lernbereitschaft',
    // Spanish
    'proactiv[oa]',
    'responsabilidad',
    'trabajo en equipo',
    'capacidad de comunicación',
    'habilidades (?:comunicativas|interpersonales|sociales)',
    'organizad[oa]',
    'motivad[oa]',
    'autonomía',
    'autónom[oa]',
    'dinamismo',
    'dinámic[oa]',
    'iniciativa',
    'puntual(?:idad)?',
    'flexibilidad',
    'empatía',
    'orientación al cliente',
    'don de gentes',
    'actitud',
    'compromiso',
    'resolutiv[oa]',
    'creatividad',
    'atención al detalle',
  ],
  'iu',
);

/** Knowledge of a tool or technique: compared by position with the trait cues. */
const SKILL_RE = words(
  [
    'knowledge',
    'knowledgeable',
    'proficien\\p{L}*',
    'familiar\\p{L}*',
    'understand(?:s|ing)?',
    'expertise',
    'expert',
    'skilled',
    'competen\\p{L}*',
    'hands[- ]on',
    'command of',
    'mastery',
    'literate',
    'literacy',
    'savvy',
    'awareness',
    'grasp',
    // French
    'connaissances?',
    'maîtris\\p{L}*',
    'maitris\\p{L}*',
    'compétences?',
    'compréhension',
    'notions?',
    'savoir',
    'familiarité',
    // German
    'kenntnis(?:se)?',
    '\\p{L}*kenntnisse',
    'umgang mit',
    'versiert',
    'fundierte?',
    'know-how',
    'beherrsch\\p{L}*',
    'vertraut',
    // Spanish
    'conocimientos?',
    'dominio',
    'manejo',
    'competencias?',
    'experto',
    'familiaridad',
  ],
  'iu',
);

/** Abilities and skills in general: a skill only where no trait is named ("Ability to adapt" is personal). */
const ABILITY_RE = words(
  [
    'skills?',
    'abilit(?:y|ies)',
    'able to',
    'capable of',
    'capabilit\\p{L}*',
    'capacity to',
    'capacité à',
    'aptitudes?',
    'fähigkeit\\p{L}*',
    'habilidad(?:es)?',
    'capacidad (?:de|para)',
  ],
  'iu',
);

/**
 * All cue regexes in one lexicon: the first mark a clause or change it before marking (NARROWING_RE
 * needs an adverb); the others tell the category. One scan of an item serves both.
 */
const { lexicon: CUE_LEXICON, cue: CUES } = lexicon({
  optional: OPTIONAL_TEST,
  required: REQUIRED_ALL,
  negated: NEGATED_REQUIRED_RE,
  alternative: ALTERNATIVE_PREFERENCE_RE,
  adverb: new RegExp(`${WS}(?:${NARROWING_ADVERBS})${WE}`, 'iu'),
  optionalAtEnd: OPTIONAL_AT_END,
  physicalLegal: PHYSICAL_LEGAL_RE,
  education: EDUCATION_RE,
  certification: CERTIFICATION_RE,
  languageCore: LANGUAGE_CORE_RE,
  languageName: LANGUAGE_NAME_RE,
  experienceWord: EXPERIENCE_WORD_RE,
  personal: PERSONAL_RE,
  skill: SKILL_RE,
  ability: ABILITY_RE,
});
const ANY_MARKER =
  CUES.optional.bit |
  CUES.required.bit |
  CUES.negated.bit |
  CUES.alternative.bit |
  CUES.adverb.bit |
  CUES.optionalAtEnd.bit;
let lastItem: string | undefined;
let lastItemScan: Scan | undefined;

/** The scan of an item, kept for the next function the item goes to. */
function scanItem(text: string): Scan {
  if (text !== lastItem || lastItemScan === undefined) {
    lastItem = text;
    lastItemScan = scan(text, CUE_LEXICON);
  }
  return lastItemScan;
}

/** Every DEGREE_ABBREVIATION_RE match holds a capital B or M, maybe a dot, then S, A or E. */
const DEGREE_ABBREVIATION_HINT_RE = /[BM]\.?[SAE]/;

/**
 * What kind of requirement. Precedence, first match wins:
 * 1. experience: the item names years of experience (extractYears finds a figure);
 * 2. physical_legal: checks, legal status, driving licence, physical demands, availability,
 *    travel, vaccination (before certification, so "driver's licence" is not a certification);
 * 3. education: degrees, diplomas, school qualifications (before certification and language, so
 *    "GCSEs in English" and "Master's Degree/Certification" are education);
 * 4. certification: certificates, licences, registrations, professional qualifications;
 * 5. language: a named language with a proficiency word, or bilingual / native speaker;
 * 6. experience: experience words without years ("Experience with SQL", "Berufserfahrung");
 * 7. personal or skill, whichever is named first: traits and soft skills (communication, team
 *    player, detail-oriented, motivated) against knowledge, proficiency, familiarity with tools or
 *    techniques ("Familiarity with collaborative tools" is a skill, "Team player with strong SQL
 *    knowledge" personal);
 * 8. skill: the bare "skills" / "ability to" / "capable of" with no trait named;
 * 9. other.
 */
export function categorize(text: string): RequirementCategory {
  const norm = normalize(text);
  const years = extractYears(norm);
  if (years.yearsMin !== null || years.yearsMax !== null) return 'experience';
  const s = scanItem(norm);
  const has = (c: Cue): boolean => firstMatch(c, norm, s) >= 0;
  if (has(CUES.physicalLegal)) return 'physical_legal';
  if (has(CUES.education) || (DEGREE_ABBREVIATION_HINT_RE.test(norm) && DEGREE_ABBREVIATION_RE.test(norm))) {
    return 'education';
  }
  if (has(CUES.certification)) return 'certification';
  if (isLanguageRequirement(norm, s)) return 'language';
  if (has(CUES.experienceWord)) return 'experience';
  const trait = firstMatch(CUES.personal, norm, s);
  const skill = firstMatch(CUES.skill, norm, s);
  if (trait >= 0 && (skill < 0 || trait < skill)) return 'personal';
  if (skill >= 0 || has(CUES.ability)) return 'skill';
  return 'other';
}
