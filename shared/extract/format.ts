import { AppError } from '../errors/app-error';
import { isZipHead, readCentralDirectory } from './zip';

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export type TextFormat = 'text/plain' | 'text/markdown' | 'text/html';
export type SourceFormat = TextFormat | typeof PDF | typeof DOCX;
export const SOURCE_FORMATS: readonly SourceFormat[] = ['text/plain', 'text/markdown', 'text/html', PDF, DOCX];

const DECLARED: Record<string, SourceFormat> = {
  'text/plain': 'text/plain',
  'text/markdown': 'text/markdown',
  'text/x-markdown': 'text/markdown',
  'text/html': 'text/html',
  'application/xhtml+xml': 'text/html',
  'application/pdf': PDF,
  'application/x-pdf': PDF,
  [DOCX]: DOCX,
};

const EXTENSIONS: Record<string, SourceFormat> = {
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
  pdf: PDF,
  docx: DOCX,
};

/** Types that say nothing about the content (browsers send them for unknown extensions): the bytes decide. */
const UNINFORMATIVE = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);
/** A DOCX is a ZIP, and some clients label it by its container. */
const ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed', 'application/x-zip']);

/** Formats recognisable by their first bytes that we cannot read: refused as such rather than decoded as text. */
const FOREIGN_MAGIC: ReadonlyArray<readonly number[]> = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0xd0, 0xcf, 0x11, 0xe0], // OLE2: Word 97-2003 .doc, .xls
  [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
  [0x1f, 0x8b], // gzip
  [0x49, 0x49, 0x2a, 0x00], // TIFF
  [0x4d, 0x4d, 0x00, 0x2a], // TIFF
  [0x52, 0x49, 0x46, 0x46], // RIFF (WebP, WAV, AVI)
];

/** Readers (Acrobat, pdf.js) accept a header anywhere in the first kilobyte: mail gateways and BOMs put bytes before it. */
const PDF_HEADER_WINDOW = 1024;

/**
 * The format to read `head` (the first bytes of the upload, or all of it) as. The declared content
 * type wins, then the file extension, then magic bytes; a declared PDF or DOCX whose bytes say
 * otherwise is refused here, before anything is parsed. A DOCX is only confirmed as one (its
 * word/document.xml) when `head` holds the whole file; extraction checks again.
 */
export function resolveFormat(
  contentType: string | undefined,
  fileName: string | undefined,
  head: Uint8Array,
): SourceFormat {
  const mediaType = mediaTypeOf(contentType);
  const extension = extensionOf(fileName);
  const byExtension = extension === undefined ? undefined : EXTENSIONS[extension];
  const declared = DECLARED[mediaType];

  if (declared !== undefined) {
    // Browsers and OSes often send text/plain for .md, which loses the headings and lists Markdown marks.
    if (declared === 'text/plain' && byExtension === 'text/markdown') return checked('text/markdown', head);
    return checked(declared, head);
  }
  if (ZIP_TYPES.has(mediaType)) {
    if (isZipHead(head) && hasWordDocument(head) !== false) return DOCX;
    throw unsupported(contentType, fileName);
  }
  if (!UNINFORMATIVE.has(mediaType)) throw unsupported(contentType, fileName);

  if (byExtension !== undefined) return checked(byExtension, head);
  const sniffed = sniff(head);
  if (sniffed === PDF || sniffed === DOCX) return sniffed;
  // An extension we do not know (.doc, .png, .rtf) is a format we do not read, even if it happens to decode.
  if (extension !== undefined || sniffed === undefined) throw unsupported(contentType, fileName);
  return sniffed;
}

export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/** The charset parameter of a content type, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}

export function hasPdfHeader(head: Uint8Array): boolean {
  const window = head.subarray(0, PDF_HEADER_WINDOW + 5);
  for (let i = window.indexOf(0x25); i >= 0 && i + 5 <= window.length; i = window.indexOf(0x25, i + 1)) {
    if (window[i + 1] === 0x50 && window[i + 2] === 0x44 && window[i + 3] === 0x46 && window[i + 4] === 0x2d)
      return true;
  }
  return false;
}

/**
 * Whether the ZIP holds word/document.xml: true or false from the central directory when `head`
 * reaches the end of the file, otherwise from the names in the local headers within it, or
 * undefined when it cannot tell.
 */
export function hasWordDocument(head: Uint8Array): boolean | undefined {
  const entries = readCentralDirectory(head);
  if (entries !== undefined) return entries.some((entry) => entry.name === 'word/document.xml');
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).includes('word/document.xml') ? true : undefined;
}

function checked(format: SourceFormat, head: Uint8Array): SourceFormat {
  if (format === PDF && !hasPdfHeader(head)) throw unreadable(format, 'NOT_A_PDF');
  if (format === DOCX && (!isZipHead(head) || hasWordDocument(head) === false)) throw unreadable(format, 'NOT_A_DOCX');
  return format;
}

function sniff(head: Uint8Array): SourceFormat | undefined {
  if (hasPdfHeader(head)) return PDF;
  if (isZipHead(head)) return hasWordDocument(head) === true ? DOCX : undefined;
  if (FOREIGN_MAGIC.some((magic) => magic.every((byte, i) => head[i] === byte))) return undefined;
  const start = new TextDecoder('latin1').decode(head.subarray(0, 512)).trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') ? 'text/html' : 'text/plain';
}

function extensionOf(fileName: string | undefined): string | undefined {
  const base = (fileName ?? '').split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return undefined;
  return base.slice(dot + 1).toLowerCase();
}

function unsupported(contentType: string | undefined, fileName: string | undefined): AppError {
  return new AppError('UNSUPPORTED_CONTENT_TYPE', 'this kind of document cannot be read', {
    contentType: contentType ?? null,
    fileName: fileName ?? null,
    supported: SOURCE_FORMATS,
  });
}

export type UnreadableReason = 'NOT_A_PDF' | 'NOT_A_DOCX' | 'CORRUPT' | 'ENCRYPTED' | 'NO_TEXT' | 'TIMEOUT';

export function unreadable(format: SourceFormat, reason: UnreadableReason, cause?: unknown): AppError {
  const what = format === PDF ? 'PDF' : 'Word document';
  return new AppError(
    'DOCUMENT_UNREADABLE',
    `the ${what} cannot be read: ${reason.toLowerCase().replace(/_/g, ' ')}`,
    { format, reason },
    cause === undefined ? undefined : { cause },
  );
}
