/**
 * The application's database (DATABASE_URL for PostgreSQL, else the SQLite
 * file at DATABASE_PATH): one connection or pool per process (kept across
 * development rebuilds), migrated once by `migrateOnce()` when the server
 * starts (server.mjs → entry.server `startup`), never as an import side effect.
 */
import { defaultDatabaseLocation, migrate, openDatabase, type Db } from "../../db/connection";

const store = globalThis as typeof globalThis & { __shebaoDb?: Db; __shebaoMigrated?: boolean };

export const db: Db = (store.__shebaoDb ??= openDatabase(defaultDatabaseLocation()));

/** Apply pending migrations, once per process. */
export async function migrateOnce(): Promise<void> {
  if (store.__shebaoMigrated) return;
  await migrate(db);
  store.__shebaoMigrated = true;
}
