import { existsSync } from "node:fs";
import { migrate, openDatabase, closeDatabase } from "../../../db/connection";
import { databaseIsEmpty } from "../../../db/seed/common";
import { seedDemo } from "../../../db/seed/demo";
import { seedScale } from "../../../db/seed/scale";
import { isValidDate, shanghaiDate } from "~/rules/dates";
import { hashPassword } from "~/server/password.server";
import { CliError, parseOptions, UsageError, type CommandContext } from "../context";

export const summary = "fill an empty database with demo or benchmark data";
export const usage = `seed demo [--if-empty] [--today YYYY-MM-DD]
  Two employers in two regions, ~200 employees over two years with every art. 58 state,
  two years of declarations, payments and statements, and one user per role (printed).
  --if-empty: do nothing (exit 0) when the database already holds data.
seed scale --employees N --months M [--employers K] [--today YYYY-MM-DD]
  A deterministic large data set for benchmarks (all states, most months declared, paid, with statements):
  two employers (GRP-SH with three in four employees, GRP-BJ), or K employers of equal size (E001…).
  Dates are relative to --today (default: today in Asia/Shanghai). The database is migrated first.`;

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    "if-empty": { type: "boolean" },
    today: { type: "string" },
    employees: { type: "string" },
    months: { type: "string" },
    employers: { type: "string" },
  });
  const kind = positionals[0];
  if (positionals.length !== 1 || (kind !== "demo" && kind !== "scale")) throw new UsageError("seed needs one kind: demo or scale");
  const today = values.today ?? shanghaiDate(new Date());
  if (!isValidDate(today)) throw new UsageError(`--today must be a date YYYY-MM-DD (got "${today}")`);
  const fresh = ctx.dbPath === ":memory:" || !existsSync(ctx.dbPath);
  const db = openDatabase(ctx.dbPath);
  try {
    await migrate(db);
    if (!await databaseIsEmpty(db)) {
      if (values["if-empty"]) {
        ctx.io.stdout.write(`database ${ctx.dbPath} already holds data; not seeding\n`);
        return 0;
      }
      throw new CliError(`the database at ${ctx.dbPath} already holds data; seed needs an empty database (use --if-empty to skip)`);
    }
    if (kind === "demo") {
      const r = await seedDemo(db, { today, hash: hashPassword });
      ctx.io.stdout.write(`seeded ${fresh ? "a new" : "the"} database ${ctx.dbPath}: ${r.employers} employers, ${r.employees} employees, as of ${today}\n`);
      ctx.io.stdout.write("demo sign-ins (e-mail / password):\n");
      for (const u of r.users) ctx.io.stdout.write(`  ${u.role.padEnd(8)} ${u.email.padEnd(24)} ${u.password}${u.employeeNo ? `  (employee ${u.employeeNo})` : ""}\n`);
      return 0;
    }
    const n = Number(values.employees ?? "");
    const m = Number(values.months ?? "");
    if (!Number.isInteger(n) || n < 1 || n > 200_000) throw new UsageError("--employees must be a whole number from 1 to 200000");
    if (!Number.isInteger(m) || m < 1 || m > 120) throw new UsageError("--months must be a whole number from 1 to 120");
    const k = values.employers === undefined ? undefined : Number(values.employers);
    if (k !== undefined && (!Number.isInteger(k) || k < 1 || k > 1000 || k > n)) throw new UsageError("--employers must be a whole number from 1 to 1000, and at most --employees");
    const started = Date.now();
    const r = await seedScale(db, { employees: n, months: m, today, ...(k === undefined ? {} : { employers: k }) });
    ctx.io.stdout.write(
      `seeded ${r.employees} employees × ${m} months as of ${today}: ${r.declarations} declaration lines, ${r.payments} payments, ${r.statements} statements in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return 0;
  } finally {
    await closeDatabase(db);
  }
}
