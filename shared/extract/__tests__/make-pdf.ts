import { createHash } from 'node:crypto';

/**
 * Builds small, valid PDF 1.4 files in memory for tests, so no binary fixture is checked in.
 * Each page is a list of lines drawn in Helvetica (WinAnsiEncoding), one `Tj` per line moved down
 * with `Td`, which is how most generators lay out text and what pdf.js turns into line breaks.
 */
export type PdfPage = string[] | { image: true } | { empty: true };

export interface MakePdfOptions {
  /**
   * Standard security handler, revision 2 (RC4, 40-bit): the oldest scheme every reader supports and
   * one that needs only MD5 and RC4. An empty user password opens without asking (owner-only
   * restrictions); any other needs that password.
   */
  encrypt?: { userPassword: string; ownerPassword: string };
}

export function makePdf(pages: PdfPage[], options: MakePdfOptions = {}): Uint8Array {
  // Object numbers: 1 catalog, 2 page tree, 3 font, then a page and its content stream per page.
  const objects: Array<{ dict: string; stream?: Buffer }> = [];
  const pageRefs = pages.map((_, i) => `${4 + 2 * i} 0 R`);
  objects.push({ dict: '<< /Type /Catalog /Pages 2 0 R >>' });
  objects.push({ dict: `<< /Type /Pages /Kids [${pageRefs.join(' ')}] /Count ${pages.length} >>` });
  objects.push({ dict: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' });
  pages.forEach((page, i) => {
    objects.push({
      dict: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`,
    });
    objects.push({ dict: '', stream: contentStream(page) });
  });

  const id = createHash('md5').update(JSON.stringify(pages)).digest();
  const security = options.encrypt ? standardSecurity(options.encrypt, id) : undefined;
  const encryptRef = objects.length + 1;

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  const push = (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
  };
  objects.forEach((object, i) => {
    const number = i + 1;
    offsets.push(length);
    if (object.stream) {
      const data = security ? rc4(objectKey(security.key, number), object.stream) : object.stream;
      push(Buffer.from(`${number} 0 obj\n<< /Length ${data.length} >>\nstream\n`, 'latin1'));
      push(data);
      push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    } else {
      push(Buffer.from(`${number} 0 obj\n${object.dict}\nendobj\n`, 'latin1'));
    }
  });
  if (security) {
    offsets.push(length);
    push(
      Buffer.from(
        `${encryptRef} 0 obj\n<< /Filter /Standard /V 1 /R 2 /Length 40 /P ${security.permissions} /O <${security.o.toString('hex')}> /U <${security.u.toString('hex')}> >>\nendobj\n`,
        'latin1',
      ),
    );
  }

  const xrefOffset = length;
  const size = offsets.length + 1;
  const entries = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  const hexId = id.toString('hex');
  const encryptEntry = security ? ` /Encrypt ${encryptRef} 0 R` : '';
  push(
    Buffer.from(
      `xref\n0 ${size}\n0000000000 65535 f \n${entries}trailer\n<< /Size ${size} /Root 1 0 R /ID [<${hexId}> <${hexId}>]${encryptEntry} >>\nstartxref\n${xrefOffset}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(chunks));
}

function contentStream(page: PdfPage): Buffer {
  if ('empty' in page) return Buffer.alloc(0);
  if ('image' in page) {
    // An 8x8 grey inline image: what a scanned page looks like to a text extractor.
    const pixels = Buffer.alloc(64, 0x80);
    return Buffer.concat([
      Buffer.from('q 400 0 0 400 100 300 cm\nBI /W 8 /H 8 /CS /G /BPC 8 ID ', 'latin1'),
      pixels,
      Buffer.from('\nEI Q\n', 'latin1'),
    ]);
  }
  const body = page.map((line, i) => `${i === 0 ? '72 720' : '0 -18'} Td (${pdfString(line)}) Tj`).join('\n');
  return Buffer.from(`BT\n/F1 12 Tf\n${body}\nET\n`, 'latin1');
}

/** WinAnsi bytes for the few non-Latin-1 characters postings use; the rest of Latin-1 maps to itself. */
const WIN_ANSI: Record<string, number> = {
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '€': 0x80,
};

function pdfString(text: string): string {
  let out = '';
  for (const char of text) {
    const code = WIN_ANSI[char] ?? char.codePointAt(0) ?? 0x3f;
    if (char === '(' || char === ')' || char === '\\') out += `\\${char}`;
    else if (code < 0x20 || code > 0x7e) out += `\\${(code > 0xff ? 0x3f : code).toString(8).padStart(3, '0')}`;
    else out += char;
  }
  return out;
}

const PASSWORD_PADDING = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function padPassword(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'latin1'), PASSWORD_PADDING]).subarray(0, 32);
}

/** PDF 1.7 spec, 7.6.3.3-4, algorithms 2, 3 and 4 (revision 2). */
function standardSecurity(passwords: { userPassword: string; ownerPassword: string }, id: Buffer) {
  const permissions = -44; // printing and copying allowed, modification not: typical of "protected" postings
  const ownerKey = createHash('md5').update(padPassword(passwords.ownerPassword)).digest().subarray(0, 5);
  const o = rc4(ownerKey, padPassword(passwords.userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = createHash('md5')
    .update(Buffer.concat([padPassword(passwords.userPassword), o, p, id]))
    .digest()
    .subarray(0, 5);
  const u = rc4(key, PASSWORD_PADDING);
  return { key, o, u, permissions };
}

/** Algorithm 1: each object is encrypted with a key derived from the file key and its number. */
function objectKey(fileKey: Buffer, objectNumber: number): Buffer {
  const salt = Buffer.from([objectNumber & 0xff, (objectNumber >> 8) & 0xff, (objectNumber >> 16) & 0xff, 0, 0]);
  return createHash('md5')
    .update(Buffer.concat([fileKey, salt]))
    .digest()
    .subarray(0, fileKey.length + 5);
}

/** OpenSSL 3 no longer offers RC4 by default, and it is a dozen lines. */
function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let k = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[k] = (data[k] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 0xff] as number);
  }
  return out;
}
