/**
 * A SQLite database file as a whole (backup and restore, ADR 0014): the
 * checks and the copy the command line needs, so that the SQL stays in db/.
 */
import Database from "better-sqlite3";

/** `ok`, or the problems PRAGMA integrity_check lists. */
export function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

/** The tables of `required` that the file does not have. */
export function missingTables(file: string, required: readonly string[]): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    return required.filter((t) => !tables.has(t));
  } finally {
    db.close();
  }
}

/**
 * Copy `source` over `target` with SQLite's backup API: page by page through
 * SQLite's own locking (WAL included), so no stale -wal or -shm file can be
 * replayed over the copied data.
 */
export async function copyDatabaseFile(source: string, target: string): Promise<void> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
}
