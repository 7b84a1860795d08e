import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

describe('schema and migrations', () => {
  test('when the Drizzle schema changes, then a migration is generated and committed for it', () => {
    // drizzle-kit generate against a copy of drizzle/: it must find nothing to add.
    const dir = mkdtempSync(join(tmpdir(), 'jd-drift-'));
    try {
      cpSync(join(root, 'drizzle'), dir, { recursive: true });
      const before = readdirSync(dir).sort();
      const bin = join(root, 'node_modules', '.bin', 'drizzle-kit');
      // drizzle-kit resolves --out relative to the working directory, even when absolute.
      const output = execFileSync(
        bin,
        ['generate', '--dialect', 'postgresql', '--schema', 'shared/db/schema.ts', '--out', relative(root, dir)],
        { cwd: root, encoding: 'utf8', stdio: 'pipe' },
      );
      expect(output).toContain('No schema changes');
      expect(readdirSync(dir).sort()).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
