/**
 * What every command gets: its arguments, the standard streams, the database
 * path, and helpers for options, errors and opening the database.
 */
import { existsSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { isoDate, isoMonth, policyMonth, validate } from "~/shared/validation";
import { closeDatabase, databaseLocation, isPostgresUrl, migrationStatus, openDatabase, type Db } from "../../db/connection";

export interface CliOut {
  write(chunk: string): unknown;
  once?(event: "drain", listener: () => void): unknown;
}

export type CliIn = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

export interface CliIo {
  stdout: CliOut;
  stderr: CliOut;
  stdin?: CliIn;
}

export interface CommandContext {
  io: CliIo;
  /** The configured database: --db, else DATABASE_URL (PostgreSQL), else DATABASE_PATH, else data/shebao.db. */
  dbPath: string;
}

/** A command: one module, one line in the table of main.ts. */
export interface CommandModule {
  /** One line for the command list. */
  summary: string;
  /** Usage lines, printed on a usage error. */
  usage: string;
  run(args: string[], ctx: CommandContext): Promise<number> | number;
}

/** Bad arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** A failure the user can act on (no stack trace), exit code 1 unless given. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Write a chunk, waiting for the stream to drain when it asks to (large reports on a pipe). */
export async function write(out: CliOut, chunk: string): Promise<void> {
  const ok = out.write(chunk);
  if (ok === false && out.once) await new Promise<void>((resolve) => out.once!("drain", resolve));
}

/** node:util parseArgs, strict, with its errors turned into usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
}

/**
 * Open the configured database for a command that needs the data: it must
 * exist and be migrated to the current version.
 */
export async function openExistingDb(ctx: CommandContext): Promise<Db> {
  const pg = isPostgresUrl(ctx.dbPath);
  if (!pg && ctx.dbPath !== ":memory:" && !existsSync(ctx.dbPath)) throw new CliError(`no database at ${ctx.dbPath}; run "migrate" first (or pass --db PATH)`);
  const db = openDatabase(ctx.dbPath);
  try {
    const { applied, expected } = await migrationStatus(db);
    if (applied < expected) {
      throw new CliError(`the database at ${databaseLocation(db)} is not up to date (${applied} of ${expected} migrations applied); run "migrate" first`);
    }
  } catch (e) {
    await closeDatabase(db);
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot open the database at ${pg ? databaseLocation(db) : ctx.dbPath}: ${(e as Error).message}`);
  }
  return db;
}

/** A date argument, by the one date schema of the forms and imports (validation.ts: a calendar date, 1950–2100). */
export function isDateArg(value: string): boolean {
  return validate(isoDate(), value).ok;
}

/** A period argument (YYYY-MM), by the one period schema of the forms and imports (up to 12 months ahead). */
export function isPeriodArg(value: string): boolean {
  return validate(isoMonth(), value).ok;
}

/** A policy's effective month, as the policy form takes it (1950-01 to 2100-12). */
export function isPolicyMonthArg(value: string): boolean {
  return validate(policyMonth(), value).ok;
}
