import { CLI_ACTOR } from "~/models/audit.server";
import { issueStatements } from "~/models/statement.server";
import { isValidDate, isValidMonth } from "~/rules/dates";
import { openExistingDb, parseOptions, UsageError, write, type CommandContext } from "../context";

export const summary = "issue monthly statements (SPEC §6)";
export const usage = `statements issue --employer CODE --period YYYY-MM [--employee NO] --on YYYY-MM-DD [--reason TEXT]
  Without --employee, for every employee liable in the month. A month that already has a
  statement is corrected only with --reason. --employer may be left out where the
  installation holds one employer.`;

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    employer: { type: "string" },
    period: { type: "string" },
    employee: { type: "string" },
    on: { type: "string" },
    reason: { type: "string" },
  });
  if (positionals.length !== 1 || positionals[0] !== "issue") throw new UsageError(positionals.length ? `unknown statements command "${positionals.join(" ")}"` : "statements needs a subcommand: issue");
  if (!values.period) throw new UsageError("--period is required");
  if (!isValidMonth(values.period)) throw new UsageError(`--period "${values.period}" is not a month YYYY-MM`);
  if (!values.on) throw new UsageError("--on is required (the issue date)");
  if (!isValidDate(values.on)) throw new UsageError(`--on "${values.on}" is not a date YYYY-MM-DD`);

  const db = openExistingDb(ctx);
  try {
    const result = issueStatements(
      db,
      { employerCode: values.employer ?? "", period: values.period, employeeNo: values.employee, issuedOn: values.on, reason: values.reason },
      CLI_ACTOR,
    );
    if (!result.ok) {
      await write(ctx.io.stderr, result.errors.map((e) => `error: ${e}\n`).join("") + "no statement was issued\n");
      return 1;
    }
    const extra = [
      "corrected" in result && result.corrected ? `${result.corrected} corrected` : "",
      "skipped" in result && result.skipped ? `${result.skipped} skipped (already issued; give --reason to correct)` : "",
    ].filter(Boolean);
    ctx.io.stdout.write(
      `issued ${result.issued} statement${result.issued === 1 ? "" : "s"} for ${values.period}${extra.length ? ` (${extra.join(", ")})` : ""}\n`,
    );
    return 0;
  } finally {
    db.$client.close();
  }
}
