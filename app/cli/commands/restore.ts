import { existsSync } from "node:fs";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { closeDatabase, isPostgresUrl, openDatabase } from "../../../db/connection";
import { requirePgTool, runTool } from "../pg-tools";
import { CliError, parseOptions, UsageError, type CommandContext } from "../context";
import { integrityCheck } from "./backup";

export const summary = "replace the database with a backup (stop the server first)";
export const usage = `restore FILE
  PostgreSQL (DATABASE_URL): pg_restore --clean of a dump made by "backup".
  Checks FILE (PRAGMA integrity_check, a Shebao database), then copies it over the
  configured database with SQLite's backup API. STOP THE SERVER FIRST: nothing may
  write to the database while it is restored, and a running server would keep
  serving what it had cached. Run "migrate" afterwards if the backup is older than
  this version.`;

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { positionals } = parseOptions(args, {});
  if (positionals.length !== 1) throw new UsageError("restore needs one FILE");
  const file = positionals[0]!;
  if (resolve(file) === resolve(ctx.dbPath)) throw new UsageError("FILE is the configured database itself");
  if (!existsSync(file)) throw new CliError(`no file ${file}`);
  if (isPostgresUrl(ctx.dbPath)) return restorePostgres(file, ctx);

  let check: string;
  try {
    check = integrityCheck(file);
  } catch (e) {
    throw new CliError(`${file} is not a SQLite database: ${(e as Error).message}`);
  }
  if (check !== "ok") throw new CliError(`${file} fails integrity_check (${check}); nothing was restored`);

  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set((source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    for (const t of ["__drizzle_migrations", "employers", "employees", "audit_log"]) {
      if (!tables.has(t)) throw new CliError(`${file} is not a Shebao database (no table ${t}); nothing was restored`);
    }
    // The backup API writes page by page through SQLite's own locking (WAL included),
    // so no stale -wal or -shm file can be replayed over the restored data.
    await closeDatabase(openDatabase(ctx.dbPath));
    await source.backup(ctx.dbPath);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`the restore failed: ${(e as Error).message}`);
  } finally {
    source.close();
  }
  const after = integrityCheck(ctx.dbPath);
  if (after !== "ok") throw new CliError(`the restored database fails integrity_check: ${after}`);
  ctx.io.stdout.write(`restored ${file} into ${ctx.dbPath}; integrity_check: ok. Run "migrate" if the backup is older than this version, then start the server.\n`);
  return 0;
}

async function restorePostgres(file: string, ctx: CommandContext): Promise<number> {
  const restore = requirePgTool("pg_restore");
  const list = await runTool(restore, ["--list", file]);
  if (list.code !== 0) throw new CliError(`${file} is not a dump pg_restore can read (${list.stderr.trim()}); nothing was restored`);
  const done = await runTool(restore, ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", ctx.dbPath, file]);
  if (done.code !== 0) throw new CliError(`pg_restore failed (exit ${done.code}), in one transaction so nothing changed: ${done.stderr.trim()}`);
  ctx.io.stdout.write(`restored ${file} into the PostgreSQL database with ${restore}. Run "migrate" if the backup is older than this version, then start the server.\n`);
  return 0;
}
