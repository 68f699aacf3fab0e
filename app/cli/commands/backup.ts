import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { CliError, openExistingDb, parseOptions, UsageError, type CommandContext } from "../context";

export const summary = "copy the database online into FILE and check the copy";
export const usage = `backup FILE [--force]
  Uses SQLite's online backup (safe while the server runs), then runs
  PRAGMA integrity_check on the copy. --force overwrites an existing FILE.`;

/** `ok`, or the problems integrity_check lists. */
export function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(args, { force: { type: "boolean" } });
  if (positionals.length !== 1) throw new UsageError("backup needs one FILE");
  const file = positionals[0]!;
  if (resolve(file) === resolve(ctx.dbPath)) throw new UsageError("the backup FILE must not be the database itself");
  if (existsSync(file) && !values.force) throw new CliError(`${file} already exists; choose a new name or pass --force`);

  const db = openExistingDb(ctx);
  try {
    await db.$client.backup(file);
  } catch (e) {
    throw new CliError(`the backup failed: ${(e as Error).message}`);
  } finally {
    db.$client.close();
  }
  const check = integrityCheck(file);
  if (check !== "ok") throw new CliError(`the copy at ${file} fails integrity_check: ${check}`);
  ctx.io.stdout.write(`backup written to ${file} (${statSync(file).size} bytes); integrity_check: ok\n`);
  return 0;
}
