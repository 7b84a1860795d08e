/**
 * `npm run db:migrate`: applies pending migrations to the database the environment names
 * (DATABASE_URL, INSTANCE_CONNECTION_NAME + DB_USER + DB_NAME, or the embedded PGlite). Exit 0 when
 * the schema is up to date, 1 with one line naming the error code otherwise.
 */
import { isAppError } from '../errors/app-error';
import { openDatabase } from './client';
import { readDbConfig } from './config';
import { migrate } from './migrate';

export async function main(): Promise<number> {
  try {
    const config = readDbConfig();
    const handle = await openDatabase(config, { migrate: false });
    try {
      await migrate(handle.db);
    } finally {
      await handle.close();
    }
    process.stdout.write(`db:migrate: ${config.kind} database is up to date\n`);
    return 0;
  } catch (error) {
    const code = isAppError(error) ? error.code : 'INTERNAL';
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`db:migrate: ${code}: ${message}\n`);
    return 1;
  }
}

if (require.main === module) {
  main().then((code) => {
    process.exitCode = code;
  });
}
