import { parseJobDescription } from '../parser';
import { appErrorOf } from './__tests__/app-error-of';
import { declareUncompressedSize, docxParts, makeDocx, makeZip } from './__tests__/make-docx';
import { extractDocx } from './docx';
import { DOCX, extractText } from './index';

const posting = [
  { paragraph: 'Senior Backend Engineer at Acme Payments, Lisbon' },
  { heading: "What you'll do" },
  { bullet: 'Own the on-call rotation for the payments team' },
  { bullet: 'Design and build APIs in Go' },
  { heading: 'Requirements' },
  { bullet: '5+ years of experience with PostgreSQL' },
  { bullet: 'Experience with Kubernetes (GKE)' },
  { heading: 'Nice to have' },
  { numbered: 'Terraform' },
];

describe('extractText on DOCX', () => {
  test('when a DOCX has headings and bullet lists, then they come out as HTML headings and list items', async () => {
    const result = await extractText({ bytes: await makeDocx(posting), contentType: DOCX });
    expect(result).toMatchObject({ contentType: 'text/html', sourceFormat: DOCX, warnings: [] });
    expect(result.text).toContain('<h1>Requirements</h1><ul><li>5+ years of experience with PostgreSQL</li>');
    expect(result.text).toContain('<h1>Nice to have</h1><ol><li>Terraform</li></ol>');
  });

  test('when a DOCX posting is extracted, then the parser finds every list item under its heading', async () => {
    const result = await extractText({ bytes: await makeDocx(posting), fileName: 'posting.docx' });
    const parsed = parseJobDescription({ text: result.text, contentType: result.contentType });
    expect(parsed.responsibilities.map((r) => r.text)).toEqual([
      'Own the on-call rotation for the payments team',
      'Design and build APIs in Go',
    ]);
    expect(parsed.requirements.map((r) => [r.text, r.section, r.required])).toEqual([
      ['5+ years of experience with PostgreSQL', 'Requirements', true],
      ['Experience with Kubernetes (GKE)', 'Requirements', true],
      ['Terraform', 'Nice to have', false],
    ]);
  });

  test('when text in a DOCX looks like markup, then it stays text', async () => {
    const result = await extractText({
      bytes: await makeDocx([{ paragraph: 'Use <script> & "quotes"' }]),
      contentType: DOCX,
    });
    expect(result.text).toBe('<p>Use &lt;script&gt; &amp; "quotes"</p>');
  });

  test.each([
    ['application/zip', 'archive.zip', 'UNSUPPORTED_CONTENT_TYPE', undefined],
    [undefined, undefined, 'UNSUPPORTED_CONTENT_TYPE', undefined],
    [DOCX, 'posting.docx', 'DOCUMENT_UNREADABLE', 'NOT_A_DOCX'],
  ])('when a ZIP that is not a DOCX comes as %p named %p, then %s', async (contentType, fileName, code, reason) => {
    const bytes = await makeZip({ 'readme.txt': 'hello', 'word/other.xml': '<x/>' });
    const error = await appErrorOf(() => extractText({ bytes, contentType, fileName }));
    expect(error.code).toBe(code);
    expect(error.details.reason).toBe(reason);
  });

  test('when a DOCX declares a huge word/document.xml, then INPUT_TOO_LARGE before anything is inflated', async () => {
    const bytes = declareUncompressedSize(await makeDocx(posting), 'word/document.xml', 0xfff00000);
    const error = await appErrorOf(() => extractText({ bytes, contentType: DOCX }));
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.details.uncompressedBytes).toBeGreaterThan(0xfff00000);
  });

  test('when a DOCX understates the size of its XML, then inflating it stops at the limit with INPUT_TOO_LARGE', async () => {
    const parts = docxParts([{ paragraph: 'x'.repeat(50_000) }]);
    const bytes = declareUncompressedSize(await makeZip(parts), 'word/document.xml', 100);
    const error = await appErrorOf(() => extractDocx(bytes, { timeoutMs: 10_000, maxXmlBytes: 20_000 }));
    expect(error).toEqual({
      code: 'INPUT_TOO_LARGE',
      details: { format: DOCX, uncompressedBytes: null, limit: 20_000 },
    });
  });

  test('when the XML of a DOCX is under the limit, then it is read', async () => {
    const bytes = await makeDocx([{ paragraph: 'x'.repeat(5_000) }]);
    await expect(extractDocx(bytes, { timeoutMs: 10_000, maxXmlBytes: 20_000 })).resolves.toMatchObject({
      text: `<p>${'x'.repeat(5_000)}</p>`,
    });
  });

  test.each([
    ['cut short', async () => (await makeDocx(posting)).subarray(0, 600)],
    [
      'holding a document.xml that is not XML',
      async () => makeZip({ ...docxParts(posting), 'word/document.xml': '<<not xml' }),
    ],
    [
      'holding a corrupt deflate stream',
      async () => {
        const bytes = await makeDocx(posting);
        const at = Buffer.from(bytes).indexOf('word/document.xml') + 'word/document.xml'.length;
        bytes.fill(0xff, at, at + 40);
        return bytes;
      },
    ],
  ])('when a DOCX is %s, then DOCUMENT_UNREADABLE CORRUPT', async (_, build) => {
    const error = await appErrorOf(async () => extractText({ bytes: await build(), contentType: DOCX }));
    expect(error).toEqual({ code: 'DOCUMENT_UNREADABLE', details: { format: DOCX, reason: 'CORRUPT' } });
  });

  test('when a DOCX has no text, then INPUT_EMPTY', async () => {
    const error = await appErrorOf(async () =>
      extractText({ bytes: await makeDocx([{ paragraph: ' ' }]), contentType: DOCX }),
    );
    expect(error.code).toBe('INPUT_EMPTY');
  });

  test('when mammoth is still busy at the time limit, then the limit stops it without waiting for it to finish', async () => {
    // About 4 MB of document.xml: seconds of synchronous work in mammoth.
    const bytes = await makeDocx(
      Array.from({ length: 20_000 }, (_, i) => ({ bullet: `Requirement ${i}: Go and SQL` })),
    );
    const started = performance.now();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const error = await appErrorOf(() => extractText({ bytes, contentType: DOCX }, { timeoutMs: 400 }));
    clearInterval(ticker);
    expect(error.details.reason).toBe('TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(ticks).toBeGreaterThan(5);
  });

  test('when reading a DOCX takes longer than the time limit, then DOCUMENT_UNREADABLE TIMEOUT', async () => {
    const bytes = await makeDocx(Array.from({ length: 2000 }, (_, i) => ({ bullet: `Item ${i}` })));
    const error = await appErrorOf(() => extractText({ bytes, contentType: DOCX }, { timeoutMs: 1 }));
    expect(error.details.reason).toBe('TIMEOUT');
  });
});
