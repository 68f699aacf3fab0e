/** `report deliveries`: per employee, what became of the month's statement (issue 19.5). */
import { deliveries } from "~/models/statement-mail.server";
import { toCsv } from "~/shared/csv";
import { xlsxStream } from "~/server/xlsx.server";
import { CliError, isPeriodArg, openExistingDb, UsageError, write, type CliOut, type CommandContext } from "../context";
import { closeDatabase } from "../../../db/connection";

/** Bytes to standard output, waiting for it to drain. */
async function writeBytes(out: CliOut, chunk: Buffer): Promise<void> {
  const ok = (out as unknown as { write(c: Buffer): unknown }).write(chunk);
  if (ok === false && out.once) await new Promise<void>((resolve) => out.once!("drain", resolve));
}

export const DELIVERY_COLUMNS = [
  "employee_no",
  "version",
  "issued_on",
  "recorded_later",
  "recorded_at",
  "sent_at",
  "send_state",
  "send_error",
  "first_viewed_at",
  "acknowledged_at",
  "disputed_at",
  "dispute_state",
] as const;

export async function runDeliveries(values: { employer?: string; period?: string; format?: string }, ctx: CommandContext): Promise<number> {
  if (!values.employer) throw new UsageError("--employer is required");
  if (!values.period || !isPeriodArg(values.period)) throw new UsageError(`--period ${values.period ? `"${values.period}" is not a month YYYY-MM` : "is required"}`);
  const format = values.format ?? "csv";
  if (format !== "csv" && format !== "xlsx") throw new UsageError(`--format "${format}" is not csv or xlsx`);
  const db = await openExistingDb(ctx);
  try {
    const rows = await deliveries(db, values.employer, values.period);
    if (!rows) throw new CliError(`no employer with code "${values.employer}"`);
    const out = rows.map((r) => [
      r.employeeNo,
      String(r.version),
      r.issuedOn,
      r.recordedLater ? "yes" : "no",
      r.recordedLater ? r.recordedAt : "",
      r.sentAt ?? "",
      r.sendState ?? (r.email ? "" : "no_address"),
      r.sendError ?? "",
      r.firstViewedAt ?? "",
      r.acknowledgedAt ?? "",
      r.disputedAt ?? "",
      r.disputeState ?? "",
    ]);
    if (format === "xlsx") {
      // Employee numbers and states as text; the dates and times as they are written in the CSV.
      const sheet = { name: `deliveries-${values.period}`, columns: DELIVERY_COLUMNS.map((header, i) => ({ header, type: "text" as const, value: (r: string[]) => r[i] ?? "" })), rows: out };
      for await (const chunk of xlsxStream([sheet])) await writeBytes(ctx.io.stdout, chunk as Buffer);
      return 0;
    }
    await write(ctx.io.stdout, toCsv([[...DELIVERY_COLUMNS], ...out]));
    return 0;
  } finally {
    await closeDatabase(db);
  }
}
