/** Applies the PostgreSQL migrations (drizzle/pg) to the database at `url`, then closes its pool. */
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export const PG_MIGRATIONS_DIR = fileURLToPath(new URL("../../drizzle/pg", import.meta.url));

export async function migratePg(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS_DIR });
  } finally {
    await pool.end();
  }
}
