/**
 * Plain SQL for tests that look at the stored rows directly, on SQLite and
 * PostgreSQL alike: `await rawSql(db).prepare("SELECT … WHERE x = ?").get(x)`.
 * `?` placeholders are bound as parameters (never spliced into the text).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connection";

function bind(text: string, params: unknown[]): SQL {
  const parts = text.split("?");
  if (parts.length - 1 !== params.length) throw new Error(`${parts.length - 1} placeholders, ${params.length} parameters: ${text}`);
  const chunks: SQL[] = [];
  parts.forEach((p, i) => {
    chunks.push(sql.raw(p));
    if (i < params.length) chunks.push(sql`${params[i]}`);
  });
  return sql.join(chunks, sql.raw(""));
}

export class RawStatement {
  constructor(
    private readonly db: Db,
    private readonly text: string,
  ) {}
  async get<T = Record<string, unknown>>(...params: unknown[]): Promise<T | undefined> {
    return (await this.db.get<T>(bind(this.text, params))) ?? undefined;
  }
  async all<T = Record<string, unknown>>(...params: unknown[]): Promise<T[]> {
    return await this.db.all<T>(bind(this.text, params));
  }
  async run(...params: unknown[]): Promise<{ changes: number }> {
    return await this.db.run(bind(this.text, params));
  }
}

export function rawSql(db: Db): { prepare(text: string): RawStatement } {
  return { prepare: (text: string) => new RawStatement(db, text) };
}

/** Every item of an async iterable, in order (Array.fromAsync arrives with Node 22). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}
