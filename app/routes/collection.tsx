import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RuleBadge } from "~/components/badges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CureCell } from "~/components/finding-cure";
import { Field, SelectField } from "~/components/field";
import { COLLECTION_KINDS } from "~/lib/import-formats";
import { collectionCase, recordCollectionAction, type CaseAction } from "~/models/collection.server";
import { employerOptions } from "~/models/employer.server";
import { formatMoney as yuanDisplay, useFormat } from "~/utils/format";
import { actorOf, requireInScope, requireRole, scopeOf } from "~/utils/auth.server";
import { today } from "~/utils/dates.server";
import { db } from "~/utils/db.server";
import { formValues } from "~/utils/forms.server";
import { invalid, notFound, parseSearchParams } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { asOfParam } from "~/utils/search-params";
import { canWriteWorkflows, WORKFLOW_READERS, WORKFLOW_WRITERS } from "~/utils/workflow-access";
import { useWorkflowErrors } from "~/utils/workflow-errors";
import { monthHref } from "~/utils/search-params";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workflows.collection.title");

const CaseQuerySchema = z.object({
  employer: z.string().trim().max(20).catch("").default(""),
  asOf: asOfParam(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, WORKFLOW_READERS);
  const query = parseSearchParams(request, CaseQuerySchema);
  const now = today();
  const asOf = query.asOf ?? now;
  const employers = await employerOptions(db, (await scopeOf(user))?.codes);
  if (query.employer && !employers.some((e) => e.code === query.employer)) throw notFound();
  const code = query.employer || employers[0]?.code || "";
  const view = code ? await collectionCase(db, code, asOf) : null;
  if (query.employer && !view) throw notFound();
  return json({ canWrite: canWriteWorkflows(user.role), today: now, asOf, employers, view });
}

/** Record an action of the art. 63 ladder; auditors get 403. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, WORKFLOW_WRITERS);
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

function ActionDetail({ a }: { a: CaseAction }) {
  const { t } = useTranslation();
  if (a.kind === "order" && a.timeLimit && a.daysLeft !== null) {
    return <>{a.daysLeft >= 0 ? t("workflows.collection.timeLimitLeft", { date: a.timeLimit, days: a.daysLeft }) : t("workflows.collection.timeLimitPassed", { date: a.timeLimit, days: -a.daysLeft })}</>;
  }
  if (a.kind === "installment" && a.dueOn && a.amount !== null) return <>{t("workflows.collection.installmentLine", { amount: yuanDisplay(a.amount), date: a.dueOn })}</>;
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
      <div className="page-head">
        <div>
          <h1>{view ? t("workflows.collection.heading", { employer: view.employer.code }) : t("workflows.collection.title")}</h1>
          <p>{t("workflows.collection.intro")}</p>
        </div>
      </div>
      {!canWrite ? <p className="notice notice-warning">{t("common.readOnly")}</p> : null}
      {params.get("done") && !failure ? (
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
        <Field label={t("common.asOf")} name="asOf" type="date" defaultValue={asOf} required />
        <button type="submit" className="btn">
          {t("common.apply")}
        </button>
      </Form>

      {!view ? (
        <p className="notice notice-warning">{t("workflows.month.noEmployers")}</p>
      ) : (
        <>
          <section>
            <h2>{t("workflows.collection.unpaidMonths")}</h2>
            <div className="table-wrap">
              <table className="data-table" data-testid="case-months">
                <thead>
                  <tr>
                    <th scope="col">{t("workflows.fields.period")}</th>
                    <th scope="col">{t("workflows.collection.dueDate")}</th>
                    <th scope="col" className="num">
                      {t("workflows.collection.outstanding")}
                    </th>
                    <th scope="col" className="num">
                      {t("workflows.collection.lateFee")}
                    </th>
                    <th scope="col">{t("workflows.collection.stage")}</th>
                    <th scope="col">{t("workflows.fields.timeLimit")}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.months.length === 0 ? (
                    <tr>
                      <td colSpan={6} className="empty">
                        {t("workflows.collection.noUnpaid")}
                      </td>
                    </tr>
                  ) : (
                    view.months.map((m) => (
                      <tr key={m.period} data-period={m.period}>
                        <td className="nowrap">
                          <Link to={monthHref(view.employer.code, m.period, { asOf })}>{fmt.month(m.period)}</Link>
                        </td>
                        <td className="nowrap">{m.dueDate}</td>
                        <td className="num">{yuanDisplay(m.outstanding)}</td>
                        <td className="num">{yuanDisplay(m.lateFee)}</td>
                        <td data-testid="stage">{t(`stages.${m.stage}`)}</td>
                        <td className="nowrap">
                          {m.timeLimit && m.daysLeft !== null
                            ? m.daysLeft >= 0
                              ? t("workflows.collection.timeLimitLeft", { date: m.timeLimit, days: m.daysLeft })
                              : t("workflows.collection.timeLimitPassed", { date: m.timeLimit, days: -m.daysLeft })
                            : t("common.none")}
                        </td>
                      </tr>
                    ))
                  )}
                </tbody>
                {view.months.length > 0 ? (
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={2}>
                        {t("workflows.month.totals")}
                      </th>
                      <td className="num">{yuanDisplay(view.totalOutstanding)}</td>
                      <td className="num">{yuanDisplay(view.totalLateFee)}</td>
                      <td colSpan={2} />
                    </tr>
                  </tfoot>
                ) : null}
              </table>
            </div>
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
                          {t("workflows.collection.installmentLine", { amount: yuanDisplay(i.amount), date: i.dueOn })} ·{" "}
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
                      {f.outstanding !== null ? ` · ${yuanDisplay(f.outstanding)}` : ""}
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
                <div className="form-actions">
                  <button type="submit" className="btn">
                    {t("workflows.collection.recordSubmit")}
                  </button>
                </div>
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
