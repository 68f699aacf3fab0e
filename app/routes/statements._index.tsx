import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { employerOptions } from "~/models/employer.server";
import { inviteEmployees } from "~/models/invite.server";
import { answerDispute, deliveries, deliveryCounts, enqueueMonth, openDisputes, type DeliveryRow } from "~/models/statement-mail.server";
import { issueStatements, type IssueProblem } from "~/models/statement-issue.server";
import { monthsWithoutStatements, statementEmployerId, statementMonthOverview, type MonthOverviewRow } from "~/models/statement-overview.server";
import { addMonths, monthOf } from "~/rules/dates";
import styles from "~/styles/statements.css";
import { actorOf, requireCodeInScope, requireInScope, requirePermission, scopeOf } from "~/server/auth.server";
import { shanghaiDateTime } from "~/shared/shanghai-time";
import { today } from "~/server/clock.server";
import { useFormat } from "~/hooks/use-format";
import { db } from "~/server/db.server";
import { formValues } from "~/server/forms.server";
import { useRenderMsg } from "~/hooks/use-render-msg";
import { statementErrorMsg } from "~/shared/messages";
import { parseSearchParams } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import { can } from "~/shared/permissions";
import { kickMailWorker, mailSetup } from "~/server/mail-worker.server";
import { DELIVERY_FILTERS, IssueFormSchema, StatementsQuerySchema, type DeliveryFilter } from "~/url-state/statements-query";
import { OneEmployerFilters } from "~/components/employer-filters";
import { PageHead } from "~/components/page-head";
import { SubmitRow } from "~/components/submit-row";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "statements.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "statement:read");
  const query = parseSearchParams(request, StatementsQuerySchema);
  const now = today();
  const asOf = query.asOf ?? now;
  // A scoped account (issue 21) is offered only its employers; asking for another one answers 404.
  const scope = await scopeOf(user);
  requireCodeInScope(scope, query.employer);
  const employers = await employerOptions(db, scope?.codes);
  const employerCode = employers.some((e) => e.code === query.employer) ? query.employer : (employers[0]?.code ?? "");
  const period = query.period ?? addMonths(monthOf(asOf), -1);
  const overview = employerCode ? await statementMonthOverview(db, { employerCode, period, asOf }) : null;
  const [issued, corrected, skipped] = query.done ? query.done.split(".").map(Number) : [];
  const delivery = employerCode ? (await deliveries(db, employerCode, period) ?? []) : [];
  const byEmployee = new Map(delivery.map((d) => [d.employeeId, d]));
  const rows = (overview?.rows ?? []).map((r) => ({ ...r, delivery: byEmployee.get(r.employeeId) ?? null }));
  const num = (v: string | undefined) => (v ? v.split(".").map(Number) : null);
  const sent = num(query.sent);
  const invited = num(query.invited);
  return json({
    rows: rows.filter((r) => matches(r.delivery, query.show)),
    show: query.show,
    counts: deliveryCounts(delivery),
    mail: mailSetup(),
    disputes: employerCode ? await openDisputes(db, [employerCode]) : [],
    sentDone: sent ? { queued: sent[0]!, requeued: sent[1]!, already: sent[2]!, noAddress: sent[3]! } : null,
    invitedDone: invited ? { invited: invited[0]!, active: invited[1]!, pending: invited[2]!, noAddress: invited[3]!, conflict: invited[4]! } : null,
    answered: query.answered === "1",
    today: now,
    asOf,
    period,
    employerCode,
    employers,
    overview,
    missing: employerCode ? await monthsWithoutStatements(db, employerCode, asOf) : [],
    canWrite: can(user.role, "statement:write"),
    done: query.done ? { issued: issued!, corrected: corrected!, skipped: skipped! } : null,
  });
}

function matches(d: DeliveryRow | null, show: DeliveryFilter): boolean {
  switch (show) {
    case "all":
      return true;
    case "sent":
      return d?.sendState === "sent";
    case "failed":
      return d?.sendState === "failed";
    case "unsent":
      return !!d && d.sendState !== "sent";
    case "opened":
      return !!d?.firstViewedAt;
    case "unopened":
      return !!d && !d.firstViewedAt;
    case "acknowledged":
      return !!d?.acknowledgedAt;
    case "disputed":
      return !!d?.disputedAt;
    case "openDisputes":
      return d?.disputeState === "open";
    case "recordedLater":
      return !!d?.recordedLater;
  }
}

type ActionFailure = { ok: false; problems: IssueProblem[]; invalid: boolean; reasonMissing: boolean; values: Record<string, string>; mailError?: string };

/**
 * HR issues the month (dated today), one employee's statement or correction
 * (carrying the version it corrects), records history, sends, invites, or
 * answers a dispute; auditors get 403 (they see no forms either).
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "statement:write");
  const values = await formValues(request);
  const parsed = IssueFormSchema.safeParse(values);
  if (!parsed.success) return json<ActionFailure>({ ok: false, problems: [], invalid: true, reasonMissing: false, values }, { status: 400 });
  const form = parsed.data;
  // Every intent names its employer, and an answer its statement: outside the account's scope, neither exists (issue 21).
  const scope = await scopeOf(user);
  requireCodeInScope(scope, form.employer);
  if (form.intent === "answer") requireInScope(scope, { id: await statementEmployerId(db, form.statementId) });
  const fail = (extra: Partial<ActionFailure>, status = 400) =>
    json<ActionFailure>({ ok: false, problems: [], invalid: false, reasonMissing: false, values, ...extra }, { status });
  const back = (extra: Record<string, string>) => redirect(`/statements?${new URLSearchParams({ employer: form.employer, period: form.period, ...extra })}`);
  if (form.intent === "send") {
    const r = await enqueueMonth(db, { employerCode: form.employer, period: form.period, which: form.which }, actorOf(user));
    if (!r.ok) return fail({ mailError: "nothingIssued" });
    kickMailWorker();
    return back({ sent: `${r.queued}.${r.requeued}.${r.already}.${r.noAddress}` });
  }
  if (form.intent === "invite") {
    const r = await inviteEmployees(db, { employerCode: form.employer, period: form.period, employeeNo: form.employeeNo || undefined }, actorOf(user));
    if (!r.ok) return fail({ problems: [r.code === "unknownEmployee" ? { code: "unknownEmployee", params: { employeeNo: form.employeeNo } } : { code: "unknownEmployer", params: { code: form.employer } }] });
    kickMailWorker();
    return back({ invited: `${r.invited}.${r.active}.${r.pending}.${r.noAddress}.${r.conflict}` });
  }
  if (form.intent === "answer") {
    const r = await answerDispute(db, { statementId: form.statementId, answer: form.answer }, actorOf(user));
    if (!r.ok) return fail({ mailError: r.code });
    return back({ answered: "1", show: "disputed" });
  }
  if (form.intent === "one" && form.correction === "1" && !form.reason) return fail({ reasonMissing: true });
  const now = today();
  if (form.intent === "history" && form.claimedOn > now) return fail({ problems: [{ code: "futureDate", params: { date: form.claimedOn } }] });
  const result = await issueStatements(
    db,
    {
      employerCode: form.employer,
      period: form.period,
      // The web issues statements dated today; only the explicit history action keeps an earlier, claimed date.
      issuedOn: form.intent === "history" ? form.claimedOn : now,
      ...(form.intent === "one" ? { employeeNo: form.employeeNo, reason: form.reason || undefined, corrects: form.correction === "1" ? form.corrects : undefined } : {}),
      ...(form.intent === "history" ? { employeeNo: form.employeeNo || undefined, recordedLater: form.claimedOn !== now } : {}),
    },
    actorOf(user),
  );
  // The English `errors` are for the command line; the page shows the coded `problems` in the reader's language.
  if (!result.ok) return fail({ problems: result.problems });
  if (form.intent === "one" && form.correction === "1") kickMailWorker();
  return back({ done: `${result.issued}.${result.corrected}.${result.skipped}` });
}

type Failure = ActionFailure;
type Context = { employerCode: string; period: string; today: string; failure: Failure | null };
type Row = MonthOverviewRow & { delivery: DeliveryRow | null };

function StatementCell({ row }: { row: Row }) {
  const { t } = useTranslation();
  if (!row.latest) return <span className="badge badge-warning">{t("statements.status.none")}</span>;
  return (
    <>
      <Link to={`/statements/${row.latest.id}`}>{t("statements.status.version", { version: row.latest.version, date: row.latest.issuedOn })}</Link>
      {row.latest.version > 1 ? (
        <>
          {" "}
          <span className="badge badge-closed" title={row.latest.reason}>
            {t("statements.status.corrected")}
          </span>
        </>
      ) : null}
      {row.delivery?.recordedLater && row.delivery.statementId === row.latest.id ? (
        <>
          {" "}
          <span className="badge badge-closed">{t("mail.evidence.recordedLater", { at: row.delivery.recordedAt.slice(0, 10) })}</span>
        </>
      ) : null}
    </>
  );
}

function ViewedCell({ row }: { row: Row }) {
  const { t } = useTranslation();
  if (!row.latest) return <>{t("common.none")}</>;
  if (!row.latest.firstViewedAt) return <span className="muted">{t("statements.status.notOpened")}</span>;
  return <time dateTime={row.latest.firstViewedAt}>{shanghaiDateTime(row.latest.firstViewedAt)}</time>;
}

function MailCell({ row }: { row: Row }) {
  const { t } = useTranslation();
  const d = row.delivery;
  if (!d) return <>{t("common.none")}</>;
  if (!d.email) return <span className="muted">{t("mail.evidence.state.noAddress")}</span>;
  switch (d.sendState) {
    case null:
      return <span className="muted">{t("mail.evidence.state.none")}</span>;
    case "sent":
      return <span className="badge badge-ok">{t("mail.evidence.state.sent", { at: d.sentAt ? shanghaiDateTime(d.sentAt) : "" })}</span>;
    case "failed":
      return <span className="badge badge-critical">{t("mail.evidence.state.failed", { error: d.sendError ?? "" })}</span>;
    default:
      return <span className="badge badge-warning" title={d.sendError ?? undefined}>{t(`mail.evidence.state.${d.sendState}`)}</span>;
  }
}

function AnswerCell({ row }: { row: Row }) {
  const { t } = useTranslation();
  const d = row.delivery;
  if (d?.acknowledgedAt) return <span className="badge badge-ok" data-testid="acknowledged">{t("mail.evidence.acknowledged", { at: shanghaiDateTime(d.acknowledgedAt) })}</span>;
  if (d?.disputedAt)
    return (
      <span className={d.disputeState === "open" ? "badge badge-critical" : "badge badge-closed"} title={d.disputeReason ?? undefined}>
        {t("mail.evidence.disputed", { at: shanghaiDateTime(d.disputedAt) })}
      </span>
    );
  return <>{t("common.none")}</>;
}

/** One employee: the first statement (dated today), or a correction with its (required) reason and the version it corrects. */
function RowForm({ row, ctx }: { row: Row; ctx: Context }) {
  const { t } = useTranslation();
  const render = useRenderMsg();
  const mine = ctx.failure && ctx.failure.values.intent === "one" && ctx.failure.values.employeeNo === row.employeeNo ? ctx.failure : null;
  const isCorrection = row.latest !== null;
  const reasonId = `reason-${row.employeeId}`;
  const errorId = `row-error-${row.employeeId}`;
  const message = mine ? (mine.reasonMissing ? t("statements.correct.reasonRequired") : mine.invalid ? t("errors.badRequest") : mine.problems.map((p) => render(statementErrorMsg(p))).join(" ")) : null;
  return (
    <Form method="post" className="row-form" preventScrollReset>
      <input type="hidden" name="intent" value="one" />
      <input type="hidden" name="employer" value={ctx.employerCode} />
      <input type="hidden" name="period" value={ctx.period} />
      <input type="hidden" name="employeeNo" value={row.employeeNo} />
      <input type="hidden" name="correction" value={isCorrection ? "1" : "0"} />
      {row.latest ? <input type="hidden" name="corrects" value={row.latest.version} /> : null}
      {isCorrection ? (
        <>
          <label className="visually-hidden" htmlFor={reasonId}>
            {t("statements.correct.reason")}
          </label>
          <input
            id={reasonId}
            type="text"
            name="reason"
            maxLength={500}
            required
            placeholder={t("statements.correct.reason")}
            defaultValue={mine?.values.reason ?? ""}
            aria-invalid={mine?.reasonMissing ? true : undefined}
            aria-describedby={message ? errorId : undefined}
          />
        </>
      ) : null}
      <button type="submit" className="btn btn-ghost btn-small">
        {isCorrection ? t("statements.correct.submit") : t("statements.issue.one")}
      </button>
      {message ? (
        <span className="field-error" id={errorId} role="alert">
          {message}
        </span>
      ) : null}
    </Form>
  );
}

const col = createColumnHelper<Row>();

function overviewColumns(t: TFunction, canWrite: boolean, ctx: Context) {
  const cols = [
    col.accessor("employeeNo", { header: t("fields.employeeNo"), meta: { className: "mono nowrap" } }),
    col.accessor("name", { header: t("firstday.personName"), cell: (c) => <Link to={`/employees/${c.row.original.employeeId}`}>{c.getValue()}</Link> }),
    col.display({ id: "statement", header: t("statements.columns.statement"), cell: (c) => <StatementCell row={c.row.original} /> }),
    col.accessor("firstIssuedOn", { header: t("statements.columns.firstIssued"), cell: (c) => c.getValue() ?? t("common.none"), meta: { className: "nowrap" } }),
    col.display({ id: "mail", header: t("mail.evidence.columns.mail"), cell: (c) => <MailCell row={c.row.original} /> }),
    col.display({ id: "viewed", header: t("statements.columns.firstViewed"), cell: (c) => <ViewedCell row={c.row.original} />, meta: { className: "nowrap" } }),
    col.display({ id: "answer", header: t("mail.evidence.columns.answer"), cell: (c) => <AnswerCell row={c.row.original} /> }),
  ];
  if (canWrite) cols.push(col.display({ id: "correct", header: t("common.actions"), cell: (c) => <RowForm row={c.row.original} ctx={ctx} /> }));
  return cols;
}

function Hidden({ employer, period }: { employer: string; period: string }) {
  return (
    <>
      <input type="hidden" name="employer" value={employer} />
      <input type="hidden" name="period" value={period} />
    </>
  );
}

type Missing = ReturnType<typeof useLoaderData<typeof loader>>["missing"][number];
const missingCol = createColumnHelper<Missing>();

/** The months whose statements are late: how many employees, the deadline, how late. */
function MissingTable({ missing, linkFor }: { missing: Missing[]; linkFor: (period: string) => string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns = [
    missingCol.accessor("period", { header: t("statements.month"), cell: (c) => <Link to={linkFor(c.getValue())}>{fmt.month(c.getValue())}</Link> }),
    missingCol.accessor("employees", { header: t("statements.missing.employees"), cell: (c) => fmt.number(c.getValue()), meta: { className: "num" } }),
    missingCol.accessor("deadline", { header: t("statements.missing.deadline"), meta: { className: "nowrap" } }),
    missingCol.accessor("days", { header: t("statements.missing.daysLate"), meta: { className: "num" } }),
  ];
  return <DataTable data={missing} columns={columns} empty={t("statements.missing.none")} rowKey={(m) => m.period} testId="missing-months" />;
}

/** One of the delivery card's buttons: send the month's new statements, or again those that failed or are unopened. */
function SendForm({ which, employer, period, label, primary = false, disabled }: { which: "new" | "failed" | "unopened"; employer: string; period: string; label: string; primary?: boolean; disabled?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="send" />
      <input type="hidden" name="which" value={which} />
      <Hidden employer={employer} period={period} />
      <button type="submit" className={primary ? "btn" : "btn btn-ghost"} disabled={disabled}>
        {label}
      </button>
    </Form>
  );
}

export default function Statements() {
  const data = useLoaderData<typeof loader>();
  const { today, asOf, period, employerCode, employers, overview, missing, canWrite, done, rows, show, counts, mail, disputes, sentDone, invitedDone, answered } = data;
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const fmt = useFormat();
  const render = useRenderMsg();
  const failure = actionData && !actionData.ok ? actionData : null;
  const batchFailure = failure && (failure.values.intent === "issue" || failure.values.intent === "history") ? failure : null;
  const inviteFailure = failure && failure.values.intent === "invite" ? failure : null;
  const ctx: Context = { employerCode, period, today, failure };
  const employerName = overview?.employer.name ?? employerCode;
  const linkFor = (p: string) => `/statements?${new URLSearchParams({ employer: employerCode, period: p, asOf })}`;
  return (
    <>
      <PageHead title={t("statements.title")} intro={t("statements.intro")}>
        {overview && overview.issued > 0 ? (
          <Link className="btn btn-ghost" to={`/statements/print?${new URLSearchParams({ employer: employerCode, period })}`}>
            {t("statements.printMonth")}
          </Link>
        ) : null}
      </PageHead>
      {!canWrite ? <p className="notice notice-warning">{t("common.readOnly")}</p> : null}
      {done && !failure ? (
        <p className="notice notice-ok" role="status">
          {t("statements.issue.done", done)}
        </p>
      ) : null}
      {sentDone ? (
        <p className="notice notice-ok" role="status" data-testid="send-done">
          {t("mail.evidence.sendDone", sentDone)}
        </p>
      ) : null}
      {invitedDone ? (
        <p className="notice notice-ok" role="status">
          {t("mail.invite.done", invitedDone)}
        </p>
      ) : null}
      {answered ? (
        <p className="notice notice-ok" role="status">
          {t("mail.disputes.answered")}
        </p>
      ) : null}
      {inviteFailure && inviteFailure.problems.length > 0 ? (
        <p className="notice notice-error" role="alert">
          {inviteFailure.problems.map((p) => render(statementErrorMsg(p))).join(" ")}
        </p>
      ) : null}
      {failure?.mailError ? (
        <p className="notice notice-error" role="alert">
          {failure.mailError === "nothingIssued" ? t("mail.evidence.nothingIssued") : t(`mail.disputes.${failure.mailError as "answerRequired" | "answerTooLong" | "notOpen"}`)}
        </p>
      ) : null}

      <OneEmployerFilters label={t("fields.employer")} value={employerCode} employers={employers} submitLabel={t("statements.show")}>
        <Field label={t("statements.month")} name="period" type="month" placeholder="YYYY-MM" defaultValue={period} required />
        <Field label={t("common.asOf")} name="asOf" type="date" defaultValue={asOf} required />
        <SelectField label={t("mail.evidence.filter")} name="show" defaultValue={show}>
          {DELIVERY_FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`mail.evidence.filters.${f}`)}
            </option>
          ))}
        </SelectField>
      </OneEmployerFilters>

      {canWrite && overview ? (
        <Form method="post" className="card issue-card">
          <h2>{t("statements.issue.heading")}</h2>
          <p className="muted">{t("statements.issue.help", { employer: employerName, period: fmt.month(period) })}</p>
          <p className="muted" data-testid="issued-today">
            {t("mail.history.issuedToday", { date: today })}
          </p>
          <input type="hidden" name="intent" value="issue" />
          <Hidden employer={employerCode} period={period} />
          {batchFailure ? (
            <div className="notice notice-error" role="alert">
              {batchFailure.invalid ? t("errors.badRequest") : t("statements.issue.failed")}
              {batchFailure.problems.length > 0 ? (
                <ul>
                  {batchFailure.problems.map((p, i) => (
                    <li key={i}>{render(statementErrorMsg(p))}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <SubmitRow label={t("statements.issue.submit", { period: fmt.month(period) })} />
        </Form>
      ) : null}

      {overview ? (
        <section aria-labelledby="month-heading">
          <h2 id="month-heading">
            {overview.employer.code} · {overview.employer.name} · {fmt.month(period)}
          </h2>
          <p className="muted" data-testid="month-summary">
            {t("statements.summary", { issued: fmt.number(overview.issued), liable: fmt.number(overview.liable), viewed: fmt.number(overview.viewed), period: fmt.month(period) })}
          </p>
          <section className="card delivery-card" aria-labelledby="delivery-heading">
            <h3 id="delivery-heading">{t("mail.evidence.heading")}</h3>
            <p className={mail.mode === "outbox" ? "notice notice-warning" : "muted"} data-testid="mail-mode">
              {mail.mode === "outbox" ? t("mail.evidence.modeOutbox", { dir: mail.outboxDir ?? "" }) : t("mail.evidence.modeSmtp")}
            </p>
            <p className="delivery-summary" data-testid="delivery-counts">
              {t("mail.evidence.counts", counts)}
            </p>
            {canWrite ? (
              <div className="delivery-actions">
                <SendForm which="new" employer={employerCode} period={period} label={t("mail.evidence.send", { period: fmt.month(period) })} primary />
                <SendForm which="failed" employer={employerCode} period={period} label={t("mail.evidence.resendFailed")} disabled={counts.failed === 0} />
                <SendForm which="unopened" employer={employerCode} period={period} label={t("mail.evidence.resendUnopened")} />
                <Form method="post" className="invite-form">
                  <input type="hidden" name="intent" value="invite" />
                  <Hidden employer={employerCode} period={period} />
                  <label className="visually-hidden" htmlFor="invite-employeeNo">
                    {t("mail.invite.one")}
                  </label>
                  <input id="invite-employeeNo" type="text" name="employeeNo" maxLength={50} placeholder={t("mail.invite.one")} />
                  <button type="submit" className="btn btn-ghost" title={t("mail.invite.help")}>
                    {t("mail.invite.submit")}
                  </button>
                </Form>
              </div>
            ) : null}
          </section>

          <section aria-labelledby="disputes-heading" className="card">
            <h3 id="disputes-heading">{t("mail.disputes.heading")}</h3>
            {disputes.length === 0 ? (
              <p className="muted">{t("mail.disputes.none")}</p>
            ) : (
              <ul className="plain-list dispute-list" data-testid="open-disputes">
                {disputes.map((d) => (
                  <li key={d.statementId}>
                    <p>
                      <strong>
                        {d.employeeNo} · {d.name}
                      </strong>{" "}
                      · {fmt.month(d.period)} · <Link to={`/statements/${d.statementId}`}>{t("statements.status.version", { version: d.version, date: "" })}</Link> · {shanghaiDateTime(d.at)}
                    </p>
                    <blockquote>{d.reason}</blockquote>
                    {canWrite ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="answer" />
                        <input type="hidden" name="statementId" value={d.statementId} />
                        <Hidden employer={employerCode} period={period} />
                        <label className="visually-hidden" htmlFor={`answer-${d.statementId}`}>
                          {t("mail.disputes.answer")}
                        </label>
                        <input id={`answer-${d.statementId}`} type="text" name="answer" maxLength={2000} required placeholder={t("mail.disputes.answer")} />
                        <button type="submit" className="btn btn-ghost btn-small">
                          {t("mail.disputes.submitAnswer")}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <DataTable
            data={rows}
            columns={overviewColumns(t, canWrite, ctx)}
            empty={t("statements.empty")}
            caption={`${t("statements.title")} ${fmt.month(period)}`}
            rowKey={(r) => String(r.employeeId)}
          />

          {canWrite ? (
            <details className="card">
              <summary>{t("mail.history.heading")}</summary>
              <p className="muted">{t("mail.history.help")}</p>
              <Form method="post" className="form-grid">
                <input type="hidden" name="intent" value="history" />
                <Hidden employer={employerCode} period={period} />
                <Field label={t("mail.history.claimedOn")} name="claimedOn" id="history-claimedOn" type="date" max={today} required />
                <Field label={t("fields.employeeNo")} name="employeeNo" id="history-employeeNo" maxLength={50} />
                <div className="form-actions">
                  <button type="submit" className="btn btn-ghost">
                    {t("mail.history.submit")}
                  </button>
                </div>
              </Form>
            </details>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="missing-heading">
        <h2 id="missing-heading">{t("statements.missing.heading")}</h2>
        <p className="muted">{t("statements.missing.intro", { date: fmt.longDate(asOf) })}</p>
        {missing.length === 0 ? (
          <p className="notice notice-ok">{t("statements.missing.none")}</p>
        ) : (
          <MissingTable missing={missing} linkFor={linkFor} />
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
