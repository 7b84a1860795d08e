import { TextDecoder } from 'node:util';
import { AppError } from '../errors/app-error';

export interface Decoded {
  text: string;
  warnings: string[];
}

/**
 * Bytes of a text upload to a string. A byte-order mark wins (as in browsers: it is in the bytes,
 * the label is not), then the declared charset (or an HTML <meta charset>), then UTF-8; bytes
 * that are not UTF-8 are taken as windows-1252, what undeclared non-UTF-8 text from Windows and
 * old CMSs almost always is.
 */
export function decodeText(bytes: Uint8Array, declaredCharset: string | undefined, html: boolean): Decoded {
  const warnings: string[] = [];
  const text = decode(bytes, declaredCharset, html, warnings);
  if (!/\S/.test(text)) throw new AppError('INPUT_EMPTY', 'the document has no text', { length: bytes.length });
  return { text, warnings };
}

function decode(bytes: Uint8Array, declaredCharset: string | undefined, html: boolean, warnings: string[]): string {
  const bom = bomEncoding(bytes);
  if (bom !== undefined) return new TextDecoder(bom).decode(bytes);

  const label = declaredCharset ?? (html ? metaCharset(bytes) : undefined);
  const declared = label === undefined ? undefined : decoderFor(label);
  if (label !== undefined && declared === undefined) warnings.push('UNKNOWN_CHARSET');
  if (declared !== undefined && declared.encoding !== 'utf-8') {
    if (declared.encoding.startsWith('utf-16')) return declared.decode(bytes);
    return refuseNul(declared.decode(bytes));
  }

  if (bytes.includes(0)) {
    const utf16 = bomlessUtf16(bytes);
    if (utf16 === undefined) throw binary(bytes);
    warnings.push('DECODED_AS_UTF16_WITHOUT_BOM');
    return new TextDecoder(utf16).decode(bytes);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // A declared UTF-8 is kept (a stray bad byte should not turn every accent into mojibake);
    // an undeclared one was only our guess.
    if (declared !== undefined) {
      warnings.push('INVALID_UTF8_REPLACED');
      return new TextDecoder('utf-8').decode(bytes);
    }
    warnings.push('DECODED_AS_WINDOWS_1252');
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return undefined;
  }
}

/** The HTML spec's prescan, simplified: a charset in a <meta> within the first kilobyte. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
  return /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
}

/**
 * UTF-16 saved without a BOM (some exporters do): mostly-ASCII text has a NUL in every other byte
 * and almost none in the others. Binary data has NULs scattered on both sides.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, 4096);
  if (sample.length < 4 || sample.length % 2 !== 0) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNuls++;
    if (sample[i + 1] === 0) oddNuls++;
  }
  const pairs = sample.length / 2;
  if (oddNuls >= pairs * 0.7 && evenNuls === 0) return 'utf-16le';
  if (evenNuls >= pairs * 0.7 && oddNuls === 0) return 'utf-16be';
  return undefined;
}

function refuseNul(text: string): string {
  if (text.includes('\u0000')) throw binary(undefined);
  return text;
}

function binary(bytes: Uint8Array | undefined): AppError {
  return new AppError('INPUT_BINARY', 'the document is binary data, not text', {
    firstNulAt: bytes?.indexOf(0) ?? null,
  });
}
