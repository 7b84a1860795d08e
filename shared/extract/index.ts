import { createLimiter } from '../concurrency/limiter';
import { AppError } from '../errors/app-error';
import { MAX_INPUT_CHARS } from '../parser';
import { decodeText } from './decode';
import { extractDocx, MAX_DOCX_XML_BYTES } from './docx';
import { charsetOf, DOCX, PDF, resolveFormat, type SourceFormat, type TextFormat } from './format';
import { extractPdf } from './pdf';

export { DOCX, PDF, resolveFormat, SOURCE_FORMATS, type SourceFormat, type TextFormat } from './format';

export interface ExtractInput {
  bytes: Uint8Array;
  contentType?: string;
  fileName?: string;
}

export interface Extracted {
  /** What the parser gets. */
  text: string;
  /** How the parser should read `text`. */
  contentType: TextFormat;
  /** What was received. */
  sourceFormat: SourceFormat;
  /** E.g. PDF_TRUNCATED_PAGES, DECODED_AS_WINDOWS_1252. */
  warnings: string[];
}

export interface ExtractLimits {
  maxPdfPages?: number;
  timeoutMs?: number;
  maxOutputChars?: number;
}

export const DEFAULT_LIMITS = {
  maxPdfPages: 50,
  timeoutMs: 10_000,
  maxOutputChars: MAX_INPUT_CHARS,
} as const satisfies Required<ExtractLimits>;

/**
 * An uploaded document's bytes as text for `parseJobDescription`. Throws only AppError:
 * INPUT_EMPTY, INPUT_BINARY, INPUT_TOO_LARGE, UNSUPPORTED_CONTENT_TYPE, or DOCUMENT_UNREADABLE
 * with `details.reason` NOT_A_PDF, NOT_A_DOCX, CORRUPT, ENCRYPTED, NO_TEXT or TIMEOUT.
 */
export async function extractText(input: ExtractInput, limits: ExtractLimits = {}): Promise<Extracted> {
  const { bytes, contentType, fileName } = input;
  const maxOutputChars = limits.maxOutputChars ?? DEFAULT_LIMITS.maxOutputChars;
  const timeoutMs = limits.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
  if (!(bytes instanceof Uint8Array)) throw new AppError('INVALID_INPUT', 'input.bytes must be a Uint8Array');
  if (bytes.length === 0) throw new AppError('INPUT_EMPTY', 'the document is empty', { length: 0 });

  const sourceFormat = resolveFormat(contentType, fileName, bytes);
  let extracted: Omit<Extracted, 'sourceFormat'>;
  if (sourceFormat === PDF) {
    const maxPages = limits.maxPdfPages ?? DEFAULT_LIMITS.maxPdfPages;
    extracted = { contentType: 'text/plain', ...(await heavy(() => extractPdf(bytes, { maxPages, timeoutMs }))) };
  } else if (sourceFormat === DOCX) {
    const docx = await heavy(() => extractDocx(bytes, { timeoutMs, maxXmlBytes: MAX_DOCX_XML_BYTES }));
    if (!/[\p{L}\p{N}]/u.test(docx.text.replace(/<[^>]*>|&[#\w]+;/g, ' ')))
      throw new AppError('INPUT_EMPTY', 'the Word document has no text');
    extracted = { contentType: 'text/html', ...docx };
  } else {
    // Every character takes at least one byte in every encoding we decode, and UTF-16 at least two.
    if (bytes.length > maxOutputChars * 4) throw tooLarge(Math.ceil(bytes.length / 4), maxOutputChars);
    extracted = {
      contentType: sourceFormat,
      ...decodeText(bytes, charsetOf(contentType), sourceFormat === 'text/html'),
    };
  }
  if (extracted.text.length > maxOutputChars) throw tooLarge(extracted.text.length, maxOutputChars);
  return { ...extracted, sourceFormat };
}

/**
 * PDF and Word extractions each run in a worker thread with up to 512 MB of heap: at most this many
 * at once per process, so a burst of uploads on one instance queues instead of exhausting memory.
 */
export const MAX_CONCURRENT_FILE_EXTRACTIONS = 2;
const fileExtractions = createLimiter(MAX_CONCURRENT_FILE_EXTRACTIONS);
const heavy = <T>(work: () => Promise<T>): Promise<T> => fileExtractions.run(work);

/** PDF and Word extractions running now (for tests and monitoring). */
export function fileExtractionsRunning(): number {
  return fileExtractions.running();
}

function tooLarge(length: number, limit: number): AppError {
  return new AppError('INPUT_TOO_LARGE', `the document is longer than the limit of ${limit} characters`, {
    length,
    limit,
  });
}
