import { employerOptions } from "~/models/employer.server";
import { evaluateAsOf } from "~/models/engine.server";
import { shanghaiDate } from "~/rules/dates";
import { humanHeaderZh, reportChunks, type ReportKind } from "~/rules/report";
import { runDeliveries } from "./deliveries";
import { reportSheet } from "~/server/report-xlsx.server";
import { xlsxStream } from "~/server/xlsx.server";
import { CliError, isDateArg, openExistingDb, parseOptions, UsageError, write, type CliOut, type CommandContext } from "../context";
import { closeDatabase } from "../../../db/connection";

export const summary = "write the findings or overdue report (SPEC §7 CSV, or .xlsx) to standard output";
export const usage = `report findings [--as-of D] [--employer CODE] [--human-header] [--format csv|xlsx] [--lang zh|en]
report overdue  [--as-of D] [--warnings] [--employer CODE] [--human-header] [--format csv|xlsx] [--lang zh|en]
report deliveries --employer CODE --period YYYY-MM [--format csv|xlsx]
  D defaults to today in Asia/Shanghai. --human-header adds a Chinese header row (CSV).
  --format xlsx writes an Excel workbook (header in Chinese, or English with --lang en).`;

/** Bytes to standard output, waiting for it to drain. */
async function writeBytes(out: CliOut, chunk: Buffer): Promise<void> {
  const ok = (out as unknown as { write(c: Buffer): unknown }).write(chunk);
  if (ok === false && out.once) await new Promise<void>((resolve) => out.once!("drain", resolve));
}

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    "as-of": { type: "string" },
    employer: { type: "string" },
    warnings: { type: "boolean" },
    "human-header": { type: "boolean" },
    period: { type: "string" },
    format: { type: "string" },
    lang: { type: "string" },
  });
  if (positionals.length === 1 && positionals[0] === "deliveries") return await runDeliveries(values, ctx);
  if (positionals.length !== 1) throw new UsageError("report needs a kind: findings or overdue");
  const kind = positionals[0] as ReportKind;
  if (kind !== "findings" && kind !== "overdue") throw new UsageError(`unknown report "${positionals[0]}"`);
  if (values.warnings && kind !== "overdue") throw new UsageError("--warnings is for the overdue report (the findings report lists every finding)");
  const format = values.format ?? "csv";
  if (format !== "csv" && format !== "xlsx") throw new UsageError(`--format "${format}" is not csv or xlsx`);
  const lang = values.lang ?? "zh";
  if (lang !== "zh" && lang !== "en") throw new UsageError(`--lang "${lang}" is not zh or en`);
  const asOf = values["as-of"] ?? shanghaiDate(new Date());
  if (!isDateArg(asOf)) throw new UsageError(`--as-of "${asOf}" is not a date YYYY-MM-DD`);

  const db = await openExistingDb(ctx);
  try {
    const code = values.employer?.trim();
    if (values.employer !== undefined) {
      if (!code || !(await employerOptions(db)).some((e) => e.code === code)) throw new CliError(`no employer with code "${values.employer}"`);
    }
    const evaluation = await evaluateAsOf(db, asOf, code ? { employerCodes: [code] } : {});
    for (const p of evaluation.configProblems) {
      await write(
        ctx.io.stderr,
        `warning: ${p.employerCode} ${p.period}: ${p.liableCount} liable employee${p.liableCount === 1 ? "" : "s"} but no policy in force for region ${p.region}; the month is not evaluated\n`,
      );
    }
    if (format === "xlsx") {
      for await (const chunk of xlsxStream([reportSheet(kind, evaluation.findings, lang, { warnings: values.warnings === true })])) await writeBytes(ctx.io.stdout, chunk as Buffer);
      return 0;
    }
    const humanHeader = values["human-header"] ? humanHeaderZh(kind) : undefined;
    for (const chunk of reportChunks(kind, evaluation.findings, { warnings: values.warnings === true, humanHeader })) await write(ctx.io.stdout, chunk);
    return 0;
  } finally {
    await closeDatabase(db);
  }
}
