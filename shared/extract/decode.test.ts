import { appErrorOf } from './__tests__/app-error-of';
import { extractText } from './index';

const posting = 'Café manager — São Paulo\nRequirements:\n• Fluent Portuguese';

function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le).swap16();
  const mark = bom ? (endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  return new Uint8Array([...mark, ...body]);
}

/** windows-1252 for the characters above: é 0xE9, ã 0xE3, — 0x97, • 0x95. */
function windows1252(text: string): Uint8Array {
  const special: Record<string, number> = { '—': 0x97, '•': 0x95 };
  return new Uint8Array([...text].map((char) => special[char] ?? (char.codePointAt(0) as number)));
}

describe('extractText on text', () => {
  test.each([
    ['UTF-8', new TextEncoder().encode(posting), undefined, []],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(posting)]), undefined, []],
    ['UTF-16 LE with a BOM', utf16(posting, 'le', true), undefined, []],
    ['UTF-16 BE with a BOM', utf16(posting, 'be', true), undefined, []],
    ['UTF-16 LE declared by charset', utf16(posting, 'le', false), 'text/plain; charset=utf-16le', []],
    ['UTF-16 BE declared by charset', utf16(posting, 'be', false), 'text/plain; charset="UTF-16BE"', []],
    ['UTF-16 LE without BOM or charset', utf16(posting, 'le', false), undefined, ['DECODED_AS_UTF16_WITHOUT_BOM']],
    ['windows-1252 undeclared', windows1252(posting), undefined, ['DECODED_AS_WINDOWS_1252']],
    ['windows-1252 declared', windows1252(posting), 'text/plain; charset=windows-1252', []],
    ['iso-8859-1 declared', windows1252(posting), 'text/plain; charset=ISO-8859-1', []],
  ])('when the text is %s, then it decodes to the original', async (_, bytes, contentType, warnings) => {
    const result = await extractText({ bytes, contentType: contentType ?? 'text/plain' });
    expect(result).toEqual({ text: posting, contentType: 'text/plain', sourceFormat: 'text/plain', warnings });
  });

  test('when a BOM and a charset disagree, then the BOM wins', async () => {
    const result = await extractText({ bytes: utf16(posting, 'le', true), contentType: 'text/plain; charset=utf-8' });
    expect(result.text).toBe(posting);
  });

  test('when HTML declares its charset in a meta tag, then that charset is used', async () => {
    const html = `<html><head><meta charset="windows-1252"></head><body><p>${posting}</p></body></html>`;
    const result = await extractText({ bytes: windows1252(html), fileName: 'job.html' });
    expect(result).toMatchObject({ text: html, contentType: 'text/html', warnings: [] });
  });

  test('when UTF-8 is declared but a byte is invalid, then the rest stays UTF-8 and the warning says so', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('Café '), 0xff, ...new TextEncoder().encode(' ok')]);
    const result = await extractText({ bytes, contentType: 'text/plain; charset=utf-8' });
    expect(result.text).toBe('Café \ufffd ok');
    expect(result.warnings).toEqual(['INVALID_UTF8_REPLACED']);
  });

  test('when the charset is unknown, then it is ignored with a warning', async () => {
    const result = await extractText({
      bytes: new TextEncoder().encode(posting),
      contentType: 'text/plain; charset=x-bogus',
    });
    expect(result).toMatchObject({ text: posting, warnings: ['UNKNOWN_CHARSET'] });
  });

  test.each([
    ['scattered NULs', new Uint8Array([0x41, 0x00, 0x00, 0x42, 0x43, 0x00, 0x44, 0x45, 0x00]), 'text/plain'],
    ['one NUL in text', new TextEncoder().encode('Senior engineer\u0000 wanted'), 'text/plain'],
    ['a NUL in a declared single-byte charset', new Uint8Array([0x41, 0x00, 0x42]), 'text/plain; charset=windows-1252'],
  ])('when the bytes have %s, then INPUT_BINARY', async (_, bytes, contentType) => {
    expect((await appErrorOf(() => extractText({ bytes, contentType }))).code).toBe('INPUT_BINARY');
  });

  test.each([
    ['no bytes', new Uint8Array()],
    ['only whitespace', new TextEncoder().encode(' \n\t\r\n ')],
    ['only a BOM and whitespace', new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a])],
    ['UTF-16 whitespace', utf16('  \n', 'le', true)],
  ])('when the document has %s, then INPUT_EMPTY', async (_, bytes) => {
    expect((await appErrorOf(() => extractText({ bytes, contentType: 'text/plain' }))).code).toBe('INPUT_EMPTY');
  });

  test.each([
    ['decoded text is over the limit', 'x'.repeat(101), 100],
    ['bytes alone prove it is over the limit', 'x'.repeat(401), 100],
  ])('when the %s, then INPUT_TOO_LARGE', async (_, text, maxOutputChars) => {
    const bytes = new TextEncoder().encode(text);
    const error = await appErrorOf(() => extractText({ bytes, contentType: 'text/plain' }, { maxOutputChars }));
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.details.limit).toBe(100);
  });

  test('when the text is exactly at the limit, then it is returned', async () => {
    const bytes = new TextEncoder().encode('x'.repeat(100));
    expect((await extractText({ bytes, contentType: 'text/plain' }, { maxOutputChars: 100 })).text).toHaveLength(100);
  });
});
