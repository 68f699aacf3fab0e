import { CLI_ACTOR } from "~/models/audit.server";
import { createMailTransport } from "~/models/mailer.server";
import { inviteEmployees } from "~/models/invite.server";
import { enqueueMonth, outboxCounts, sendDue, type SendWhich } from "~/models/statement-mail.server";
import { issueStatements } from "~/models/statement-issue.server";
import { shanghaiDate } from "~/rules/dates";
import { CliError, isDateArg, isPeriodArg, openExistingDb, parseOptions, UsageError, write, type CommandContext } from "../context";
import { closeDatabase } from "../../../db/connection";

export const summary = "issue monthly statements (SPEC §6) and send them by e-mail";
export const usage = `statements issue --employer CODE --period YYYY-MM [--employee NO] [--on YYYY-MM-DD] [--reason TEXT]
  Without --employee, for every employee liable in the month. A month that already has a
  statement is corrected only with --reason. --employer may be left out where the
  installation holds one employer. Without --on the statement is dated today (Asia/Shanghai);
  --on another date records a statement issued earlier outside Shebao ("recorded later").
statements send --employer CODE --period YYYY-MM [--resend failed|unopened]
  Queue the month's latest statements for every employee with an e-mail address and send
  the outbox (SMTP_URL and MAIL_FROM; without SMTP_URL, .eml files in data/outbox/).
statements send --outbox
  Send whatever is due in the outbox.
statements invite --employer CODE (--period YYYY-MM | --employee NO)
  Invite employees with an e-mail address to the portal (a single-use set-password link, 7 days),
  then send the outbox.`;

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    employer: { type: "string" },
    period: { type: "string" },
    employee: { type: "string" },
    on: { type: "string" },
    reason: { type: "string" },
    resend: { type: "string" },
    outbox: { type: "boolean" },
  });
  const sub = positionals[0];
  if (positionals.length !== 1 || (sub !== "issue" && sub !== "send" && sub !== "invite"))
    throw new UsageError(positionals.length ? `unknown statements command "${positionals.join(" ")}"` : "statements needs a subcommand: issue, send or invite");
  if (sub === "send") return await send(values, ctx);
  if (sub === "invite") return await invite(values, ctx);
  if (!values.period) throw new UsageError("--period is required");
  if (!isPeriodArg(values.period)) throw new UsageError(`--period "${values.period}" is not a month YYYY-MM`);
  if (values.on !== undefined && !isDateArg(values.on)) throw new UsageError(`--on "${values.on}" is not a date YYYY-MM-DD`);
  const today = shanghaiDate(new Date());
  const issuedOn = values.on ?? today;

  const db = await openExistingDb(ctx);
  try {
    const result = await issueStatements(
      db,
      {
        employerCode: values.employer ?? "",
        period: values.period,
        employeeNo: values.employee,
        issuedOn,
        reason: values.reason,
        recordedLater: issuedOn !== today,
      },
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
    if (issuedOn !== today) await write(ctx.io.stderr, `note: recorded later (issued outside Shebao): dated ${issuedOn}, recorded ${today}\n`);
    ctx.io.stdout.write(
      `issued ${result.issued} statement${result.issued === 1 ? "" : "s"} for ${values.period}${extra.length ? ` (${extra.join(", ")})` : ""}\n`,
    );
    return 0;
  } finally {
    await closeDatabase(db);
  }
}

async function send(values: { employer?: string; period?: string; resend?: string; outbox?: boolean }, ctx: CommandContext): Promise<number> {
  let which: SendWhich = "new";
  if (values.resend !== undefined) {
    if (values.resend !== "failed" && values.resend !== "unopened") throw new UsageError(`--resend "${values.resend}" must be failed or unopened`);
    which = values.resend;
  }
  if (!values.outbox) {
    if (!values.employer) throw new UsageError("--employer is required");
    if (!values.period) throw new UsageError("--period is required");
    if (!isPeriodArg(values.period)) throw new UsageError(`--period "${values.period}" is not a month YYYY-MM`);
  }
  const db = await openExistingDb(ctx);
  const transport = createMailTransport({ dbPath: ctx.dbPath });
  try {
    if (!values.outbox) {
      const q = await enqueueMonth(db, { employerCode: values.employer!, period: values.period!, which }, CLI_ACTOR);
      if (!q.ok) {
        throw new CliError(q.code === "unknownEmployer" ? `no employer with code "${values.employer}"` : `no statement is issued for ${values.employer} ${values.period}; issue them first`);
      }
      ctx.io.stdout.write(`queued ${q.queued}, queued again ${q.requeued}, already queued or sent ${q.already}, without an e-mail address ${q.noAddress}\n`);
    }
    const run = await sendDue(db, transport);
    const left = await outboxCounts(db);
    const where = transport.mode === "outbox" ? ` (no SMTP_URL: written to ${transport.outboxDir})` : "";
    ctx.io.stdout.write(`sent ${run.sent}, failed ${run.failed}, to retry ${run.retrying}${where}\n`);
    if (left.queued > 0) ctx.io.stdout.write(`${left.queued} still queued; next attempt ${left.nextAttemptAt} (run "statements send --outbox" again, or leave it to the server)\n`);
    return run.failed > 0 ? 1 : 0;
  } finally {
    transport.close();
    await closeDatabase(db);
  }
}

async function invite(values: { employer?: string; period?: string; employee?: string }, ctx: CommandContext): Promise<number> {
  if (!values.employer) throw new UsageError("--employer is required");
  if (!values.period && !values.employee) throw new UsageError("--period or --employee is required");
  if (values.period && !isPeriodArg(values.period)) throw new UsageError(`--period "${values.period}" is not a month YYYY-MM`);
  const db = await openExistingDb(ctx);
  const transport = createMailTransport({ dbPath: ctx.dbPath });
  try {
    const r = await inviteEmployees(db, { employerCode: values.employer, period: values.period, employeeNo: values.employee }, CLI_ACTOR);
    if (!r.ok) throw new CliError(r.code === "unknownEmployer" ? `no employer with code "${values.employer}"` : `no employee "${values.employee}" at ${values.employer}`);
    ctx.io.stdout.write(`invited ${r.invited}, already active ${r.active}, invited recently ${r.pending}, without an e-mail address ${r.noAddress}, address used by another account ${r.conflict}\n`);
    const run = await sendDue(db, transport);
    ctx.io.stdout.write(`sent ${run.sent}, failed ${run.failed}, to retry ${run.retrying}${transport.mode === "outbox" ? ` (no SMTP_URL: written to ${transport.outboxDir})` : ""}\n`);
    return run.failed > 0 ? 1 : 0;
  } finally {
    transport.close();
    await closeDatabase(db);
  }
}
