/**
 * JavaScript's `\b` knows only ASCII word characters, so /\bÜber uns\b/ never matches and
 * /souhaité\b/ fails before a space. Rather than slow Unicode-aware boundaries, cue patterns and
 * the texts they test are both folded to base letters ("Über" -> "Uber", "souhaité" -> "souhaite"),
 * where the native `\b` is right for every Latin script.
 */
const COMBINING_MARKS = /\p{M}+/gu;
/**
 * A character that folding may change. Past ASCII, these blocks have no canonical decomposition
 * and no mark (Latin-1 signs, general punctuation, currency, shapes, dingbats: checked in the
 * tests), so a text of them only folds to itself. Without the `u` flag: code units, faster.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII.
const MAY_FOLD = /[^\u0000-\u007f\u00a0-\u00bf\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u25a0-\u25ff\u2600-\u27bf]/;

export function foldDiacritics(text: string): string {
  if (!MAY_FOLD.test(text)) return text;
  // Split and joined rather than replaced: replace builds its result by concatenation, and the
  // character loops that read folded text (the literal gate's scan) run several times slower for
  // good once they have met such an unflattened string.
  return text.normalize('NFD').split(COMBINING_MARKS).join('');
}

/**
 * The same pattern with its literal letters folded: test it against `foldDiacritics(text)`.
 * The `u` flag is dropped where the pattern does not need it (no \p{…}, nothing outside the BMP):
 * V8 runs case-insensitive matching about twice as fast without it.
 */
export function folded(pattern: RegExp): RegExp {
  let source = foldDiacritics(pattern.source);
  // Case-insensitive patterns cannot tell \p{Lu} from \p{Ll} anyway; on folded (Latin) text, ASCII
  // letter classes mean the same and let the pattern run without the slow `u` flag.
  if (pattern.flags.includes('i')) source = asciiLetterClasses(source);
  const needsUnicode = /\\[pP]\{|\\u\{|[\uD800-\uDFFF]/.test(source);
  const flags = needsUnicode ? pattern.flags : pattern.flags.replace('u', '');
  return source === pattern.source && flags === pattern.flags ? pattern : new RegExp(source, flags);
}

/** \p{L}, \p{Lu}, \p{Ll} and \p{N} as ASCII ranges, inside a character class or standing alone. */
function asciiLetterClasses(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i] as string;
    if (ch === '\\') {
      const property = /^\\p\{(L[ul]?|N)\}/.exec(source.slice(i, i + 6));
      if (property) {
        const range = property[1] === 'N' ? '0-9' : 'A-Za-z';
        out += inClass ? range : `[${range}]`;
        i += property[0].length - 1;
        continue;
      }
      out += source.slice(i, i + 2);
      i += 1;
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    out += ch;
  }
  return out;
}

/** The top-level alternatives of a regex source. */
function splitAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

const PLAIN_WORD = /^[A-Za-z0-9' -]+$/;

/** ASCII letters and digits, space, "'" and '-'. */
function isPlainChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    ch.length === 1 &&
    ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 32 || c === 39 || c === 45)
  );
}
const MAX_WORDS = 256;

/** The strings an alternation of plain words matches ("analy[sz]e|act(?:ion)?"), or null when it has other syntax. */
export function alternationWords(source: string): string[] | null {
  const out: string[] = [];
  for (const alternative of splitAlternatives(source)) {
    const strings = expandWords(alternative);
    if (strings === null) return null;
    out.push(...strings);
  }
  return [...new Set(out)];
}

/** The strings a simple alternative matches, or null when it is not simple (or too many). */
function expandWords(source: string): string[] | null {
  if (PLAIN_WORD.test(source)) return [source];
  let out: string[] = [''];
  let i = 0;
  while (i < source.length) {
    let atom: string[];
    const ch = source[i] as string;
    if (ch === '(') {
      if (!source.startsWith('(?:', i)) return null;
      let depth = 0;
      let j = i;
      for (; j < source.length; j++) {
        if (source[j] === '\\' || source[j] === '[') return null;
        if (source[j] === '(') depth++;
        else if (source[j] === ')' && --depth === 0) break;
      }
      if (j >= source.length) return null;
      const inner: string[] = [];
      for (const alternative of splitAlternatives(source.slice(i + 3, j))) {
        const strings = expandWords(alternative);
        if (strings === null) return null;
        inner.push(...strings);
      }
      atom = inner;
      i = j + 1;
    } else if (ch === '[') {
      const j = source.indexOf(']', i);
      const members = [...source.slice(i + 1, j)];
      // Plain members only; a '-' only first or last (not a range).
      if (j < 0 || members.length === 0 || !members.every(isPlainChar)) return null;
      if (members.slice(1, -1).includes('-')) return null;
      atom = members;
      i = j + 1;
    } else if (isPlainChar(ch)) {
      atom = [ch];
      i++;
    } else return null;
    if (source[i] === '?') {
      atom = ['', ...atom];
      i++;
    }
    if (/^[*+{?]/.test(source[i] ?? '')) return null;
    if (out.length * atom.length > MAX_WORDS * 4) return null;
    out = out.flatMap((prefix) => atom.map((a) => prefix + a));
  }
  return [...new Set(out)];
}

/** Whether a UTF-16 code unit is white space as `\s`, `trim` and `split(/\s+/)` see it. */
export function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
