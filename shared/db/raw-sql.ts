import { type SQL, sql } from 'drizzle-orm';
import { Client as PgClient } from 'pg';
import type { Database } from './client';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

interface RawClient {
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs raw SQL on the transaction's own connection: as a named prepared statement on node-postgres
 * (parsed and planned once per connection), through PGlite's query() otherwise (in-process, no
 * round trip to save). Falls back to Drizzle's execute() should its session ever hide the client.
 */
export async function raw<T>(tx: Tx, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (client instanceof PgClient) {
    const result = await client.query<T & Record<string, unknown>>({ name, text, values });
    return result.rows;
  }
  if (
    client &&
    typeof (client as RawClient).query === 'function' &&
    typeof (client as { exec?: unknown }).exec === 'function'
  ) {
    const result = await (client as RawClient).query(text, values);
    return result.rows as T[];
  }
  const parts = text.split(/\$(\d+)(?!\d)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    chunks.push(i % 2 === 0 ? sql.raw(parts[i] as string) : sql`${sql.param(values[Number(parts[i]) - 1])}`);
  }
  const result = await tx.execute(sql.join(chunks));
  return (result as unknown as { rows: T[] }).rows;
}
