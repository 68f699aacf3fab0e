import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RuleBadge } from "~/components/badges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DataTable } from "~/components/data-table";
import { CureCell } from "~/components/finding-cure";
import { Field, SelectField } from "~/components/field";
import { COLLECTION_KINDS } from "~/shared/import-formats";
import { collectionCase, recordCollectionAction, type CaseAction } from "~/models/collection.server";
import { employerOptions } from "~/models/employer.server";
import { useFormat } from "~/hooks/use-format";
import { can } from "~/shared/permissions";
import { actorOf, requireInScope, requirePermission, scopeOf } from "~/server/auth.server";
import { today } from "~/server/clock.server";
import { db } from "~/server/db.server";
import { formValues } from "~/server/forms.server";
import { invalid, notFound, parseSearchParams } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import { asOfParam, monthHref } from "~/url-state/search-params";
import { useWorkflowErrors } from "~/hooks/use-field-errors";
import { OneEmployerFilters } from "~/components/employer-filters";
import { PageHead } from "~/components/page-head";
import { SubmitRow } from "~/components/submit-row";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workflows.collection.title");

const CaseQuerySchema = z.object({
  employer: z.string().trim().max(20).catch("").default(""),
  asOf: asOfParam(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "workflow:read");
  const query = parseSearchParams(request, CaseQuerySchema);
  const now = today();
  const asOf = query.asOf ?? now;
  const employers = await employerOptions(db, (await scopeOf(user))?.codes);
  if (query.employer && !employers.some((e) => e.code === query.employer)) throw notFound();
  const code = query.employer || employers[0]?.code || "";
  const view = code ? await collectionCase(db, code, asOf) : null;
  if (query.employer && !view) throw notFound();
  return json({ canWrite: can(user.role, "workflow:write"), today: now, asOf, employers, view });
}

/** Record an action of the art. 63 ladder; auditors get 403. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "workflow:write");
  const values = await formValues(request);
  requireInScope(await scopeOf(user), { code: values.employer ?? "" });
  const result = await recordCollectionAction(db, actorOf(user), values);
  if (!result.ok) return invalid(result.errors, values);
  const url = new URL(request.url);
  const next = new URLSearchParams(url.search);
  next.set("employer", values.employer ?? "");
  next.set("done", "1");
  return redirect(`/collection?${next}`);
}

type CaseMonth = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["view"]>["months"][number];
const caseCol = createColumnHelper<CaseMonth>();

/** The unpaid months of the case, with the stage each has reached and its time limit. */
function CaseMonthsTable({ months, employer, asOf, totals }: { months: CaseMonth[]; employer: string; asOf: string; totals: { outstanding: number; lateFee: number } }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const money = { cell: (c: { getValue: () => number }) => fmt.money(c.getValue()), meta: { className: "num" } };
  const columns = [
    caseCol.accessor("period", { header: t("workflows.fields.period"), meta: { className: "nowrap" }, cell: (c) => <Link to={monthHref(employer, c.getValue(), { asOf })}>{fmt.month(c.getValue())}</Link> }),
    caseCol.accessor("dueDate", { header: t("workflows.collection.dueDate"), meta: { className: "nowrap" } }),
    caseCol.accessor("outstanding", { header: t("workflows.collection.outstanding"), ...money }),
    caseCol.accessor("lateFee", { header: t("workflows.collection.lateFee"), ...money }),
    caseCol.accessor("stage", { header: t("workflows.collection.stage"), cell: (c) => <span data-testid="stage">{t(`stages.${c.getValue()}`)}</span> }),
    caseCol.accessor("timeLimit", {
      header: t("workflows.fields.timeLimit"),
      meta: { className: "nowrap" },
      cell: (c) => {
        const { timeLimit, daysLeft } = c.row.original;
        if (!timeLimit || daysLeft === null) return t("common.none");
        return daysLeft >= 0 ? t("workflows.collection.timeLimitLeft", { date: timeLimit, days: daysLeft }) : t("workflows.collection.timeLimitPassed", { date: timeLimit, days: -daysLeft });
      },
    }),
  ];
  const footer =
    months.length > 0 ? (
      <tr>
        <th scope="row" colSpan={2}>
          {t("workflows.month.totals")}
        </th>
        <td className="num">{fmt.money(totals.outstanding)}</td>
        <td className="num">{fmt.money(totals.lateFee)}</td>
        <td colSpan={2} />
      </tr>
    ) : null;
  return (
    <DataTable
      data={months}
      columns={columns}
      empty={t("workflows.collection.noUnpaid")}
      rowKey={(m) => m.period}
      rowAttributes={(m) => ({ "data-period": m.period })}
      footer={footer}
      testId="case-months"
    />
  );
}

function ActionDetail({ a }: { a: CaseAction }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (a.kind === "order" && a.timeLimit && a.daysLeft !== null) {
    return <>{a.daysLeft >= 0 ? t("workflows.collection.timeLimitLeft", { date: a.timeLimit, days: a.daysLeft }) : t("workflows.collection.timeLimitPassed", { date: a.timeLimit, days: -a.daysLeft })}</>;
  }
  if (a.kind === "installment" && a.dueOn && a.amount !== null) return <>{t("workflows.collection.installmentLine", { amount: fmt.money(a.amount), date: a.dueOn })}</>;
  return null;
}

export default function CollectionPage() {
  const { canWrite, today, asOf, employers, view } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const err = useWorkflowErrors(failure?.errors);
  const v = failure?.values;

  return (
    <>
      <PageHead title={view ? t("workflows.collection.heading", { employer: view.employer.code }) : t("workflows.collection.title")} intro={t("workflows.collection.intro")} />
      {!canWrite ? <p className="notice notice-warning">{t("common.readOnly")}</p> : null}
      {params.get("done") && !failure ? (
        <p className="notice notice-ok" role="status">
          {t("workflows.month.saved")}
        </p>
      ) : null}
      <OneEmployerFilters label={t("workflows.fields.employer")} value={view?.employer.code ?? ""} employers={employers}>
        <Field label={t("common.asOf")} name="asOf" type="date" defaultValue={asOf} required />
      </OneEmployerFilters>

      {!view ? (
        <p className="notice notice-warning">{t("workflows.month.noEmployers")}</p>
      ) : (
        <>
          <section>
            <h2>{t("workflows.collection.unpaidMonths")}</h2>
            <CaseMonthsTable months={view.months} employer={view.employer.code} asOf={asOf} totals={{ outstanding: view.totalOutstanding, lateFee: view.totalLateFee }} />
          </section>

          <div className="detail-grid">
            <section className="card">
              <h2>{t("workflows.collection.timeline")}</h2>
              {view.actions.length === 0 ? (
                <p className="muted">{t("workflows.collection.noActions")}</p>
              ) : (
                <ol className="timeline" data-testid="timeline">
                  {view.actions.map((a) => (
                    <li key={a.id} data-kind={a.kind}>
                      <strong>{a.actionDate}</strong> · {t(`workflows.collection.kinds.${a.kind}`)} · <span className="mono">{a.periods.join(";")}</span>
                      {a.afterAsOf ? <span className="badge badge-closed">{t("workflows.collection.future")}</span> : null}
                      <div className="muted">
                        <ActionDetail a={a} />
                        {a.note ? ` ${a.note}` : ""}
                      </div>
                    </li>
                  ))}
                </ol>
              )}
            </section>
            <section className="card">
              <h2>{t("workflows.collection.agreements")}</h2>
              {view.agreements.length === 0 ? <p className="muted">{t("common.none")}</p> : null}
              {view.agreements.map((ag) => (
                <div key={ag.actionDate + ag.periods.join(";")}>
                  <h3>{t("workflows.collection.agreementOf", { date: ag.actionDate, periods: ag.periods.join(";") })}</h3>
                  {ag.installments.length === 0 ? (
                    <p className="muted">{t("workflows.collection.noInstallments")}</p>
                  ) : (
                    <ul className="plain-list">
                      {ag.installments.map((i) => (
                        <li key={i.dueOn}>
                          {t("workflows.collection.installmentLine", { amount: fmt.money(i.amount), date: i.dueOn })} ·{" "}
                          <span className={i.status === "missed" ? "badge badge-critical" : i.status === "met" ? "badge badge-closed" : "badge badge-warning"}>
                            {t(i.status === "met" ? "workflows.collection.installmentMet" : i.status === "missed" ? "workflows.collection.installmentMissed" : "workflows.collection.installmentUpcoming")}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              ))}
              <h2>{t("workflows.month.findings")}</h2>
              {view.findings.length === 0 ? (
                <p className="muted">{t("workflows.month.noFindings")}</p>
              ) : (
                <ul className="plain-list">
                  {view.findings.map((f, i) => (
                    <li key={i} data-rule={f.rule}>
                      <RuleBadge rule={f.rule} severity={f.severity} /> {f.period ? fmt.month(f.period) : ""} · {t("workflows.month.findingLine", { due: f.dueDate, days: f.days })}
                      {f.outstanding !== null ? ` · ${fmt.money(f.outstanding)}` : ""}
                      <CureCell finding={f} asOf={asOf} employeeIds={{}} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>

          {canWrite ? (
            <section>
              <h2>{t("workflows.collection.record")}</h2>
              <Form method="post" className="card" noValidate>
                <p className="muted">{t("workflows.collection.recordHelp")}</p>
                <input type="hidden" name="employer" value={view.employer.code} />
                {err("form") || err("employer") ? (
                  <p className="notice notice-error" role="alert">
                    {err("form") ?? err("employer")}
                  </p>
                ) : null}
                <div className="form-grid">
                  <SelectField label={t("workflows.fields.kind")} name="kind" defaultValue={v?.kind ?? "order"} error={err("kind")}>
                    {COLLECTION_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`workflows.collection.kinds.${k}`)}
                      </option>
                    ))}
                  </SelectField>
                  <Field label={t("workflows.fields.actionDate")} name="actionDate" type="date" defaultValue={v?.actionDate ?? today} error={err("actionDate")} required />
                  <Field
                    label={t("workflows.fields.periods")}
                    name="periods"
                    placeholder="2026-01;2026-02"
                    defaultValue={v?.periods ?? view.months.map((m) => m.period).join(";")}
                    error={err("periods")}
                    required
                  />
                  <Field label={t("workflows.fields.timeLimit")} name="timeLimit" type="date" defaultValue={v?.timeLimit ?? ""} error={err("timeLimit")} />
                  <Field label={t("workflows.fields.dueOn")} name="dueOn" type="date" defaultValue={v?.dueOn ?? ""} error={err("dueOn")} />
                  <Field label={t("workflows.fields.amountYuan")} name="amount" inputMode="decimal" defaultValue={v?.amount ?? ""} error={err("amount", "workflows.fields.amountYuan")} />
                  <Field label={t("workflows.fields.note")} name="note" defaultValue={v?.note ?? ""} error={err("note")} />
                </div>
                <SubmitRow label={t("workflows.collection.recordSubmit")} />
              </Form>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
