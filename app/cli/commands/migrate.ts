import { closeDatabase, databaseLocation, migrate, migrationStatus, openDatabase } from "../../../db/connection";
import { UsageError, type CommandContext } from "../context";

export const summary = "apply the database migrations (drizzle/, or drizzle/pg/ on PostgreSQL)";
export const usage = "migrate";

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  if (args.length > 0) throw new UsageError(`migrate takes no arguments (got ${args.join(" ")})`);
  const db = openDatabase(ctx.dbPath);
  try {
    await migrate(db);
    const { applied } = await migrationStatus(db);
    ctx.io.stdout.write(`database ${databaseLocation(db)} is up to date (${applied} migrations applied)\n`);
  } finally {
    await closeDatabase(db);
  }
  return 0;
}
