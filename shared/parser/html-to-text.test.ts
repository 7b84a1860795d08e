import { htmlToText } from './html-to-text';

describe('htmlToText', () => {
  test.each([
    ['a paragraph per line', '<p>One.</p><p>Two.</p>', 'One.\nTwo.'],
    ['list items as bullets', '<ul><li>Build APIs</li><li>Write <b>tests</b></li></ul>', '• Build APIs\n• Write tests'],
    [
      'a list item holding a paragraph as one bullet',
      '<ul><li><p>Own the <em>on-call</em></p></li></ul>',
      '• Own the on-call',
    ],
    ['headings marked', '<h2>Requirements</h2><p>SQL.</p>', '## Requirements\nSQL.'],
    [
      'a wholly bold short paragraph as a heading',
      '<p><strong>Key Duties:</strong></p><p>Cook.</p>',
      '## Key Duties:\nCook.',
    ],
    ['bold inside a sentence kept as text', '<p>Must have <b>5 years</b> of SQL.</p>', 'Must have 5 years of SQL.'],
    ['entities decoded', '<p>R&amp;D &#x2F; QA&nbsp;&lt;team&gt;</p>', 'R&D / QA <team>'],
    ['br breaking lines outside lists', 'Line one<br>Line two', 'Line one\nLine two'],
    ['scripts and styles dropped', '<style>p{}</style><p>Text</p><script>alert(1)</script>', 'Text'],
    ['HN-style unclosed p separators', 'Header<p>First para<p>Second para', 'Header\nFirst para\nSecond para'],
  ])('when given %s, then the text keeps its structure', (_name, html, expected) => {
    expect(htmlToText(html).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  test('when tags nest 10,000 deep, then the text comes out without recursion', () => {
    const html = `${'<div><span>'.repeat(10_000)}deep${'</span></div>'.repeat(10_000)}`;
    expect(htmlToText(html)).toBe('deep');
  });

  test('when tags are never closed, then nothing is lost', () => {
    expect(htmlToText('<ul><li>one<li>two<li>three')).toBe('• one\n• two\n• three');
  });
});
