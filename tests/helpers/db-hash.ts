/** A content hash of a database's tables (rows in rowid order), to prove that something wrote nothing. */
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";

export function contentHash(sqlite: Database.Database, skip: readonly string[] = []): string {
  const h = createHash("sha256");
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    if (skip.includes(name)) continue;
    h.update(`\u0000${name}\u0000`);
    for (const row of sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest("hex");
}

export const auditCount = (sqlite: Database.Database): number => (sqlite.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n;
