import { employers } from "../../../db/schema";
import { evaluateAsOf } from "~/models/engine.server";
import { isValidDate, shanghaiDate } from "~/rules/dates";
import { humanHeaderZh, reportChunks, type ReportKind } from "~/rules/report";
import { runDeliveries } from "./deliveries";
import { CliError, openExistingDb, parseOptions, UsageError, write, type CommandContext } from "../context";

export const summary = "write the findings or overdue report (SPEC §7 CSV) to standard output";
export const usage = `report findings [--as-of D] [--employer CODE] [--human-header]
report overdue  [--as-of D] [--warnings] [--employer CODE] [--human-header]
report deliveries --employer CODE --period YYYY-MM [--format csv]
  D defaults to today in Asia/Shanghai. --human-header adds a Chinese header row.`;

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    "as-of": { type: "string" },
    employer: { type: "string" },
    warnings: { type: "boolean" },
    "human-header": { type: "boolean" },
    period: { type: "string" },
    format: { type: "string" },
  });
  if (positionals.length === 1 && positionals[0] === "deliveries") return runDeliveries(values, ctx);
  if (positionals.length !== 1) throw new UsageError("report needs a kind: findings or overdue");
  const kind = positionals[0] as ReportKind;
  if (kind !== "findings" && kind !== "overdue") throw new UsageError(`unknown report "${positionals[0]}"`);
  if (values.warnings && kind !== "overdue") throw new UsageError("--warnings is for the overdue report (the findings report lists every finding)");
  const asOf = values["as-of"] ?? shanghaiDate(new Date());
  if (!isValidDate(asOf)) throw new UsageError(`--as-of "${asOf}" is not a date YYYY-MM-DD`);

  const db = openExistingDb(ctx);
  try {
    const code = values.employer?.trim();
    if (values.employer !== undefined) {
      const codes = new Set(db.select({ code: employers.code }).from(employers).all().map((e) => e.code));
      if (!code || !codes.has(code)) throw new CliError(`no employer with code "${values.employer}"`);
    }
    const evaluation = evaluateAsOf(db, asOf, code ? { employerCodes: [code] } : {});
    for (const p of evaluation.configProblems) {
      await write(
        ctx.io.stderr,
        `warning: ${p.employerCode} ${p.period}: ${p.liableCount} liable employee${p.liableCount === 1 ? "" : "s"} but no policy in force for region ${p.region}; the month is not evaluated\n`,
      );
    }
    const humanHeader = values["human-header"] ? humanHeaderZh(kind) : undefined;
    for (const chunk of reportChunks(kind, evaluation.findings, { warnings: values.warnings === true, humanHeader })) await write(ctx.io.stdout, chunk);
    return 0;
  } finally {
    db.$client.close();
  }
}
