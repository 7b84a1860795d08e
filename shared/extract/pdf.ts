import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { LoadParameters } from 'pdf-parse';
import { AppError, isAppError } from '../errors/app-error';
import { PDF, unreadable } from './format';

export interface PdfLimits {
  maxPages: number;
  timeoutMs: number;
}

/**
 * pdf.js parses in a "worker". In Node it would otherwise use a fake one on the main thread,
 * loaded with `import()`, which Jest's CommonJS sandbox refuses. A real worker thread runs
 * outside the sandbox, and it is what a server wants anyway: a PDF built to make pdf.js spin
 * cannot block the event loop, the time limit can kill it mid-computation, and its heap is capped.
 */
const WORKER_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.src).then(({ WorkerMessageHandler }) => {
  WorkerMessageHandler.initializeFromPort(workerData.port);
  workerData.port.start();
});
`;
/** Beside pdf-parse's own bundle, so its version always matches the API's (pdf.js checks). */
const WORKER_SRC = pathToFileURL(path.join(path.dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs')).href;
const WORKER_HEAP_MB = 512;

type PdfWorker = NonNullable<LoadParameters['worker']>;
type PdfParseModule = typeof import('pdf-parse');

/**
 * pdf-parse (pdf.js and a native canvas) adds about 20 MB to a process: loaded on the first PDF,
 * so the functions that never see one (the re-parse, most uploads) do not carry it.
 */
let pdfParse: PdfParseModule | undefined;
function loadPdfParse(): PdfParseModule {
  pdfParse ??= require('pdf-parse') as PdfParseModule;
  return pdfParse;
}
type PdfWorkerClass = new (options: { port: MessagePort; verbosity: number }) => PdfWorker;

export async function extractPdf(bytes: Uint8Array, limits: PdfLimits): Promise<{ text: string; warnings: string[] }> {
  const { PDFParse } = loadPdfParse();
  const PdfWorker = pdfWorkerClass(PDFParse);
  const { port1, port2 } = new MessageChannel();
  const thread = new Worker(WORKER_BOOTSTRAP, {
    eval: true,
    workerData: { src: WORKER_SRC, port: port2 },
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  port1.start();
  const worker = new PdfWorker({ port: port1, verbosity: 0 });
  const parser = new PDFParse({
    // pdf.js transfers the array to its worker, which would leave the caller's bytes detached.
    data: new Uint8Array(bytes),
    worker,
    verbosity: 0,
    isEvalSupported: false,
  });

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unreadable(PDF, 'TIMEOUT')), limits.timeoutMs);
  });
  const threadDied = new Promise<never>((_, reject) => {
    thread.once('error', (error) => reject(error));
    thread.once('exit', (code) => reject(new Error(`pdf worker exited with code ${code}`)));
  });
  try {
    const result = await Promise.race([
      parser.getText({ first: limits.maxPages, pageJoiner: '' }),
      deadline,
      threadDied,
    ]);
    const warnings = result.total > limits.maxPages ? ['PDF_TRUNCATED_PAGES'] : [];
    const text = result.pages.map((page) => page.text.replace(/[ \t]+$/gm, '')).join('\n\n');
    if (!/[\p{L}\p{N}]/u.test(text)) throw unreadable(PDF, 'NO_TEXT');
    return { text, warnings };
  } catch (error) {
    throw classify(error);
  } finally {
    clearTimeout(timer);
    threadDied.catch(() => {});
    // Not awaited: after a timeout the thread cannot answer, and terminating it frees everything pdf.js held.
    parser.destroy().catch(() => {});
    worker.destroy();
    port1.close();
    await thread.terminate();
  }
}

function classify(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof loadPdfParse().PasswordException || (error as Error)?.name === 'PasswordException') {
    return unreadable(PDF, 'ENCRYPTED', error);
  }
  if ((error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new AppError(
      'INPUT_TOO_LARGE',
      'the PDF needs more memory than it is allowed',
      { format: PDF },
      { cause: error },
    );
  }
  // InvalidPDFException, FormatError, UnknownErrorException and a worker that died all mean the same to the caller.
  return unreadable(PDF, 'CORRUPT', error);
}

/**
 * pdf-parse does not export pdf.js's PDFWorker, but `setWorker` publishes its bundled pdf.js
 * as `globalThis.pdfjs`; the worker must come from that same copy.
 */
function pdfWorkerClass(PDFParse: PdfParseModule['PDFParse']): PdfWorkerClass {
  PDFParse.setWorker();
  const pdfjs = (globalThis as { pdfjs?: { PDFWorker?: PdfWorkerClass } }).pdfjs;
  if (typeof pdfjs?.PDFWorker !== 'function') {
    throw new AppError('INTERNAL', 'pdf-parse no longer exposes pdf.js PDFWorker', { format: PDF });
  }
  return pdfjs.PDFWorker;
}
