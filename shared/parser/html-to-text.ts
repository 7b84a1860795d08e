import { Tokenizer } from 'htmlparser2';

/**
 * HTML to the parser's plain-text form: one block or list item per line, list items as "• ",
 * headings (h1-h6, or a short block that is wholly bold) as "## ". htmlparser2's tokenizer, not its
 * parser or a DOM: the parser keeps a stack of open elements that it shifts at every tag, which is
 * quadratic on 100,000 unclosed tags; the tokens alone are all this needs, in linear time.
 */

/** Whitespace that `\s+` to a space would change: one but the space, or a space and another. */
const MAY_NEED_SPACES_COLLAPSED = /[^\S ]| \s/;
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'iframe', 'object']);
const BOLD_TAGS = new Set(['b', 'strong']);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** A wholly bold block longer than this is emphasis, not a heading. */
const MAX_BOLD_HEADING_CHARS = 80;

export function htmlToText(html: string): string {
  const lines: string[] = [];
  let block = '';
  let boldChars = 0;
  let boldDepth = 0;
  let skipDepth = 0;
  // Set when an <li> opens and spent by the first line it produces, so <li><p>x</p></li> is one bullet.
  let pendingBullet = false;
  let inListItem = 0;
  let heading = false;

  const flush = () => {
    // Most blocks have single spaces only, which the replace would rewrite one by one to themselves.
    const text = (MAY_NEED_SPACES_COLLAPSED.test(block) ? block.replace(/\s+/g, ' ') : block).trim();
    if (text) {
      const wholeBold = text.length <= MAX_BOLD_HEADING_CHARS && boldChars >= text.replace(/\s+/g, '').length;
      if (pendingBullet) lines.push(`• ${text}`);
      else if (heading || wholeBold) lines.push(`## ${text}`);
      else lines.push(text);
      pendingBullet = false;
    }
    block = '';
    boldChars = 0;
    heading = false;
  };

  const onOpen = (name: string) => {
    if (SKIPPED_TAGS.has(name)) {
      skipDepth += 1;
      return;
    }
    if (name === 'br') {
      // A <br> inside a list item continues the item; elsewhere it ends a line.
      if (inListItem === 0) flush();
      else block += ' ';
      return;
    }
    if (BLOCK_TAGS.has(name)) {
      flush();
      if (name === 'li') {
        pendingBullet = true;
        inListItem += 1;
      }
      if (HEADING_TAGS.has(name)) heading = true;
      return;
    }
    if (BOLD_TAGS.has(name)) boldDepth += 1;
  };
  const onClose = (name: string) => {
    if (SKIPPED_TAGS.has(name)) {
      skipDepth = Math.max(0, skipDepth - 1);
      return;
    }
    if (BOLD_TAGS.has(name)) {
      boldDepth = Math.max(0, boldDepth - 1);
      return;
    }
    if (BLOCK_TAGS.has(name)) {
      flush();
      if (name === 'li') {
        inListItem = Math.max(0, inListItem - 1);
        pendingBullet = false;
      }
    }
  };
  const onText = (text: string) => {
    if (skipDepth > 0) return;
    block += text;
    if (boldDepth > 0) boldChars += text.replace(/\s+/g, '').length;
  };
  const noop = () => {};
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname: (start, end) => onOpen(html.slice(start, end).toLowerCase()),
      onclosetag: (start, end) => onClose(html.slice(start, end).toLowerCase()),
      ontext: (start, end) => onText(html.slice(start, end)),
      ontextentity: (codepoint) => onText(String.fromCodePoint(codepoint)),
      onattribdata: noop,
      onattribentity: noop,
      onattribend: noop,
      onattribname: noop,
      oncdata: noop,
      oncomment: noop,
      ondeclaration: noop,
      onend: noop,
      onopentagend: noop,
      onprocessinginstruction: noop,
      onselfclosingtag: noop,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  flush();
  return lines.join('\n');
}

/** Tags that mark text as HTML rather than plain text that merely mentions a "<". */
const HTML_TAG_PATTERN =
  /<\/?(?:p|br|div|li|ul|ol|span|strong|b|i|em|u|h[1-6]|a|table|tr|td|th|font|section|article|hr|img)\b[^<>]{0,500}>/gi;

/** Counts HTML tags, to tell scraped text with stray markup from real HTML. */
export function countHtmlTags(text: string, limit = 1000): number {
  let count = 0;
  HTML_TAG_PATTERN.lastIndex = 0;
  while (count < limit && HTML_TAG_PATTERN.exec(text)) count += 1;
  return count;
}
