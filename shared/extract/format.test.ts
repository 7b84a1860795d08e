import { appErrorOf } from './__tests__/app-error-of';
import { makeDocx, makeZip } from './__tests__/make-docx';
import { makePdf } from './__tests__/make-pdf';
import { DOCX, PDF, resolveFormat } from './format';

const bytes = (text: string) => new TextEncoder().encode(text);
const pdf = makePdf([['Hello']]);
let docx: Uint8Array;
let zip: Uint8Array;

beforeAll(async () => {
  docx = await makeDocx([{ paragraph: 'Hello' }]);
  zip = await makeZip({ 'notes.txt': 'not a word document' });
});

describe('resolveFormat', () => {
  test.each([
    ['text/plain; charset=utf-8', undefined, 'text/plain'],
    ['TEXT/HTML;charset=ISO-8859-1', 'x.txt', 'text/html'],
    ['text/x-markdown', undefined, 'text/markdown'],
    ['text/plain', 'posting.md', 'text/markdown'],
    ['application/xhtml+xml', undefined, 'text/html'],
    [undefined, 'posting.TXT', 'text/plain'],
    ['application/octet-stream', 'posting.markdown', 'text/markdown'],
    ['', 'job.htm', 'text/html'],
    [undefined, undefined, 'text/plain'],
  ])('when the type is %p and the name %p, then the format is %p', async (contentType, fileName, expected) => {
    expect(resolveFormat(contentType, fileName, bytes('Senior engineer'))).toBe(expected);
  });

  test('when nothing is declared and the text starts like an HTML page, then it is read as HTML', async () => {
    expect(resolveFormat(undefined, undefined, bytes('  <!DOCTYPE html><p>x</p>'))).toBe('text/html');
  });

  test.each([
    ['application/pdf', 'a.pdf'],
    ['application/octet-stream', 'a.pdf'],
    [undefined, undefined],
    ['application/octet-stream', 'posting'],
  ])('when the bytes are a PDF with type %p and name %p, then the format is PDF', async (contentType, fileName) => {
    expect(resolveFormat(contentType, fileName, pdf)).toBe(PDF);
  });

  test('when a PDF header follows a BOM and whitespace, then it is still a PDF', async () => {
    const prefixed = new Uint8Array([0xef, 0xbb, 0xbf, 0x0d, 0x0a, 0x20, ...pdf]);
    expect(resolveFormat('application/pdf', undefined, prefixed)).toBe(PDF);
  });

  test('when the PDF header starts after the first kilobyte, then it is not a PDF', async () => {
    const prefixed = new Uint8Array([...new Uint8Array(1100).fill(0x20), ...pdf]);
    expect(await appErrorOf(() => resolveFormat('application/pdf', undefined, prefixed))).toEqual({
      code: 'DOCUMENT_UNREADABLE',
      details: { format: PDF, reason: 'NOT_A_PDF' },
    });
  });

  test.each([
    [DOCX, 'a.docx'],
    ['application/zip', 'a.zip'],
    ['application/octet-stream', 'a.docx'],
    [undefined, undefined],
  ])('when the bytes are a DOCX with type %p and name %p, then the format is DOCX', async (contentType, fileName) => {
    expect(resolveFormat(contentType, fileName, docx)).toBe(DOCX);
  });

  test.each([
    ['application/pdf', undefined, 'garbage', 'NOT_A_PDF'],
    ['application/octet-stream', 'posting.pdf', 'garbage', 'NOT_A_PDF'],
    [undefined, 'posting.pdf', 'docx', 'NOT_A_PDF'],
    [DOCX, undefined, 'garbage', 'NOT_A_DOCX'],
    [DOCX, 'a.docx', 'pdf', 'NOT_A_DOCX'],
    [undefined, 'a.docx', 'zip', 'NOT_A_DOCX'],
  ])('when %p named %p holds %p, then DOCUMENT_UNREADABLE %p', async (contentType, fileName, content, reason) => {
    const head =
      content === 'pdf' ? pdf : content === 'docx' ? docx : content === 'zip' ? zip : bytes('garbage \u0001');
    const error = await appErrorOf(() => resolveFormat(contentType, fileName, head));
    expect(error.code).toBe('DOCUMENT_UNREADABLE');
    expect(error.details.reason).toBe(reason);
  });

  test.each([
    ['image/png', 'photo.png', bytes('\u0089PNG')],
    ['application/msword', 'posting.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])],
    ['application/octet-stream', 'posting.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])],
    [undefined, undefined, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])],
    [undefined, undefined, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])],
    ['application/json', 'posting.json', bytes('{}')],
    [undefined, 'posting.rtf', bytes('{\\rtf1 hello}')],
    ['application/vnd.oasis.opendocument.text', 'posting.odt', bytes('PK')],
  ])('when the type is %p and the name %p, then UNSUPPORTED_CONTENT_TYPE', async (contentType, fileName, head) => {
    const error = await appErrorOf(() => resolveFormat(contentType, fileName, head));
    expect(error.code).toBe('UNSUPPORTED_CONTENT_TYPE');
    expect(error.details).toMatchObject({ contentType: contentType ?? null, fileName: fileName ?? null });
  });

  test.each([
    ['application/zip', 'archive.zip'],
    [undefined, undefined],
    ['application/octet-stream', 'archive.zip'],
  ])(
    'when a ZIP that is not a DOCX comes as %p named %p, then UNSUPPORTED_CONTENT_TYPE',
    async (contentType, fileName) => {
      expect((await appErrorOf(() => resolveFormat(contentType, fileName, zip))).code).toBe('UNSUPPORTED_CONTENT_TYPE');
    },
  );
});
