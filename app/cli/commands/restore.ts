import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { closeDatabase, isPostgresUrl, openDatabase } from "../../../db/connection";
import { copyDatabaseFile, integrityCheck, missingTables } from "../../../db/sqlite-file";
import { requirePgTool, runTool } from "../pg-tools";
import { CliError, parseOptions, UsageError, type CommandContext } from "../context";

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

  const missing = missingTables(file, ["__drizzle_migrations", "employers", "employees", "audit_log"]);
  if (missing.length > 0) throw new CliError(`${file} is not a Shebao database (no table ${missing[0]}); nothing was restored`);
  try {
    await closeDatabase(openDatabase(ctx.dbPath));
    await copyDatabaseFile(file, ctx.dbPath);
  } catch (e) {
    throw new CliError(`the restore failed: ${(e as Error).message}`);
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
