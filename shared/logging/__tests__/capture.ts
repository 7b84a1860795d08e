// Test support (not a test file): a logger whose lines are kept for assertions, off the test output.
import { Writable } from 'node:stream';
import type { LogLevel } from '../../config/app-config';
import { createLogger, type Logger } from '../logger';

export function capturingLogger(level: LogLevel = 'debug'): {
  logger: Logger;
  lines: Record<string, unknown>[];
  text(): string;
} {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines, text: () => JSON.stringify(lines) };
}
