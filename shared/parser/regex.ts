/**
 * JavaScript's `\b` knows only ASCII word characters, so /\bÜber uns\b/ never matches and
 * /souhaité\b/ fails before a space. Rather than slow Unicode-aware boundaries, cue patterns and
 * the texts they test are both folded to base letters ("Über" -> "Uber", "souhaité" -> "souhaite"),
 * where the native `\b` is right for every Latin script.
 */
const COMBINING_MARKS = /\p{M}+/gu;
// A code unit past ASCII, without the `u` flag (faster): a string has one exactly when it has a
// code point past ASCII.
const HAS_NON_ASCII = /[\u0080-\uffff]/;

export function foldDiacritics(text: string): string {
  if (!HAS_NON_ASCII.test(text)) return text;
  return text.normalize('NFD').replace(COMBINING_MARKS, '');
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
