/** A content hash of a database's tables (every row, in a fixed order), to prove that something wrote nothing. SQLite and PostgreSQL. */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/connection";
import * as schema from "../../db/schema";

const TABLES = (Object.values(schema) as unknown[])
  .filter((t): t is SQLiteTable => t instanceof SQLiteTable)
  .map((t) => getTableConfig(t))
  .sort((a, b) => (a.name < b.name ? -1 : 1));

export async function contentHash(db: Db, skip: readonly string[] = []): Promise<string> {
  const h = createHash("sha256");
  for (const t of TABLES) {
    if (skip.includes(t.name)) continue;
    h.update(`\u0000${t.name}\u0000`);
    // As text: PostgreSQL cannot order json values.
    const order = sql.join(
      t.columns.map((c) => sql`cast(${sql.identifier(c.name)} as text)`),
      sql`, `,
    );
    for (const row of await db.all<Record<string, unknown>>(sql`SELECT * FROM ${sql.identifier(t.name)} ORDER BY ${order}`)) h.update(JSON.stringify(row));
  }
  return h.digest("hex");
}

export const auditCount = async (db: Db): Promise<number> => Number((await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log`))?.n ?? 0);
