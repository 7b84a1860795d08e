// drizzle-kit's configuration: `npx drizzle-kit generate` writes SQL migrations and their journal
// to drizzle/ from shared/db/schema.ts. Generation needs no database, so no credentials here.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './shared/db/schema.ts',
  out: './drizzle',
  strict: true,
});
