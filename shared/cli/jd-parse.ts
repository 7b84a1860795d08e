/**
 * jd-parse FILE... [--out DIR] [--type CONTENT_TYPE] [--compact]
 *
 * Parses job descriptions from files. With --out, writes DIR/<name>.json per input; without it,
 * prints the result as JSON (one file) or one JSON object per line ({"file", "result"}, several).
 * A file that cannot be read or parsed gets a one-line error on stderr naming it; the other files
 * are still processed, and the exit code is 1.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, isAppError } from '../errors/app-error';
import { CONTENT_TYPES, type ContentType, parseJobDescription } from '../parser';

const BY_EXTENSION: Record<string, ContentType> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
};
/** Formats the upload endpoint will extract text from; the CLI names them rather than guessing. */
const NOT_YET = new Set(['.pdf', '.docx', '.doc']);

const USAGE = 'usage: jd-parse FILE... [--out DIR] [--type text/plain|text/markdown|text/html] [--compact]';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export function contentTypeOf(file: string, forced?: string): ContentType {
  if (forced !== undefined) {
    if ((CONTENT_TYPES as readonly string[]).includes(forced)) return forced as ContentType;
    throw new AppError('UNSUPPORTED_CONTENT_TYPE', `unsupported --type ${forced}`);
  }
  const ext = extname(file).toLowerCase();
  const type = BY_EXTENSION[ext];
  if (type) return type;
  if (NOT_YET.has(ext)) {
    throw new AppError('UNSUPPORTED_CONTENT_TYPE', `${ext} files need text extraction, which the CLI does not do yet`);
  }
  throw new AppError('UNSUPPORTED_CONTENT_TYPE', `unknown file type "${ext || '(none)'}"; pass --type`);
}

/** UTF-8 by default; a UTF-16 byte-order mark is honoured. Invalid bytes become U+FFFD, never an exception. */
export function decodeFile(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

export function runCli(argv: string[], io: CliIo): number {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    io.stderr(`jd-parse: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) {
    io.stderr(`jd-parse: no input files\n${USAGE}\n`);
    return 2;
  }
  if (values.out) mkdirSync(values.out, { recursive: true });
  const indent = values.compact ? undefined : 2;
  let failures = 0;
  for (const file of positionals) {
    try {
      const contentType = contentTypeOf(file, values.type);
      const text = decodeFile(readFileSync(file));
      const result = parseJobDescription({ text, contentType });
      if (values.out) {
        const name = basename(file, extname(file));
        writeFileSync(join(values.out, `${name}.json`), `${JSON.stringify(result, null, indent)}\n`);
      } else if (positionals.length === 1) {
        io.stdout(`${JSON.stringify(result, null, indent)}\n`);
      } else {
        io.stdout(`${JSON.stringify({ file, result })}\n`);
      }
    } catch (error) {
      failures += 1;
      io.stderr(`jd-parse: ${file}: ${describe(error)}\n`);
    }
  }
  return failures > 0 ? 1 : 0;
}

function parseCliArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      type: { type: 'string', short: 't' },
      compact: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function describe(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (typeof code === 'string') return `${code}: ${(error as Error).message.split('\n')[0]}`;
  return `INTERNAL: ${error instanceof Error ? error.message : String(error)}`;
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  });
}
