import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { closeDatabase, isPostgresUrl, sqliteClient } from "../../../db/connection";
import { integrityCheck } from "../../../db/sqlite-file";
import { CliError, openExistingDb, parseOptions, UsageError, type CommandContext } from "../context";
import { requirePgTool, runTool } from "../pg-tools";

export const summary = "copy the database online into FILE and check the copy";
export const usage = `backup FILE [--force]
  SQLite: the online backup (safe while the server runs), then PRAGMA
  integrity_check on the copy. PostgreSQL (DATABASE_URL): pg_dump in its custom
  format, then pg_restore --list to check the file. --force overwrites FILE.`;

export { integrityCheck };

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(args, { force: { type: "boolean" } });
  if (positionals.length !== 1) throw new UsageError("backup needs one FILE");
  const file = positionals[0]!;
  if (resolve(file) === resolve(ctx.dbPath)) throw new UsageError("the backup FILE must not be the database itself");
  if (existsSync(file) && !values.force) throw new CliError(`${file} already exists; choose a new name or pass --force`);

  if (isPostgresUrl(ctx.dbPath)) return backupPostgres(file, ctx);
  const db = await openExistingDb(ctx);
  try {
    await sqliteClient(db)!.backup(file);
  } catch (e) {
    throw new CliError(`the backup failed: ${(e as Error).message}`);
  } finally {
    await closeDatabase(db);
  }
  const check = integrityCheck(file);
  if (check !== "ok") throw new CliError(`the copy at ${file} fails integrity_check: ${check}`);
  ctx.io.stdout.write(`backup written to ${file} (${statSync(file).size} bytes); integrity_check: ok\n`);
  return 0;
}

async function backupPostgres(file: string, ctx: CommandContext): Promise<number> {
  const db = await openExistingDb(ctx); // up to date, or say so
  await closeDatabase(db);
  const dump = requirePgTool("pg_dump");
  const done = await runTool(dump, ["--format=custom", "--no-owner", "--file", file, "--dbname", ctx.dbPath]);
  if (done.code !== 0) throw new CliError(`pg_dump failed (exit ${done.code}): ${done.stderr.trim()}`);
  const list = await runTool(requirePgTool("pg_restore"), ["--list", file]);
  if (list.code !== 0) throw new CliError(`the dump at ${file} cannot be read back by pg_restore: ${list.stderr.trim()}`);
  ctx.io.stdout.write(`backup written to ${file} (${statSync(file).size} bytes) by ${dump}; pg_restore --list reads it\n`);
  return 0;
}
