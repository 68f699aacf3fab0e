import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { employerOptions } from "~/models/employer.server";
import { issueStatements, monthsWithoutStatements, statementMonthOverview, type IssueProblem, type MonthOverviewRow } from "~/models/statement.server";
import { addMonths, monthOf } from "~/rules/dates";
import styles from "~/styles/statements.css";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { shanghaiDateTime } from "~/utils/datetime";
import { today } from "~/utils/dates.server";
import { useFormat } from "~/utils/format";
import { db } from "~/utils/db.server";
import { formValues } from "~/utils/forms.server";
import { statementErrorMsg, useRenderMsg } from "~/utils/messages";
import { parseSearchParams } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/permissions";
import { IssueFormSchema, StatementsQuerySchema } from "~/utils/statements-query";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "statements.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "statement:read");
  const query = parseSearchParams(request, StatementsQuerySchema);
  const now = today();
  const asOf = query.asOf ?? now;
  const employers = employerOptions(db);
  const employerCode = employers.some((e) => e.code === query.employer) ? query.employer : (employers[0]?.code ?? "");
  const period = query.period ?? addMonths(monthOf(asOf), -1);
  const overview = employerCode ? statementMonthOverview(db, { employerCode, period, asOf }) : null;
  const [issued, corrected, skipped] = query.done ? query.done.split(".").map(Number) : [];
  return json({
    today: now,
    asOf,
    period,
    employerCode,
    employers,
    overview,
    missing: employerCode ? monthsWithoutStatements(db, employerCode, asOf) : [],
    canWrite: can(user.role, "statement:write"),
    done: query.done ? { issued: issued!, corrected: corrected!, skipped: skipped! } : null,
  });
}

/** HR issues the month, or one employee's statement or correction; auditors get 403 (they see no forms either). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "statement:write");
  const values = await formValues(request);
  const parsed = IssueFormSchema.safeParse(values);
  if (!parsed.success) return json({ ok: false as const, problems: [] as IssueProblem[], invalid: true, reasonMissing: false, values }, { status: 400 });
  const form = parsed.data;
  if (form.intent === "one" && form.correction === "1" && !form.reason) {
    return json({ ok: false as const, problems: [] as IssueProblem[], invalid: false, reasonMissing: true, values }, { status: 400 });
  }
  const result = issueStatements(
    db,
    {
      employerCode: form.employer,
      period: form.period,
      issuedOn: form.issuedOn,
      ...(form.intent === "one" ? { employeeNo: form.employeeNo, reason: form.reason || undefined } : {}),
    },
    actorOf(user),
  );
  // The English `errors` are for the command line; the page shows the coded `problems` in the reader's language.
  if (!result.ok) return json({ ok: false as const, problems: result.problems, invalid: false, reasonMissing: false, values }, { status: 400 });
  const params = new URLSearchParams({ employer: result.employerCode, period: form.period, done: `${result.issued}.${result.corrected}.${result.skipped}` });
  return redirect(`/statements?${params}`);
}

type Failure = { problems: IssueProblem[]; invalid: boolean; reasonMissing: boolean; values: Record<string, string> };
type Context = { employerCode: string; period: string; today: string; failure: Failure | null };

function StatementCell({ row }: { row: MonthOverviewRow }) {
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
    </>
  );
}

function ViewedCell({ row }: { row: MonthOverviewRow }) {
  const { t } = useTranslation();
  if (!row.latest) return <>{t("common.none")}</>;
  if (!row.latest.firstViewedAt) return <span className="muted">{t("statements.status.notOpened")}</span>;
  return <time dateTime={row.latest.firstViewedAt}>{shanghaiDateTime(row.latest.firstViewedAt)}</time>;
}

/** One employee: the first statement, or a correction with its (required) reason. */
function RowForm({ row, ctx }: { row: MonthOverviewRow; ctx: Context }) {
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
      <label className="visually-hidden" htmlFor={`on-${row.employeeId}`}>
        {t("statements.issue.issuedOn")}
      </label>
      <input id={`on-${row.employeeId}`} type="date" name="issuedOn" required defaultValue={mine?.values.issuedOn ?? ctx.today} />
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

const col = createColumnHelper<MonthOverviewRow>();

function overviewColumns(t: TFunction, canWrite: boolean, ctx: Context) {
  const cols = [
    col.accessor("employeeNo", { header: t("fields.employeeNo"), meta: { className: "mono nowrap" } }),
    col.accessor("name", { header: t("fields.name"), cell: (c) => <Link to={`/employees/${c.row.original.employeeId}`}>{c.getValue()}</Link> }),
    col.display({ id: "statement", header: t("statements.columns.statement"), cell: (c) => <StatementCell row={c.row.original} /> }),
    col.accessor("firstIssuedOn", { header: t("statements.columns.firstIssued"), cell: (c) => c.getValue() ?? t("common.none"), meta: { className: "nowrap" } }),
    col.display({ id: "viewed", header: t("statements.columns.firstViewed"), cell: (c) => <ViewedCell row={c.row.original} />, meta: { className: "nowrap" } }),
  ];
  if (canWrite) cols.push(col.display({ id: "correct", header: t("common.actions"), cell: (c) => <RowForm row={c.row.original} ctx={ctx} /> }));
  return cols;
}

export default function Statements() {
  const { today, asOf, period, employerCode, employers, overview, missing, canWrite, done } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const render = useRenderMsg();
  const failure = data && !data.ok ? data : null;
  const batchFailure = failure && failure.values.intent === "issue" ? failure : null;
  const ctx: Context = { employerCode, period, today, failure };
  const employerName = overview?.employer.name ?? employerCode;
  const linkFor = (p: string) => `/statements?${new URLSearchParams({ employer: employerCode, period: p, asOf })}`;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("statements.title")}</h1>
          <p>{t("statements.intro")}</p>
        </div>
        {overview && overview.issued > 0 ? (
          <Link className="btn btn-ghost" to={`/statements/print?${new URLSearchParams({ employer: employerCode, period })}`}>
            {t("statements.printMonth")}
          </Link>
        ) : null}
      </div>
      {!canWrite ? <p className="notice notice-warning">{t("common.readOnly")}</p> : null}
      {done && !failure ? (
        <p className="notice notice-ok" role="status">
          {t("statements.issue.done", done)}
        </p>
      ) : null}

      <Form method="get" className="filters" key={params.toString()}>
        <SelectField label={t("fields.employer")} name="employer" defaultValue={employerCode}>
          {employers.map((e) => (
            <option key={e.code} value={e.code}>
              {e.code} · {e.name}
            </option>
          ))}
        </SelectField>
        <Field label={t("statements.month")} name="period" type="month" placeholder="YYYY-MM" defaultValue={period} required />
        <Field label={t("common.asOf")} name="asOf" type="date" defaultValue={asOf} required />
        <button type="submit" className="btn">
          {t("statements.show")}
        </button>
      </Form>

      {canWrite && overview ? (
        <Form method="post" className="card issue-card">
          <h2>{t("statements.issue.heading")}</h2>
          <p className="muted">{t("statements.issue.help", { employer: employerName, period: fmt.month(period) })}</p>
          <input type="hidden" name="intent" value="issue" />
          <input type="hidden" name="employer" value={employerCode} />
          <input type="hidden" name="period" value={period} />
          <div className="form-grid">
            <Field label={t("statements.issue.issuedOn")} name="issuedOn" id="batch-issuedOn" type="date" defaultValue={batchFailure?.values.issuedOn ?? today} required />
          </div>
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
          <div className="form-actions">
            <button type="submit" className="btn">
              {t("statements.issue.submit", { period: fmt.month(period) })}
            </button>
          </div>
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
          <DataTable
            data={overview.rows}
            columns={overviewColumns(t, canWrite, ctx)}
            empty={t("statements.empty")}
            caption={`${t("statements.title")} ${fmt.month(period)}`}
            rowKey={(r) => String(r.employeeId)}
          />
        </section>
      ) : null}

      <section aria-labelledby="missing-heading">
        <h2 id="missing-heading">{t("statements.missing.heading")}</h2>
        <p className="muted">{t("statements.missing.intro", { date: fmt.longDate(asOf) })}</p>
        {missing.length === 0 ? (
          <p className="notice notice-ok">{t("statements.missing.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="missing-months">
              <thead>
                <tr>
                  <th scope="col">{t("statements.month")}</th>
                  <th scope="col" className="num">
                    {t("statements.missing.employees")}
                  </th>
                  <th scope="col">{t("statements.missing.deadline")}</th>
                  <th scope="col" className="num">
                    {t("statements.missing.daysLate")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {missing.map((m) => (
                  <tr key={m.period}>
                    <td>
                      <Link to={linkFor(m.period)}>{fmt.month(m.period)}</Link>
                    </td>
                    <td className="num">{fmt.number(m.employees)}</td>
                    <td className="nowrap">{m.deadline}</td>
                    <td className="num">{m.days}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
