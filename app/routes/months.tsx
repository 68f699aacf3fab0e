import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RuleBadge } from "~/components/badges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { TableStateFields, UrlDataTable } from "~/components/url-table";
import type { CsvColumn } from "~/lib/table-csv";
import { Field, SelectField } from "~/components/field";
import { correctDeclarationLine, prepareDeclaration } from "~/models/declaration.server";
import { employerOptions } from "~/models/employer.server";
import { evaluationFor } from "~/models/evaluation.server";
import { monthView, type MonthEmployeeRow } from "~/models/month.server";
import { recordPayment } from "~/models/payment.server";
import { isValidMonth, monthOf } from "~/rules/dates";
import { yuanDisplay, yuanPlain } from "~/rules/money";
import { INSURANCES } from "~/rules/types";
import { inScope } from "~/models/employer-scope.server";
import { actorOf, requireInScope, requireRole, scopeOf } from "~/utils/auth.server";
import { today } from "~/utils/dates.server";
import { db } from "~/utils/db.server";
import { formValues } from "~/utils/forms.server";
import { badRequest, invalid, notFound, parseSearchParams } from "~/utils/http.server";
import { useFormat, type Formatter } from "~/utils/format";
import { pageTitle } from "~/utils/meta";
import { asOfParam } from "~/utils/search-params";
import { columnsFormRedirect, csvTranslator, exportResponse, wantsCsv } from "~/utils/table-export.server";
import { MONTH_STATUSES, MONTHS_COLUMNS, MonthsListQuerySchema, monthStatus, monthsView, type MonthStatus } from "~/utils/months-table";
import { canWriteWorkflows, WORKFLOW_READERS, WORKFLOW_WRITERS } from "~/utils/workflow-access";
import { useWorkflowErrors, type WfErrors } from "~/utils/workflow-errors";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workflows.month.title");

export const MonthQuerySchema = z.object({
  employer: z.string().trim().max(20).catch("").default(""),
  period: z.string().refine(isValidMonth).optional().catch(undefined),
  asOf: asOfParam(),
});

const Intent = z.enum(["prepare", "correct", "payment"]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, WORKFLOW_READERS);
  const scope = await scopeOf(user);
  const now = today();
  // Without a month: the list of employer-months (filters, sort and page in the URL).
  if (!new URL(request.url).searchParams.has("period")) {
    columnsFormRedirect(request, MONTHS_COLUMNS);
    const list = parseSearchParams(request, MonthsListQuerySchema);
    const employers = await employerOptions(db, scope?.codes);
    if (list.employer && !employers.some((e) => e.code === list.employer)) throw notFound();
    const asOf = list.asOf ?? now;
    const evaluation = await evaluationFor(db, asOf, list.employer || null);
    const months = scope ? evaluation.months.filter((m) => inScope(scope, { code: m.employerCode })) : evaluation.months;
    const view = monthsView(months, list);
    if (wantsCsv(request)) {
      const t = await csvTranslator(request);
      throw exportResponse(request, `months-${asOf}`, monthCsvColumns(t), list.hide, view.matching);
    }
    const rows: MonthListRow[] = view.rows.map((m) => ({
      employerCode: m.employerCode,
      period: m.period,
      dueDate: m.dueDate,
      liableCount: m.liableCount,
      required: m.required,
      paid: m.paid,
      outstanding: m.outstanding,
      overdue: m.overdue,
      lateFee: m.lateFee,
      status: monthStatus(m),
    }));
    const listData = { query: { ...list, asOf }, rows, total: view.total, page: view.page, pageCount: view.pageCount };
    return json({ canWrite: canWriteWorkflows(user.role), today: now, asOf, period: "", employers, view: null, list: listData });
  }
  const query = parseSearchParams(request, MonthQuerySchema);
  const asOf = query.asOf ?? now;
  const period = query.period ?? monthOf(asOf);
  const employers = await employerOptions(db, scope?.codes);
  if (query.employer && !employers.some((e) => e.code === query.employer)) throw notFound();
  const code = query.employer || employers[0]?.code || "";
  const view = code ? await monthView(db, code, period, asOf) : null;
  if (query.employer && !view) throw notFound();
  return json({ canWrite: canWriteWorkflows(user.role), today: now, asOf, period, employers, view, list: null });
}

/** Prepare the declaration, correct a line, or record a payment; auditors get 403. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, WORKFLOW_WRITERS);
  const values = await formValues(request);
  const intent = Intent.safeParse(values.intent);
  if (!intent.success) throw badRequest();
  // Every intent names its employer: outside the account's scope, it does not exist.
  requireInScope(await scopeOf(user), { code: values.employer ?? "" });
  const actor = actorOf(user);
  const result =
    intent.data === "prepare"
      ? await prepareDeclaration(db, actor, values)
      : intent.data === "correct"
        ? await correctDeclarationLine(db, actor, values)
        : await recordPayment(db, actor, values);
  if (!result.ok) return invalid(result.errors, values);
  const url = new URL(request.url);
  const next = new URLSearchParams(url.search);
  next.set("employer", values.employer ?? "");
  next.set("period", values.period ?? "");
  next.set("done", intent.data);
  return redirect(`/months?${next}`);
}

type Failure = { errors: WfErrors; values: Record<string, string> } | undefined;

function ClampNote({ clamp }: { clamp: MonthEmployeeRow["clamp"] }) {
  const { t } = useTranslation();
  if (!clamp) return null;
  return <span className="badge badge-closed">{clamp === "floor" ? t("workflows.month.floorApplied") : t("workflows.month.capApplied")}</span>;
}

function CorrectionForm({ row, employer, period, today, failure }: { row: MonthEmployeeRow; employer: string; period: string; today: string; failure: Failure }) {
  const { t } = useTranslation();
  const mine = failure?.values.intent === "correct" && failure.values.employeeNo === row.employeeNo ? failure : undefined;
  const err = useWorkflowErrors(mine?.errors);
  const id = `c-${row.employeeNo}`;
  return (
    <Form method="post" className="card" noValidate preventScrollReset aria-label={t("workflows.month.correctFor", { employeeNo: row.employeeNo })}>
      <input type="hidden" name="intent" value="correct" />
      <input type="hidden" name="employer" value={employer} />
      <input type="hidden" name="period" value={period} />
      <input type="hidden" name="employeeNo" value={row.employeeNo} />
      <div className="form-grid">
        <Field
          id={`${id}-base`}
          label={t("workflows.fields.declaredBase")}
          name="declaredBase"
          inputMode="decimal"
          defaultValue={mine?.values.declaredBase ?? yuanPlain(row.base)}
          error={err("declaredBase")}
          required
        />
        <Field
          id={`${id}-on`}
          label={t("workflows.fields.declaredOn")}
          name="declaredOn"
          type="date"
          defaultValue={mine?.values.declaredOn ?? today}
          error={err("declaredOn") ?? err("employeeNo") ?? err("form")}
          required
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-small">
          {t("workflows.month.correctSubmit")}
        </button>
      </div>
    </Form>
  );
}

function EmployeeRow({ row, canWrite, employer, period, today, failure }: { row: MonthEmployeeRow; canWrite: boolean; employer: string; period: string; today: string; failure: Failure }) {
  const { t } = useTranslation();
  const diff = row.difference;
  const open = failure?.values.intent === "correct" && failure.values.employeeNo === row.employeeNo;
  return (
    <tr data-employee={row.employeeNo}>
      <td className="mono nowrap">
        {row.employeeId ? <Link to={`/employees/${row.employeeId}`}>{row.employeeNo}</Link> : row.employeeNo}
      </td>
      <td>{row.name}</td>
      <td className="num">{yuanDisplay(row.wage)}</td>
      <td className="num">
        {yuanDisplay(row.base)} <ClampNote clamp={row.clamp} />
      </td>
      <td className="num">{yuanDisplay(row.employerTotal)}</td>
      <td className="num">{yuanDisplay(row.employeeTotal)}</td>
      <td className="num">{yuanDisplay(row.required)}</td>
      <td className="num">
        {row.declaredBase === null ? (
          <span className="muted">{t("workflows.month.notDeclared")}</span>
        ) : (
          <>
            {yuanDisplay(row.declaredBase)}
            <div className="muted">{t("workflows.month.declaredOnDate", { date: row.declaredOn })}</div>
          </>
        )}
      </td>
      <td className="num">{diff === null ? t("common.none") : diff === 0 ? yuanDisplay(0) : <strong className={diff < 0 ? "text-critical" : undefined}>{yuanDisplay(diff)}</strong>}</td>
      <td>
        <details open={open}>
          <summary>{t("workflows.month.details")}</summary>
          <table className="data-table compact">
            <caption className="visually-hidden">{t("workflows.month.itemsOf", { name: row.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("workflows.month.insurance")}</th>
                <th scope="col" className="num">
                  {t("workflows.month.employerSide")}
                </th>
                <th scope="col" className="num">
                  {t("workflows.month.employeeSide")}
                </th>
              </tr>
            </thead>
            <tbody>
              {INSURANCES.map((i) => (
                <tr key={i}>
                  <th scope="row">{t(`workflows.insurances.${i}`)}</th>
                  <td className="num">{yuanDisplay(row.items[i].employer)}</td>
                  <td className="num">{yuanDisplay(row.items[i].employee)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {row.versions.length > 0 ? (
            <>
              <h4>{t("workflows.month.versions")}</h4>
              <ul className="plain-list">
                {row.versions.map((v) => (
                  <li key={v.declaredOn}>
                    {v.declaredOn}: {yuanDisplay(v.declaredBase)}
                  </li>
                ))}
              </ul>
              {canWrite ? <CorrectionForm row={row} employer={employer} period={period} today={today} failure={failure} /> : null}
            </>
          ) : null}
        </details>
      </td>
    </tr>
  );
}

export default function MonthPage() {
  const { list } = useLoaderData<typeof loader>();
  return list ? <MonthsList list={list} /> : <MonthDetail />;
}

function MonthDetail() {
  const { canWrite, today, asOf, period, employers, view } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const prepErr = useWorkflowErrors(failure?.values.intent === "prepare" ? failure.errors : undefined);
  const payErr = useWorkflowErrors(failure?.values.intent === "payment" ? failure.errors : undefined);
  const payValues = failure?.values.intent === "payment" ? failure.values : undefined;
  const done = params.get("done");
  const s = view?.summary ?? null;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{view ? t("workflows.month.heading", { employer: view.employer.code, period }) : t("workflows.month.title")}</h1>
          <p>{t("workflows.month.intro")}</p>
        </div>
        <div className="form-actions">
          <Link className="btn btn-ghost" to={`/months?${new URLSearchParams({ asOf })}`}>
            {t("tables.months.allMonths")}
          </Link>
          {view ? (
            <Link className="btn btn-ghost" to={`/collection?employer=${encodeURIComponent(view.employer.code)}&asOf=${asOf}`}>
              {t("workflows.collection.title")}
            </Link>
          ) : null}
        </div>
      </div>
      {!canWrite ? <p className="notice notice-warning">{t("common.readOnly")}</p> : null}
      {done && !failure ? (
        <p className="notice notice-ok" role="status">
          {t("workflows.month.saved")}
        </p>
      ) : null}
      <Form method="get" className="filters" key={params.toString()}>
        <SelectField label={t("workflows.fields.employer")} name="employer" defaultValue={view?.employer.code ?? ""}>
          {employers.map((e) => (
            <option key={e.id} value={e.code}>
              {e.code} · {e.name}
            </option>
          ))}
        </SelectField>
        <Field label={t("workflows.fields.period")} name="period" type="month" placeholder="YYYY-MM" defaultValue={period} required />
        <Field label={t("common.asOf")} name="asOf" type="date" defaultValue={asOf} required />
        <button type="submit" className="btn">
          {t("common.apply")}
        </button>
      </Form>

      {!view ? (
        <p className="notice notice-warning">{t("workflows.month.noEmployers")}</p>
      ) : (
        <>
          {!view.policy ? <p className="notice notice-warning">{t("workflows.month.noPolicy", { region: view.employer.region, period })}</p> : null}

          <section className="stats" aria-label={t("workflows.month.summary")}>
            <div className="card stat">
              <div className="label">{t("workflows.month.required")}</div>
              <div className="value" data-testid="month-required">
                {yuanDisplay(s?.required ?? view.totals.required)}
              </div>
              <div className="muted">
                {t("workflows.month.sides", { employer: yuanDisplay(s?.employerTotal ?? view.totals.employerTotal), employee: yuanDisplay(s?.employeeTotal ?? view.totals.employeeTotal) })}
              </div>
            </div>
            <div className="card stat">
              <div className="label">{t("workflows.month.paid")}</div>
              <div className="value" data-testid="month-paid">
                {s ? yuanDisplay(s.paid) : t("common.none")}
              </div>
              {s && s.overpaid > 0 ? <div className="muted">{t("workflows.month.overpaid", { amount: yuanDisplay(s.overpaid) })}</div> : null}
            </div>
            <div className="card stat">
              <div className="label">{t("workflows.month.outstanding")}</div>
              <div className="value" data-testid="month-outstanding">
                {s ? yuanDisplay(s.outstanding) : t("common.none")}
              </div>
              {s ? <div className="muted">{t("workflows.month.overdue", { amount: yuanDisplay(s.overdue) })}</div> : null}
            </div>
            <div className="card stat">
              <div className="label">{t("workflows.month.lateFee", { date: asOf })}</div>
              <div className="value" data-testid="month-late-fee">
                {s ? yuanDisplay(s.lateFee) : t("common.none")}
              </div>
            </div>
          </section>

          {!s && view.policy ? <p className="notice notice-warning">{t("workflows.month.notEvaluated", { date: asOf })}</p> : null}

          <div className="detail-grid">
            <section className="card">
              <h2>{t("workflows.month.deadlines")}</h2>
              <dl className="facts">
                <dt>{t("workflows.month.dueDate")}</dt>
                <dd data-testid="month-due">{s?.dueDate ?? t("common.none")}</dd>
                <dt>{t("workflows.month.declaredFrom")}</dt>
                <dd>{s?.declaredFrom ?? t("workflows.month.notDeclared")}</dd>
                <dt>{t("workflows.month.liable")}</dt>
                <dd>{view.rows.length}</dd>
                {view.policy ? (
                  <>
                    <dt>{t("workflows.month.policy")}</dt>
                    <dd>
                      {t("workflows.month.policyText", {
                        region: view.employer.region,
                        from: view.policy.effectiveFrom,
                        floor: yuanDisplay(view.policy.baseFloor),
                        cap: yuanDisplay(view.policy.baseCap),
                      })}
                    </dd>
                  </>
                ) : null}
              </dl>
              {s && s.tranches.length > 0 ? (
                <table className="data-table compact">
                  <caption>{t("workflows.month.tranches")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("workflows.month.dueDate")}</th>
                      <th scope="col" className="num">
                        {t("workflows.fields.amount")}
                      </th>
                      <th scope="col" className="num">
                        {t("workflows.month.paid")}
                      </th>
                      <th scope="col">{t("workflows.month.filledOn")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.tranches.map((tr) => (
                      <tr key={tr.dueDate}>
                        <td className="nowrap">{tr.dueDate}</td>
                        <td className="num">{yuanDisplay(tr.amount)}</td>
                        <td className="num">{yuanDisplay(tr.paid)}</td>
                        <td className="nowrap">{tr.filledOn ?? t("workflows.month.open")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </section>
            <section className="card">
              <h2>{t("workflows.month.findings")}</h2>
              {view.findings.length === 0 ? (
                <p className="muted">{t("workflows.month.noFindings")}</p>
              ) : (
                <ul className="plain-list" data-testid="month-findings">
                  {view.findings.map((f, i) => (
                    <li key={i} data-rule={f.rule}>
                      <RuleBadge rule={f.rule} severity={f.severity} /> {f.employeeNo ? `${f.employeeNo} ${f.employeeName} · ` : ""}
                      {t("workflows.month.findingLine", { due: f.dueDate, days: f.days })}
                      {f.outstanding !== null ? ` · ${t("findings.outstanding")} ${yuanDisplay(f.outstanding)}` : ""}
                      {f.lateFee !== null ? ` · ${t("findings.lateFee")} ${yuanDisplay(f.lateFee)}` : ""}
                      {f.stage ? ` · ${t(`stages.${f.stage}`)}` : ""}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>

          <h2>{t("workflows.month.employees")}</h2>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t("workflows.month.employees")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fields.employeeNo")}</th>
                  <th scope="col">{t("firstday.personName")}</th>
                  <th scope="col" className="num">
                    {t("fields.wage")}
                  </th>
                  <th scope="col" className="num">
                    {t("workflows.month.requiredBase")}
                  </th>
                  <th scope="col" className="num">
                    {t("workflows.month.employerSide")}
                  </th>
                  <th scope="col" className="num">
                    {t("workflows.month.employeeSide")}
                  </th>
                  <th scope="col" className="num">
                    {t("workflows.month.total")}
                  </th>
                  <th scope="col" className="num">
                    {t("workflows.fields.declaredBase")}
                  </th>
                  <th scope="col" className="num">
                    {t("workflows.month.difference")}
                  </th>
                  <th scope="col">{t("workflows.month.details")}</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.length === 0 ? (
                  <tr>
                    <td colSpan={10} className="empty">
                      {t("workflows.month.nobodyLiable")}
                    </td>
                  </tr>
                ) : (
                  view.rows.map((r) => (
                    <EmployeeRow key={r.employeeNo} row={r} canWrite={canWrite} employer={view.employer.code} period={period} today={today} failure={failure} />
                  ))
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={4}>
                    {t("workflows.month.totals")}
                  </th>
                  <td className="num">{yuanDisplay(view.totals.employerTotal)}</td>
                  <td className="num">{yuanDisplay(view.totals.employeeTotal)}</td>
                  <td className="num" data-testid="rows-total">
                    {yuanDisplay(view.totals.required)}
                  </td>
                  <td colSpan={3} />
                </tr>
              </tfoot>
            </table>
          </div>

          {view.policy ? (
            <details className="card">
              <summary>{t("workflows.month.perInsurance")}</summary>
              <table className="data-table compact">
                <thead>
                  <tr>
                    <th scope="col">{t("workflows.month.insurance")}</th>
                    <th scope="col">{t("workflows.month.employerRate")}</th>
                    <th scope="col" className="num">
                      {t("workflows.month.employerSide")}
                    </th>
                    <th scope="col">{t("workflows.month.employeeRate")}</th>
                    <th scope="col" className="num">
                      {t("workflows.month.employeeSide")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {INSURANCES.map((i) => (
                    <tr key={i}>
                      <th scope="row">{t(`workflows.insurances.${i}`)}</th>
                      <td className="mono">{view.policy!.rates[i].employer}</td>
                      <td className="num">{yuanDisplay(view.totals.items[i].employer)}</td>
                      <td className="mono">{view.policy!.rates[i].employee}</td>
                      <td className="num">{yuanDisplay(view.totals.items[i].employee)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : null}

          <div className="detail-grid">
            {canWrite ? (
              <section>
                <h2>{t("workflows.month.prepare")}</h2>
                <Form method="post" className="card" noValidate>
                  <p className="muted">{t("workflows.month.prepareHelp", { count: view.undeclaredCount })}</p>
                  <input type="hidden" name="intent" value="prepare" />
                  <input type="hidden" name="employer" value={view.employer.code} />
                  <input type="hidden" name="period" value={period} />
                  {prepErr("form") || prepErr("period") || prepErr("employer") ? (
                    <p className="notice notice-error" role="alert">
                      {prepErr("form") ?? prepErr("period") ?? prepErr("employer")}
                    </p>
                  ) : null}
                  <Field
                    id="prepare-declaredOn"
                    label={t("workflows.fields.declaredOn")}
                    name="declaredOn"
                    type="date"
                    defaultValue={failure?.values.intent === "prepare" ? failure.values.declaredOn : today}
                    error={prepErr("declaredOn")}
                    required
                  />
                  <div className="form-actions">
                    <button type="submit" className="btn">
                      {t("workflows.month.prepareSubmit")}
                    </button>
                  </div>
                </Form>
              </section>
            ) : null}

            <section>
              <h2>{t("workflows.month.payments")}</h2>
              <div className="table-wrap">
                <table className="data-table" data-testid="payments">
                  <thead>
                    <tr>
                      <th scope="col">{t("workflows.fields.paidOn")}</th>
                      <th scope="col" className="num">
                        {t("workflows.fields.amount")}
                      </th>
                      <th scope="col">{t("workflows.fields.reference")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.payments.length === 0 ? (
                      <tr>
                        <td colSpan={3} className="empty">
                          {t("workflows.month.noPayments")}
                        </td>
                      </tr>
                    ) : (
                      view.payments.map((p) => (
                        <tr key={p.id}>
                          <td className="nowrap">
                            {p.paidOn} {p.afterAsOf ? <span className="badge badge-closed">{t("workflows.month.afterAsOf")}</span> : null}
                          </td>
                          <td className="num">{yuanDisplay(p.amount)}</td>
                          <td className="mono">{p.reference}</td>
                        </tr>
                      ))
                    )}
                  </tbody>
                </table>
              </div>
              {canWrite ? (
                <Form method="post" className="card" noValidate>
                  <h3>{t("workflows.month.recordPayment")}</h3>
                  <p className="muted">{t("workflows.month.paymentHelp")}</p>
                  <input type="hidden" name="intent" value="payment" />
                  <input type="hidden" name="employer" value={view.employer.code} />
                  <input type="hidden" name="period" value={period} />
                  <div className="form-grid">
                    <Field id="pay-paidOn" label={t("workflows.fields.paidOn")} name="paidOn" type="date" defaultValue={payValues?.paidOn ?? today} error={payErr("paidOn")} required />
                    <Field
                      id="pay-amount"
                      label={t("workflows.fields.amountYuan")}
                      name="amount"
                      inputMode="decimal"
                      placeholder={s ? yuanPlain(s.outstanding) : "0.00"}
                      defaultValue={payValues?.amount ?? ""}
                      error={payErr("amount", "workflows.fields.amountYuan")}
                      required
                    />
                    <Field id="pay-reference" label={t("workflows.fields.reference")} name="reference" defaultValue={payValues?.reference ?? ""} error={payErr("reference")} required />
                  </div>
                  {payErr("employer") || payErr("period") ? (
                    <p className="field-error" role="alert">
                      {payErr("employer") ?? payErr("period")}
                    </p>
                  ) : null}
                  <div className="form-actions">
                    <button type="submit" className="btn">
                      {t("workflows.month.recordPaymentSubmit")}
                    </button>
                  </div>
                </Form>
              ) : null}
            </section>
          </div>
        </>
      )}
    </>
  );
}

// ---------- the list of employer-months ----------

interface MonthListRow {
  employerCode: string;
  period: string;
  dueDate: string;
  liableCount: number;
  required: number;
  paid: number;
  outstanding: number;
  overdue: number;
  lateFee: number;
  status: MonthStatus;
}

function monthCsvColumns(t: (key: string) => string): CsvColumn<MonthSummaryLike>[] {
  return [
    { id: "employer", label: t("tables.months.employer"), value: (m) => m.employerCode },
    { id: "period", label: t("tables.months.period"), value: (m) => m.period },
    { id: "dueDate", label: t("tables.months.dueDate"), value: (m) => m.dueDate },
    { id: "liable", label: t("tables.months.liable"), value: (m) => String(m.liableCount) },
    { id: "required", label: t("tables.months.required"), value: (m) => yuanPlain(m.required) },
    { id: "paid", label: t("tables.months.paid"), value: (m) => yuanPlain(m.paid) },
    { id: "outstanding", label: t("tables.months.outstanding"), value: (m) => yuanPlain(m.outstanding) },
    { id: "overdue", label: t("tables.months.overdue"), value: (m) => yuanPlain(m.overdue) },
    { id: "lateFee", label: t("tables.months.lateFee"), value: (m) => yuanPlain(m.lateFee) },
    { id: "status", label: t("tables.months.status"), value: (m) => t(`tables.months.statuses.${monthStatus(m)}`) },
  ];
}
type MonthSummaryLike = Omit<MonthListRow, "status">;

const mcol = createColumnHelper<MonthListRow>();

function monthListColumns(t: TFunction, fmt: Formatter, asOf: string) {
  const money = { cell: (c: { getValue: () => number }) => fmt.money(c.getValue()), meta: { className: "num" }, enableSorting: true };
  const monthHref = (r: MonthListRow) => `/months?${new URLSearchParams({ employer: r.employerCode, period: r.period, asOf })}`;
  return [
    mcol.accessor("employerCode", { id: "employer", header: t("tables.months.employer"), enableSorting: true, meta: { className: "mono" } }),
    mcol.accessor("period", {
      header: t("tables.months.period"),
      enableSorting: true,
      meta: { className: "nowrap" },
      cell: (c) => (
        <Link to={monthHref(c.row.original)} data-primary aria-label={t("tables.months.openMonth", { employer: c.row.original.employerCode, period: c.getValue() })}>
          {c.getValue()}
        </Link>
      ),
    }),
    mcol.accessor("dueDate", { header: t("tables.months.dueDate"), enableSorting: true, meta: { className: "nowrap" } }),
    mcol.accessor("liableCount", { id: "liable", header: t("tables.months.liable"), enableSorting: true, cell: (c) => fmt.number(c.getValue()), meta: { className: "num" } }),
    mcol.accessor("required", { header: t("tables.months.required"), ...money }),
    mcol.accessor("paid", { header: t("tables.months.paid"), ...money }),
    mcol.accessor("outstanding", { header: t("tables.months.outstanding"), ...money }),
    mcol.accessor("overdue", { header: t("tables.months.overdue"), ...money }),
    mcol.accessor("lateFee", { header: t("tables.months.lateFee"), ...money }),
    mcol.accessor("status", {
      header: t("tables.months.status"),
      enableSorting: true,
      cell: (c) => {
        const s = c.getValue();
        return <span className={`badge ${s === "overdue" ? "badge-critical" : s === "due" ? "badge-warning" : "badge-ok"}`}>{t(`tables.months.statuses.${s}`)}</span>;
      },
    }),
  ];
}

type ListData = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["list"]>;

function MonthsList({ list }: { list: ListData }) {
  const { canWrite, employers } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const { query, rows, total, page, pageCount } = list;
  const sort = { id: query.sort, desc: query.dir === "desc" };
  const fmt = useFormat();
  const columns = monthListColumns(t, fmt, query.asOf);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("tables.months.title")}</h1>
          <p>{t("tables.months.intro")}</p>
        </div>
      </div>
      {!canWrite ? <p className="notice notice-warning">{t("common.readOnly")}</p> : null}
      <Form method="get" className="filters" key={params.toString()}>
        <SelectField label={t("tables.months.employer")} name="employer" defaultValue={query.employer}>
          <option value="">{t("tables.months.anyEmployer")}</option>
          {employers.map((e) => (
            <option key={e.id} value={e.code}>
              {e.code} · {e.name}
            </option>
          ))}
        </SelectField>
        <Field label={t("tables.months.periodFrom")} name="from" type="month" placeholder="YYYY-MM" defaultValue={query.from ?? ""} />
        <Field label={t("tables.months.periodTo")} name="to" type="month" placeholder="YYYY-MM" defaultValue={query.to ?? ""} />
        <SelectField label={t("tables.months.status")} name="status" defaultValue={query.status}>
          <option value="">{t("tables.months.anyStatus")}</option>
          {MONTH_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`tables.months.statuses.${s}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t("common.asOf")} name="asOf" type="date" defaultValue={query.asOf} required />
        <TableStateFields sort={query.sort} dir={query.dir} hide={query.hide} />
        <button type="submit" className="btn">
          {t("common.apply")}
        </button>
      </Form>
      <UrlDataTable
        total={total}
        data={rows}
        columns={columns}
        sort={sort}
        empty={t("tables.months.empty")}
        caption={t("tables.months.title")}
        rowKey={(r) => `${r.employerCode}:${r.period}`}
        testId="months"
        hide={query.hide}
      />
      <Pagination page={page} pageCount={pageCount} total={total} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
