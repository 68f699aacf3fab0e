/** One employer-month, `/months/YYYY-MM?employer=…&asOf=…`: its figures, findings, declaration, payments and the forms that change them. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RuleBadge } from "~/components/badges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { useFormat } from "~/hooks/use-format";
import { pageTitle } from "~/shared/meta";
import { PaymentForm, PrepareForm } from "./forms";
import { loadMonth, monthAction } from "./page.server";
import { EmployeeTable, InsuranceTable, insuranceLines, PaymentsTable, TranchesTable } from "./tables";
import { OneEmployerFilters } from "~/components/employer-filters";
import { PageHead } from "~/components/page-head";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workflows.month.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await loadMonth(request, params.period));
}

export async function action(args: ActionFunctionArgs) {
  return monthAction(args);
}

type View = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["view"]>;

function Stat({ label, testId, value, note }: { label: string; testId: string; value: string; note?: string | null }) {
  return (
    <div className="card stat">
      <div className="label">{label}</div>
      <div className="value" data-testid={testId}>
        {value}
      </div>
      {note ? <div className="muted">{note}</div> : null}
    </div>
  );
}

function Summary({ view, asOf }: { view: View; asOf: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = view.summary;
  const none = t("common.none");
  return (
    <section className="stats" aria-label={t("workflows.month.summary")}>
      <Stat
        label={t("workflows.month.required")}
        testId="month-required"
        value={fmt.money(s?.required ?? view.totals.required)}
        note={t("workflows.month.sides", { employer: fmt.money(s?.employerTotal ?? view.totals.employerTotal), employee: fmt.money(s?.employeeTotal ?? view.totals.employeeTotal) })}
      />
      <Stat
        label={t("workflows.month.paid")}
        testId="month-paid"
        value={s ? fmt.money(s.paid) : none}
        note={s && s.overpaid > 0 ? t("workflows.month.overpaid", { amount: fmt.money(s.overpaid) }) : null}
      />
      <Stat
        label={t("workflows.month.outstanding")}
        testId="month-outstanding"
        value={s ? fmt.money(s.outstanding) : none}
        note={s ? t("workflows.month.overdue", { amount: fmt.money(s.overdue) }) : null}
      />
      <Stat label={t("workflows.month.lateFee", { date: asOf })} testId="month-late-fee" value={s ? fmt.money(s.lateFee) : none} />
    </section>
  );
}

function Deadlines({ view }: { view: View }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = view.summary;
  return (
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
            <dd>{t("workflows.month.policyText", { region: view.employer.region, from: view.policy.effectiveFrom, floor: fmt.money(view.policy.baseFloor), cap: fmt.money(view.policy.baseCap) })}</dd>
          </>
        ) : null}
      </dl>
      {s && s.tranches.length > 0 ? <TranchesTable tranches={s.tranches} /> : null}
    </section>
  );
}

function MonthFindings({ view }: { view: View }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
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
              {f.outstanding !== null ? ` · ${t("findings.outstanding")} ${fmt.money(f.outstanding)}` : ""}
              {f.lateFee !== null ? ` · ${t("findings.lateFee")} ${fmt.money(f.lateFee)}` : ""}
              {f.stage ? ` · ${t(`stages.${f.stage}`)}` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function MonthPage() {
  const { canWrite, today, asOf, period, employers, view } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const done = params.get("done");
  const employer = view?.employer.code ?? "";
  return (
    <>
      <PageHead title={view ? t("workflows.month.heading", { employer, period }) : t("workflows.month.title")} intro={t("workflows.month.intro")}>
        <div className="form-actions">
          <Link className="btn btn-ghost" to={`/months?${new URLSearchParams({ asOf })}`}>
            {t("tables.months.allMonths")}
          </Link>
          {view ? (
            <Link className="btn btn-ghost" to={`/collection?employer=${encodeURIComponent(employer)}&asOf=${asOf}`}>
              {t("workflows.collection.title")}
            </Link>
          ) : null}
        </div>
      </PageHead>
      {!canWrite ? <p className="notice notice-warning">{t("common.readOnly")}</p> : null}
      {done && !failure ? (
        <p className="notice notice-ok" role="status">
          {t("workflows.month.saved")}
        </p>
      ) : null}
      <OneEmployerFilters label={t("workflows.fields.employer")} value={employer} employers={employers} action="/months">
        <Field label={t("workflows.fields.period")} name="period" type="month" placeholder="YYYY-MM" defaultValue={period} required />
        <Field label={t("common.asOf")} name="asOf" type="date" defaultValue={asOf} required />
      </OneEmployerFilters>

      {!view ? (
        <p className="notice notice-warning">{t("workflows.month.noEmployers")}</p>
      ) : (
        <>
          {!view.policy ? <p className="notice notice-warning">{t("workflows.month.noPolicy", { region: view.employer.region, period })}</p> : null}
          <Summary view={view} asOf={asOf} />
          {!view.summary && view.policy ? <p className="notice notice-warning">{t("workflows.month.notEvaluated", { date: asOf })}</p> : null}

          <div className="detail-grid">
            <Deadlines view={view} />
            <MonthFindings view={view} />
          </div>

          <h2>{t("workflows.month.employees")}</h2>
          <EmployeeTable rows={view.rows} totals={view.totals} ctx={{ canWrite, employer, period, today, failure }} />

          {view.policy ? (
            <details className="card">
              <summary>{t("workflows.month.perInsurance")}</summary>
              <InsuranceTable withRates lines={insuranceLines(view.totals.items, view.policy.rates)} />
            </details>
          ) : null}

          <div className="detail-grid">
            {canWrite ? (
              <section>
                <h2>{t("workflows.month.prepare")}</h2>
                <PrepareForm employer={employer} period={period} today={today} undeclaredCount={view.undeclaredCount} failure={failure} />
              </section>
            ) : null}
            <section>
              <h2>{t("workflows.month.payments")}</h2>
              <PaymentsTable payments={view.payments} />
              {canWrite ? <PaymentForm employer={employer} period={period} today={today} outstanding={view.summary?.outstanding ?? null} failure={failure} /> : null}
            </section>
          </div>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
