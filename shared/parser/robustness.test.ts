import fc from 'fast-check';
import { validateParseResult } from '../contracts/validate';
import { parseJobDescription } from './index';
import type { ContentType } from './types';

const contentTypes: ContentType[] = ['text/plain', 'text/markdown', 'text/html'];

describe('parser properties', () => {
  test('when given any string of any content type, then it returns a result that validates, and the same one twice', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.constantFrom(...contentTypes),
        (text, contentType) => {
          const first = parseJobDescription({ text, contentType });
          expect(validateParseResult(first).errors).toEqual([]);
          expect(JSON.stringify(parseJobDescription({ text, contentType }))).toBe(JSON.stringify(first));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('when given strings built from posting-like pieces, then it returns a valid result', () => {
    const piece = fc.constantFrom(
      'Requirements:',
      '• ',
      '- ',
      '1. ',
      'Responsibilities',
      '\n',
      '.',
      ' ',
      'Experience with SQL',
      '5+ years',
      'nice to have',
      '<li>',
      '</ul>',
      '<p>',
      '&amp;',
      'Ã©',
      '**Benefits**',
      'WE OFFER',
      'Build APIs',
      '?',
      ':',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), fc.constantFrom(...contentTypes), (pieces, contentType) => {
        const result = parseJobDescription({ text: pieces.join(''), contentType });
        expect(validateParseResult(result).errors).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Parsing time must be linear in input size: each adversarial input is parsed at 1 MB, and must
 * finish far inside a generous bound (a quadratic step would take minutes at this size).
 */
describe('parser on adversarial input', () => {
  const MB = 1024 * 1024;
  const repeatTo = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const BOUND_MS = 15_000;

  test.each([
    ['a run of bullets', repeatTo('• ', MB), 'text/plain'],
    ['a run of dots', repeatTo('.', MB), 'text/plain'],
    ['a run of spaces', repeatTo(' ', MB), 'text/plain'],
    ['a run of hyphens glued to capitals', repeatTo('-Ab', MB), 'text/plain'],
    ['sentences glued without spaces', repeatTo('Word.Next', MB), 'text/plain'],
    ['camel-case glue', repeatTo('wordWord', MB), 'text/plain'],
    ['one 1 MB line of words', repeatTo('experience with sql ', MB), 'text/plain'],
    ['years everywhere', repeatTo('3-5 years ', MB), 'text/plain'],
    ['colons and capitals', repeatTo('Skills: ', MB), 'text/plain'],
    ['question marks between capitals', repeatTo(' ? A', MB), 'text/plain'],
    ['nested tags', `${'<div><b>'.repeat(50_000)}x${'</b></div>'.repeat(50_000)}`, 'text/html'],
    ['unclosed tags', repeatTo('<li><p>', MB), 'text/html'],
    ['mojibake', repeatTo('Ã©â€™', MB), 'text/plain'],
    ['markdown bold runs', repeatTo('**A**b', MB), 'text/markdown'],
  ] as const)('when the input is %s, then it parses in bounded time', (_name, text, contentType) => {
    const started = performance.now();
    const result = parseJobDescription({ text, contentType });
    const elapsed = performance.now() - started;
    expect(validateParseResult(result).errors).toEqual([]);
    expect(elapsed).toBeLessThan(BOUND_MS);
  });

  test('when the input is a 5 MB single line, then it is parsed, not refused', () => {
    const text = repeatTo('Experience with SQL and Python is required and ', 5 * MB);
    const result = parseJobDescription({ text, contentType: 'text/plain' });
    expect(validateParseResult(result).errors).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toContain('OVERLONG_TEXT_SKIPPED');
  });
});
