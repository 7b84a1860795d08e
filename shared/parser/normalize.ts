import { decodeHTML } from 'entities';
import { countHtmlTags, htmlToText } from './html-to-text';
import type { ContentType } from './types';

/**
 * The normalized text is what every offset in a parse result points into: a pure function of the
 * input and the parser version, so a UI can rebuild it with `normalize()` and highlight evidence.
 */
export interface Normalized {
  text: string;
  /** What had to be repaired, for the result's warnings. */
  repairs: Set<'mojibake' | 'markup' | 'control' | 'binary'>;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_OR_REPLACEMENT = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g;

/** What the space replacements in `normalize` replace or remove. */
const ODD_SPACE = /[\t\u00a0\u00ad\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000]/;

/** Plain text with at least this many HTML tags is HTML that lost its content type. */
const STRAY_HTML_TAG_THRESHOLD = 3;

export function normalize(input: string, contentType: ContentType): Normalized {
  const repairs: Normalized['repairs'] = new Set();
  // Most texts need none of the repairs: one search rules them all out.
  let text = MAY_NEED_REPAIR.test(input) ? repair(input, repairs) : withoutBom(input);

  if (contentType === 'text/html') {
    text = htmlToText(text);
  } else if (countHtmlTags(text, STRAY_HTML_TAG_THRESHOLD) >= STRAY_HTML_TAG_THRESHOLD) {
    repairs.add('markup');
    text = htmlToText(text.replace(/\n{2,}/g, '<p>').replace(/\n/g, '<br>'));
  } else {
    const decoded = decodeEntities(text);
    if (decoded !== text) repairs.add('markup');
    text = decoded;
  }

  if (contentType !== 'text/html') text = boldRunsToHeadings(text);
  text = text.normalize('NFKC');
  // Most texts have none of these: one search rules out the three replacements.
  if (ODD_SPACE.test(text)) {
    text = text
      .replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
      .replace(/[\u200b-\u200d\u2060\u00ad]/g, '')
      .replace(/\u2028|\u2029/g, '\n');
  }
  // Per line: collapse runs of spaces, trim; at most one blank line in a row (paragraph breaks matter).
  const lines = text.split('\n').map((line) => (line.includes('  ') ? line.replace(/ {2,}/g, ' ') : line).trim());
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return { text: kept.join('\n'), repairs };
}

/**
 * What `repair` acts on: lone surrogates, a carriage return, control characters, replacement
 * marks, and the Latin-1 letters that start mojibake.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const MAY_NEED_REPAIR = /[\u0000-\u0008\u000d-\u001f\u007f\u00c2-\u00f4\ud800-\udfff\ufffd]/;

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Well-formed UTF-16, no byte-order mark, \n line ends, no control characters, no mojibake. */
function repair(input: string, repairs: Normalized['repairs']): string {
  let text = withoutBom(input.toWellFormed());
  text = text.replace(/\r\n?/g, '\n');

  const controls = countMatches(text, CONTROL_OR_REPLACEMENT, text.length);
  if (controls > 0) {
    // Mostly control characters or replacement marks: binary that was decoded as text.
    if (controls > 16 && controls / Math.max(1, text.length) > 0.1) repairs.add('binary');
    else repairs.add('control');
    text = text.replace(CONTROL, ' ');
  }

  const fixed = repairMojibake(text);
  if (fixed !== text) {
    repairs.add('mojibake');
    text = fixed;
  }
  return text;
}

/**
 * Markdown bold that stands alone ("**Your Role**Quantum…", a line "**Benefits**") is a heading in
 * scraped postings; bold inside a sentence ("have **5 years** of") is only emphasis and is unwrapped.
 */
function boldRunsToHeadings(text: string): string {
  if (!text.includes('**')) return text;
  return text.replace(/\*{1,2}_?([^*\n]{2,80}?)_?\*\*(?!\*)/g, (_run, inner: string, at: number, whole: string) => {
    const after = whole.slice(at + _run.length, at + _run.length + 2);
    const before = at > 0 ? (whole[at - 1] as string) : '\n';
    const standsAlone = !/^\s?[a-z,;]/.test(after) && (/[\n.!?:)]/.test(before) || /[a-z]/.test(before) || at === 0);
    const content = inner.replace(/_/g, ' ').trim();
    if (standsAlone && content.split(/\s+/).length <= 8 && !/[.!?]$/.test(content)) return `\n## ${content}\n`;
    return inner;
  });
}

function countMatches(text: string, pattern: RegExp, limit: number): number {
  let count = 0;
  pattern.lastIndex = 0;
  while (count < limit && pattern.exec(text)) count += 1;
  return count;
}

/** Entities in plain text (scraped fields keep "&amp;", "&#39;"): decoded, but only well-formed ones. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi, (entity) => decodeHTML(entity));
}

// Windows-1252 bytes 0x80-0x9f, which UTF-8 text misread as cp1252 turns into these characters.
const CP1252_HIGH: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};
const CONTINUATION = '[\\u0080-\\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]';
// A UTF-8 lead byte (as a Latin-1 character) followed by the continuation bytes it announces.
const MOJIBAKE = new RegExp(
  `[\\u00c2-\\u00df]${CONTINUATION}|[\\u00e0-\\u00ef]${CONTINUATION}{2}|[\\u00f0-\\u00f4]${CONTINUATION}{3}`,
  'g',
);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Repairs UTF-8 text that was decoded as Windows-1252 or Latin-1 ("â€™" back to "’", "Ã©" to "é"). */
export function repairMojibake(text: string): string {
  if (!/[\u00c2-\u00f4]/.test(text)) return text;
  return text.replace(MOJIBAKE, (run) => {
    const bytes = new Uint8Array(run.length);
    for (let i = 0; i < run.length; i += 1) {
      const ch = run[i] as string;
      const code = ch.charCodeAt(0);
      bytes[i] = code <= 0xff ? code : (CP1252_HIGH[ch] ?? 0);
    }
    try {
      return utf8.decode(bytes);
    } catch {
      return run;
    }
  });
}
