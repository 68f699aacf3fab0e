import { migrate, openDatabase } from "../../../db/connection";
import { UsageError, type CommandContext } from "../context";

export const summary = "apply the database migrations (drizzle/)";
export const usage = "migrate";

export function run(args: string[], ctx: CommandContext): number {
  if (args.length > 0) throw new UsageError(`migrate takes no arguments (got ${args.join(" ")})`);
  const db = openDatabase(ctx.dbPath);
  try {
    migrate(db);
    const n = (db.$client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
    ctx.io.stdout.write(`database ${ctx.dbPath} is up to date (${n} migrations applied)\n`);
  } finally {
    db.$client.close();
  }
  return 0;
}
