import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { HrExportLinks } from "~/components/hr-export-links";
import { z } from "zod";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { annualBaseView, recordAnnualDeclaration, type AnnualBaseLineView } from "~/models/annual-base.server";
import { employerOptions } from "~/models/employer.server";
import { isValidMonth } from "~/rules/dates";
import { useFormat, type Formatter } from "~/hooks/use-format";
import type { Insurance } from "~/rules/types";
import { can } from "~/shared/permissions";
import { actorOf, requireCodeInScope, requirePermission, scopeOf } from "~/server/auth.server";
import { today } from "~/server/clock.server";
import { db } from "~/server/db.server";
import { useFieldErrors } from "~/hooks/use-field-errors";
import { formValues } from "~/server/forms.server";
import { invalid, notFound, parseSearchParams } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import type { FieldErrors } from "~/shared/validation";
import { OneEmployerFilters } from "~/components/employer-filters";
import { PageHead } from "~/components/page-head";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "hrMonth.annual.title");

export const AnnualQuerySchema = z.object({
  employer: z.string().trim().max(20).catch("").default(""),
  year: z.string().refine(isValidMonth).optional().catch(undefined),
  done: z.string().optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "workflow:read");
  const query = parseSearchParams(request, AnnualQuerySchema);
  // A scoped account (issue 21) is offered only its employers; asking for another one answers 404.
  const scope = await scopeOf(user);
  requireCodeInScope(scope, query.employer);
  const employers = await employerOptions(db, scope?.codes);
  const code = query.employer || employers[0]?.code || "";
  const now = today();
  const view = code ? await annualBaseView(db, code, query.year ?? null, now) : null;
  if (query.employer && view && !view.ok && view.problem === "noEmployer") throw notFound();
  return json({ canWrite: can(user.role, "workflow:write"), today: now, employers, code, view, done: query.done === "1" });
}

/** Record the year as declared on a date; auditors get 403. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "workflow:write");
  const values = await formValues(request);
  requireCodeInScope(await scopeOf(user), values.employer?.trim());
  const result = await recordAnnualDeclaration(db, actorOf(user), values);
  if (!result.ok) return invalid(result.errors, values);
  const next = new URLSearchParams({ employer: values.employer ?? "", year: values.yearStart ?? "", done: "1" });
  return redirect(`/annual-base?${next}`);
}

type Failure = { errors: FieldErrors; values: Record<string, string> } | undefined;

const col = createColumnHelper<AnnualBaseLineView>();

function derivationText(t: TFunction, l: AnnualBaseLineView): string {
  const d = l.derivation;
  if (d.kind === "average") return t("hrMonth.annual.derivationAverage", { year: d.year, months: d.months });
  if (d.kind === "hire") return t("hrMonth.annual.derivationHire", { month: d.month });
  return t("hrMonth.annual.derivationWage", { month: d.month });
}

function columns(t: TFunction, differing: readonly Insurance[], fmt: Formatter) {
  return [
    col.accessor("employeeNo", { header: t("fields.employeeNo"), meta: { className: "mono nowrap" } }),
    col.accessor("name", { header: t("fields.name"), cell: (c) => <Link to={`/employees/${c.row.original.employeeId}`}>{c.getValue()}</Link> }),
    col.display({
      id: "derivation",
      header: t("hrMonth.annual.derivation"),
      cell: (c) => (
        <>
          {derivationText(t, c.row.original)}
          {c.row.original.needsWageRow ? (
            <div className="badge badge-warning" data-testid="needs-wage-row">
              {t("hrMonth.annual.needsWageRow", { month: c.row.original.missingRowFor })}
            </div>
          ) : null}
        </>
      ),
    }),
    col.accessor("basis", { header: t("hrMonth.annual.basis"), cell: (c) => fmt.money(c.getValue()), meta: { className: "num" } }),
    ...(differing.length > 0 ? (["pension", ...differing] as Insurance[]) : []).map((ins) =>
      col.display({ id: `base_${ins}`, header: t("hrMonth.annual.insuranceBase", { insurance: t(`hrMonth.insurances.${ins}`) }), cell: (c) => fmt.money(c.row.original.bases[ins]), meta: { className: "num" } }),
    ),
    col.accessor("employerTotal", { header: t("hrMonth.annual.employerTotal"), cell: (c) => fmt.money(c.getValue()), meta: { className: "num" } }),
    col.accessor("employeeTotal", { header: t("hrMonth.annual.employeeTotal"), cell: (c) => fmt.money(c.getValue()), meta: { className: "num" } }),
    col.accessor("change", {
      header: t("hrMonth.annual.change"),
      cell: (c) => {
        const v = c.getValue();
        if (v === null) return <span className="muted">{t("hrMonth.annual.noPrevious")}</span>;
        return `${v > 0 ? "+" : v < 0 ? "−" : "±"}${fmt.money(Math.abs(v))}`;
      },
      meta: { className: "num" },
    }),
    col.accessor("recordedBasis", {
      header: t("hrMonth.annual.recorded"),
      cell: (c) => {
        const v = c.getValue();
        if (v === null) return <span className="muted">{t("common.none")}</span>;
        return v === c.row.original.basis ? fmt.money(v) : <span className="badge badge-warning">{fmt.money(v)}</span>;
      },
      meta: { className: "num" },
    }),
  ];
}

function RecordForm({ code, yearStart, today, failure }: { code: string; yearStart: string; today: string; failure: Failure }) {
  const { t } = useTranslation();
  const err = useFieldErrors(failure?.errors);
  return (
    <Form method="post" className="card inline-form" noValidate aria-label={t("hrMonth.annual.record")}>
      <input type="hidden" name="employer" value={code} />
      <input type="hidden" name="yearStart" value={yearStart} />
      <Field label={t("hrMonth.fields.declaredOn")} name="declaredOn" type="date" defaultValue={failure?.values.declaredOn ?? today} error={err("declaredOn", "hrMonth.fields.declaredOn")} required />
      {err("yearStart", "hrMonth.fields.yearStart") ? (
        <p className="field-error" role="alert">
          {err("yearStart", "hrMonth.fields.yearStart")}
        </p>
      ) : null}
      <button type="submit" className="btn">
        {t("hrMonth.annual.record")}
      </button>
    </Form>
  );
}

export default function AnnualBase() {
  const { canWrite, today, employers, code, view, done } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      <PageHead title={t("hrMonth.annual.title")} intro={t("hrMonth.annual.intro")} />
      <OneEmployerFilters label={t("fields.employer")} value={code} employers={employers} separator="—">
        <Field label={t("hrMonth.fields.yearStart")} name="year" type="month" defaultValue={view && "yearStart" in view ? view.yearStart : ""} />
      </OneEmployerFilters>
      {done ? (
        <p className="notice notice-success" role="status">
          {t("hrMonth.annual.recordedDone")}
        </p>
      ) : null}
      {!view ? (
        <p className="notice">{t("hrMonth.noEmployers")}</p>
      ) : !view.ok ? (
        <p className="notice notice-warning">{view.problem === "noPolicy" ? t("hrMonth.annual.noPolicy", { month: view.yearStart }) : t("hrMonth.noEmployers")}</p>
      ) : (
        <>
          <section className="card" aria-label={t("hrMonth.annual.summary")}>
            <p data-testid="annual-summary">
              {t("hrMonth.annual.yearLine", { start: view.yearStart, year: view.averagedYear, count: view.lines.length })}{" "}
              {view.daysToTurn >= 0 ? t("hrMonth.annual.turnIn", { days: view.daysToTurn }) : t("hrMonth.annual.turnPassed", { days: -view.daysToTurn })}
            </p>
            {view.baseRule !== "annual" ? <p className="notice notice-warning">{t("hrMonth.annual.wageRule")}</p> : null}
            {!view.uniform ? <p>{t("hrMonth.annual.perInsurance")}</p> : null}
            <p>{view.recordedOn ? t("hrMonth.annual.recordedOn", { date: view.recordedOn }) : t("hrMonth.annual.notRecorded")}</p>
            {view.lines.some((l) => l.needsWageRow) ? (
              <p className="notice notice-warning">{t("hrMonth.annual.wageRowsMissing", { count: view.lines.filter((l) => l.needsWageRow).length })}</p>
            ) : null}
            <HrExportLinks path="/annual-base/export" params={{ employer: view.employer.code, year: view.yearStart }} canWrite={canWrite} />
          </section>
          {canWrite ? <RecordForm code={view.employer.code} yearStart={view.yearStart} today={today} failure={failure ?? undefined} /> : <p className="notice notice-warning">{t("common.readOnly")}</p>}
          <DataTable
            data={view.lines}
            columns={columns(t, view.differing, fmt)}
            empty={t("hrMonth.annual.empty")}
            caption={t("hrMonth.annual.title")}
            rowKey={(r) => String(r.employeeId)}
            testId="annual-base-table"
          />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
