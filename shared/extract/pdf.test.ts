import { parseJobDescription } from '../parser';
import { appErrorOf } from './__tests__/app-error-of';
import { makePdf } from './__tests__/make-pdf';
import { extractText, PDF } from './index';

const posting = [
  'Senior Backend Engineer',
  'Acme Payments – Lisbon',
  "What you'll do",
  '• Own the on-call rotation for the payments team',
  '• Design and build APIs in Go',
  'Requirements',
  '• 5+ years of experience with PostgreSQL',
  '• Experience with Kubernetes (GKE)',
];

async function unreadableReason(bytes: Uint8Array, limits = {}): Promise<unknown> {
  const error = await appErrorOf(() => extractText({ bytes, contentType: 'application/pdf' }, limits));
  expect(error.code).toBe('DOCUMENT_UNREADABLE');
  expect(error.details.format).toBe(PDF);
  return error.details.reason;
}

describe('extractText on PDF', () => {
  test('when a PDF job posting has a heading and bullets, then its lines come out in order and the parser finds the requirements', async () => {
    const result = await extractText({ bytes: makePdf([posting]), fileName: 'posting.pdf' });
    expect(result).toEqual({ text: posting.join('\n'), contentType: 'text/plain', sourceFormat: PDF, warnings: [] });

    const parsed = parseJobDescription({ text: result.text, contentType: result.contentType });
    expect(parsed.requirements.map((r) => r.text)).toEqual([
      '5+ years of experience with PostgreSQL',
      'Experience with Kubernetes (GKE)',
    ]);
    expect(parsed.responsibilities.map((r) => r.text)).toEqual([
      'Own the on-call rotation for the payments team',
      'Design and build APIs in Go',
    ]);
  });

  test('when a PDF has several pages, then they are joined in order with a blank line between them', async () => {
    const pages = [['Page one, first line', 'Page one, second line'], ['Page two'], ['Page three']];
    const result = await extractText({ bytes: makePdf(pages), contentType: 'application/pdf' });
    expect(result.text).toBe('Page one, first line\nPage one, second line\n\nPage two\n\nPage three');
  });

  test.each([
    [3, 3, []],
    [3, 2, ['PDF_TRUNCATED_PAGES']],
    [5, 1, ['PDF_TRUNCATED_PAGES']],
  ])(
    'when a PDF has %p pages and the cap is %p, then only the pages under the cap are read',
    async (count, maxPdfPages, warnings) => {
      const pages = Array.from({ length: count }, (_, i) => [`Page ${i + 1}`]);
      const result = await extractText({ bytes: makePdf(pages), contentType: 'application/pdf' }, { maxPdfPages });
      expect(result.text).toBe(pages.slice(0, maxPdfPages).flat().join('\n\n'));
      expect(result.warnings).toEqual(warnings);
    },
  );

  test('when a PDF is not a PDF but is named like one, then DOCUMENT_UNREADABLE NOT_A_PDF', async () => {
    const bytes = new TextEncoder().encode('<html>this is an error page, not a PDF</html>');
    const error = await appErrorOf(() => extractText({ bytes, fileName: 'posting.pdf' }));
    expect(error).toEqual({ code: 'DOCUMENT_UNREADABLE', details: { format: PDF, reason: 'NOT_A_PDF' } });
  });

  test.each([
    ['cut in half', (pdf: Uint8Array) => pdf.subarray(0, Math.floor(pdf.length / 2))],
    ['only a header', () => new TextEncoder().encode('%PDF-1.4\n')],
    ['a header and then noise', () => new TextEncoder().encode(`%PDF-1.7\n${'noise '.repeat(300)}`)],
  ])('when a PDF is %s, then DOCUMENT_UNREADABLE CORRUPT', async (_, damage) => {
    expect(await unreadableReason(damage(makePdf([posting])))).toBe('CORRUPT');
  });

  test('when a PDF is encrypted with a user password, then DOCUMENT_UNREADABLE ENCRYPTED', async () => {
    const bytes = makePdf([posting], { encrypt: { userPassword: 'secret', ownerPassword: 'owner' } });
    expect(await unreadableReason(bytes)).toBe('ENCRYPTED');
  });

  test('when a PDF is encrypted with only an owner password, then it opens without one and its text comes out', async () => {
    const bytes = makePdf([['Protected posting', 'Copying allowed']], {
      encrypt: { userPassword: '', ownerPassword: 'o' },
    });
    expect((await extractText({ bytes, contentType: 'application/pdf' })).text).toBe(
      'Protected posting\nCopying allowed',
    );
  });

  test.each([
    ['only an image, like a scan', [{ image: true as const }]],
    ['an empty page', [{ empty: true as const }]],
    ['an image page and an empty page', [{ image: true as const }, { empty: true as const }]],
    ['only punctuation', [['• – •']]],
  ])('when a PDF has %s, then DOCUMENT_UNREADABLE NO_TEXT', async (_, pages) => {
    expect(await unreadableReason(makePdf(pages))).toBe('NO_TEXT');
  });

  test('when reading a PDF takes longer than the time limit, then DOCUMENT_UNREADABLE TIMEOUT', async () => {
    expect(await unreadableReason(makePdf([posting]), { timeoutMs: 1 })).toBe('TIMEOUT');
  });

  test('when a PDF is read, then the caller keeps its bytes (pdf.js transfers what it is given to its worker)', async () => {
    const bytes = makePdf([posting]);
    const copy = new Uint8Array(bytes);
    await extractText({ bytes, contentType: 'application/pdf' });
    expect(bytes).toEqual(copy);
  });

  test('when several PDFs are read at once, then each gets its own text', async () => {
    const results = await Promise.all(
      [1, 2, 3].map((n) => extractText({ bytes: makePdf([[`Posting ${n}`]]), contentType: 'application/pdf' })),
    );
    expect(results.map((r) => r.text)).toEqual(['Posting 1', 'Posting 2', 'Posting 3']);
  });

  test('when the text is over the output limit, then INPUT_TOO_LARGE', async () => {
    const error = await appErrorOf(() =>
      extractText({ bytes: makePdf([posting]), contentType: 'application/pdf' }, { maxOutputChars: 50 }),
    );
    expect(error.code).toBe('INPUT_TOO_LARGE');
  });
});
