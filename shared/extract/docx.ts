import { Worker } from 'node:worker_threads';
import { AppError, isAppError } from '../errors/app-error';
import { DOCX, unreadable } from './format';
import { readCentralDirectory, readEntry, ZipEntryTooLarge } from './zip';

export interface DocxLimits {
  timeoutMs: number;
  /** Uncompressed bytes of all XML parts together: what mammoth parses into a DOM. */
  maxXmlBytes: number;
}

/**
 * Measured: mammoth takes about a second and 80-90 MB of memory per MB of document.xml, so 10 MB
 * is already past what the time limit and the thread's heap allow; a real posting is well under 1 MB.
 */
export const MAX_DOCX_XML_BYTES = 10 * 1024 * 1024;
const WORKER_HEAP_MB = 512;
const MAMMOTH = require.resolve('mammoth');

/**
 * mammoth works synchronously for seconds on a large document, so on the main thread it would
 * block the event loop and a time limit could not interrupt it. In a worker thread the limit
 * terminates it and its heap is capped.
 *
 * HTML, not raw text: mammoth's raw text drops the list markers, so bullet items become bare
 * paragraphs and the parser no longer knows they are items (a posting with a heading and four
 * bullets lost one requirement as raw text and none as HTML). The HTML keeps <h1>..<h6>, <ul>/<ol>
 * and <li>, which the parser's HTML path turns into headings and list items. Images are dropped
 * rather than inlined as base64 data: URIs, megabytes the parser has no use for.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const mammoth = require(workerData.mammoth);
mammoth
  .convertToHtml(
    { buffer: Buffer.from(workerData.bytes) },
    { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), externalFileAccess: false },
  )
  .then(
    (result) => parentPort.postMessage({ html: result.value }),
    (error) => parentPort.postMessage({ error: String((error && error.message) || error) }),
  );
`;

export async function extractDocx(
  bytes: Uint8Array,
  limits: DocxLimits,
): Promise<{ text: string; warnings: string[] }> {
  guardAgainstZipBomb(bytes, limits.maxXmlBytes);
  const thread = new Worker(WORKER_CODE, {
    eval: true,
    workerData: { mammoth: MAMMOTH, bytes },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const html = await new Promise<string>((resolve, reject) => {
      timer = setTimeout(() => reject(unreadable(DOCX, 'TIMEOUT')), limits.timeoutMs);
      thread.once('message', (message: { html?: string; error?: string }) =>
        typeof message.html === 'string' ? resolve(message.html) : reject(new Error(message.error)),
      );
      thread.once('error', reject);
      thread.once('exit', (code) => reject(new Error(`mammoth worker exited with code ${code}`)));
    });
    return { text: html, warnings: [] };
  } catch (error) {
    if (isAppError(error)) throw error;
    if ((error as { code?: unknown })?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      throw new AppError('INPUT_TOO_LARGE', 'the Word document needs more memory than it is allowed', { format: DOCX });
    }
    throw unreadable(DOCX, 'CORRUPT', error);
  } finally {
    clearTimeout(timer);
    await thread.terminate();
  }
}

/**
 * Refuses a DOCX whose XML would inflate past the limit, by the sizes the central directory
 * declares and then by actually inflating each part with a cap, since a declared size can lie.
 * Media (images, embedded files) is never read, so it is not counted.
 */
function guardAgainstZipBomb(bytes: Uint8Array, maxXmlBytes: number): void {
  const entries = readCentralDirectory(bytes);
  if (entries === undefined) throw unreadable(DOCX, 'CORRUPT');
  if (!entries.some((entry) => entry.name === 'word/document.xml')) throw unreadable(DOCX, 'NOT_A_DOCX');
  const xml = entries.filter((entry) => /\.(xml|rels)$/i.test(entry.name));
  const declared = xml.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > maxXmlBytes) throw tooLarge(declared, maxXmlBytes);
  let budget = maxXmlBytes;
  for (const entry of xml) {
    try {
      budget -= readEntry(bytes, entry, budget).length;
    } catch (error) {
      if (error instanceof ZipEntryTooLarge) throw tooLarge(undefined, maxXmlBytes);
      throw unreadable(DOCX, 'CORRUPT', error);
    }
  }
}

function tooLarge(declared: number | undefined, limit: number): AppError {
  return new AppError('INPUT_TOO_LARGE', `the Word document's XML is larger than ${limit} bytes uncompressed`, {
    format: DOCX,
    uncompressedBytes: declared ?? null,
    limit,
  });
}
