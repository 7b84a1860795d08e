import { normalize, repairMojibake } from './normalize';

describe('normalize', () => {
  test.each([
    ['Windows line endings', 'a\r\nb\rc', 'a\nb\nc'],
    ['runs of blank lines', 'a\n\n\n\nb', 'a\n\nb'],
    ['tabs, NBSP and repeated spaces', 'a\t\u00a0 b   c', 'a b c'],
    ['zero-width characters', 'co\u200bde', 'code'],
    ['a byte-order mark', '\ufeffText', 'Text'],
    ['entities in plain text', 'R&amp;D and Q&#39;s', "R&D and Q's"],
    ['a bare ampersand', 'AT&T & co', 'AT&T & co'],
    ['full-width letters (NFKC)', 'ＳＱＬ', 'SQL'],
  ])('when plain text has %s, then it is cleaned', (_name, input, expected) => {
    expect(normalize(input, 'text/plain').text).toBe(expected);
  });

  test.each([
    ['â€™', '\u2019'],
    ['Ã©tÃ©', 'été'],
    ['â€“ dash', '\u2013 dash'],
    ['cafÃ©', 'café'],
    ['already fine: café – ’', 'already fine: café – ’'],
  ])('when text reads %j, then mojibake is repaired', (input, expected) => {
    expect(repairMojibake(input)).toBe(expected);
  });

  test('when plain text carries stray HTML, then it is converted and the repair is reported', () => {
    const out = normalize('<p>Duties</p><ul><li>Cook</li><li>Clean</li></ul>', 'text/plain');
    expect(out.text).toBe('Duties\n• Cook\n• Clean');
    expect(out.repairs.has('markup')).toBe(true);
  });

  test('when text has control characters, then they become spaces and the repair is reported', () => {
    const out = normalize('a\u0000b\u0007c', 'text/plain');
    expect(out.text).toBe('a b c');
    expect(out.repairs.has('control')).toBe(true);
  });

  test('when the input is mostly control bytes, then it is flagged as binary', () => {
    const binary = Array.from({ length: 400 }, (_, i) => String.fromCharCode(i % 32)).join('');
    expect(normalize(binary, 'text/plain').repairs.has('binary')).toBe(true);
  });

  test('when text has lone surrogates, then they are replaced and the text is well formed', () => {
    const out = normalize('a\ud800b', 'text/plain').text;
    expect(out.isWellFormed()).toBe(true);
  });

  test('when markdown bold stands alone, then it becomes a heading; inside a sentence it is unwrapped', () => {
    expect(normalize('**Requirements**SQL and Python', 'text/markdown').text).toBe('## Requirements\nSQL and Python');
    expect(normalize('You have **5 years** of SQL.', 'text/markdown').text).toBe('You have 5 years of SQL.');
  });
});
