import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateParseResult } from '../contracts/validate';
import { runCli } from './jd-parse';

function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('jd-parse CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jd-cli-'));
  const txt = join(dir, 'one.txt');
  const html = join(dir, 'two.html');
  writeFileSync(txt, 'Requirements:\n- 3+ years of SQL experience.\n');
  writeFileSync(html, '<h2>Duties</h2><ul><li>Build APIs.</li></ul>');

  test('when given one file, then it prints its parse as JSON', () => {
    const { code, stdout, stderr } = run([txt]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout);
    expect(validateParseResult(result).valid).toBe(true);
    expect(result.requirements[0]).toMatchObject({ yearsMin: 3 });
  });

  test('when given --out, then it writes DIR/<name>.json per input', () => {
    const out = join(dir, 'out');
    expect(run([txt, html, '--out', out]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'one.json'), 'utf8')).requirements).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(out, 'two.json'), 'utf8')).responsibilities[0].text).toBe('Build APIs.');
  });

  test('when given several files without --out, then it prints one JSON object per line', () => {
    const lines = run([txt, html]).stdout.trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).file)).toEqual([txt, html]);
  });

  test.each([
    ['a missing file', join(dir, 'missing.txt'), 'ENOENT'],
    ['an unsupported extension', join(dir, 'x.bin'), 'UNSUPPORTED_CONTENT_TYPE'],
    ['a PDF before extraction exists', join(dir, 'x.pdf'), 'UNSUPPORTED_CONTENT_TYPE'],
  ])(
    'when one input is %s, then stderr names it, the others are processed, and the exit code is 1',
    (_n, bad, code) => {
      writeFileSync(join(dir, 'x.bin'), 'x');
      writeFileSync(join(dir, 'x.pdf'), '%PDF-1.4');
      const out = join(dir, `out-${code}`);
      const result = run([bad, txt, '--out', out]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(bad);
      expect(result.stderr).toContain(code);
      expect(JSON.parse(readFileSync(join(out, 'one.json'), 'utf8')).requirements).toHaveLength(1);
    },
  );

  test('when --type is given, then it overrides the extension', () => {
    const file = join(dir, 'page.data');
    writeFileSync(file, '<ul><li>Requirements: SQL</li></ul>');
    expect(JSON.parse(run([file, '--type', 'text/html']).stdout).warnings).toBeDefined();
  });

  test('when called without files or with an unknown flag, then it prints usage and exits 2', () => {
    expect(run([]).code).toBe(2);
    expect(run(['--bogus', txt]).stderr).toContain('usage');
  });

  test('when a file is not UTF-8, then it is decoded leniently and still parsed', () => {
    const file = join(dir, 'latin1.txt');
    writeFileSync(file, Buffer.from([0x52, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0x0a, 0xff, 0xfe, 0x00]));
    expect(run([file]).code).toBe(0);
  });
});
