import { makePdf } from './__tests__/make-pdf';
import { extractText, fileExtractionsRunning, MAX_CONCURRENT_FILE_EXTRACTIONS } from './index';

jest.setTimeout(60_000);

test('when many PDFs arrive at once, then no more than the limit are extracted at a time, and all finish', async () => {
  const pdf = makePdf([['Requirements', '- Five years of Go']]);
  let highest = 0;
  const sampler = setInterval(() => {
    highest = Math.max(highest, fileExtractionsRunning());
  }, 2);
  try {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => extractText({ bytes: pdf.slice(), contentType: 'application/pdf' })),
    );
    expect(results.every((r) => r.text.includes('Five years of Go'))).toBe(true);
  } finally {
    clearInterval(sampler);
  }
  expect(highest).toBe(MAX_CONCURRENT_FILE_EXTRACTIONS);
  expect(fileExtractionsRunning()).toBe(0);
});
