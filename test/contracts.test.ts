import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

describe('contracts', () => {
  test('when the JSON Schema changes, then the committed TypeScript types are regenerated to match', () => {
    // Throws (exit 1) when shared/contracts/*.generated.ts differs from what the schema generates.
    expect(() =>
      execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'gen-types.mjs'), '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
