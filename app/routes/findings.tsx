import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { RuleBadge, SeverityBadge, StatusBadge } from "~/components/badges";
import { ConfigProblemsBanner } from "~/components/config-problems";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { employerOptions } from "~/models/employer.server";
import { evaluateAsOf } from "~/models/engine.server";
import { employeeIdsByNo } from "~/models/month.server";
import { CureCell } from "~/components/finding-cure";
import { yuanDisplay } from "~/rules/money";
import { RULES, SEVERITIES, type Finding } from "~/rules/types";
import { requirePermission } from "~/utils/auth.server";
import { today } from "~/utils/dates.server";
import { db } from "~/utils/db.server";
import { FINDINGS_PAGE_SIZE, FindingsQuerySchema } from "~/utils/findings-query";
import { parseSearchParams } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { pageWindow } from "~/utils/search-params";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "findings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "finding:read");
  const query = parseSearchParams(request, FindingsQuerySchema);
  const asOf = query.asOf ?? today();
  const evaluation = evaluateAsOf(db, asOf, query.employer ? { employerCodes: [query.employer] } : {});
  const matching = evaluation.findings.filter(
    (f) =>
      (query.rule === "" || f.rule === query.rule) &&
      (query.severity === "" || f.severity === query.severity) &&
      (query.status === "" || f.status === query.status) &&
      (query.period === "" || f.period === query.period) &&
      (query.employee === "" || f.employeeNo === query.employee || (f.employeeName ?? "").includes(query.employee)),
  );
  const { page, pageCount, offset } = pageWindow(matching.length, query.page, FINDINGS_PAGE_SIZE);
  return json({
    query: { ...query, asOf },
    findings: matching.slice(offset, offset + FINDINGS_PAGE_SIZE).map(({ detail: _d, ...f }) => f),
    employeeIds: employeeIdsByNo(db, matching.slice(offset, offset + FINDINGS_PAGE_SIZE).flatMap((f) => (f.employeeNo ? [f.employeeNo] : []))),
    total: matching.length,
    page,
    pageCount,
    configProblems: evaluation.configProblems,
    employers: employerOptions(db),
  });
}

type Row = Omit<Finding, "detail">;
const col = createColumnHelper<Row>();

const money = (v: number | null, t: TFunction) => (v === null ? t("common.none") : yuanDisplay(v));

function EmployeeCell({ row, t }: { row: Row; t: TFunction }) {
  if (!row.employeeNo) return <>{t("common.none")}</>;
  return (
    <>
      <span className="mono">{row.employeeNo}</span> {row.employeeName}
    </>
  );
}

function findingColumns(t: TFunction, asOf: string, employeeIds: Record<string, number>) {
  return [
    col.accessor("rule", { header: t("findings.rule"), cell: (c) => <RuleBadge rule={c.getValue()} severity={c.row.original.severity} /> }),
    col.accessor("article", { header: t("findings.article"), cell: (c) => t("findings.articleRef", { article: c.getValue().replace(";", ", ") }), meta: { className: "nowrap" } }),
    col.accessor("severity", { header: t("findings.severity"), cell: (c) => <SeverityBadge severity={c.getValue()} /> }),
    col.accessor("status", { header: t("findings.status"), cell: (c) => <StatusBadge status={c.getValue()} /> }),
    col.accessor("employerCode", { header: t("findings.employer"), meta: { className: "mono" } }),
    col.accessor("period", { header: t("findings.period"), cell: (c) => c.getValue() ?? t("common.none"), meta: { className: "nowrap" } }),
    col.display({ id: "employee", header: t("findings.employee"), cell: (c) => <EmployeeCell row={c.row.original} t={t} /> }),
    col.accessor("dueDate", { header: t("findings.dueDate"), meta: { className: "nowrap" } }),
    col.accessor("days", { header: t("findings.days"), meta: { className: "num" } }),
    col.accessor("outstanding", { header: t("findings.outstanding"), cell: (c) => money(c.getValue(), t), meta: { className: "num" } }),
    col.accessor("lateFee", { header: t("findings.lateFee"), cell: (c) => money(c.getValue(), t), meta: { className: "num" } }),
    col.accessor("stage", { header: t("findings.stage"), cell: (c) => { const s = c.getValue(); return s ? t(`stages.${s}`) : t("common.none"); } }),
    col.display({ id: "cure", header: t("workflows.cure.title"), cell: (c) => <CureCell finding={c.row.original} asOf={asOf} employeeIds={employeeIds} /> }),
  ];
}

export default function Findings() {
  const { query, findings, total, page, pageCount, configProblems, employers, employeeIds } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const asOf = encodeURIComponent(query.asOf);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("findings.title")}</h1>
          <p>{t("findings.intro")}</p>
        </div>
        <div className="form-actions">
          <a className="btn" href={`/reports/overdue.csv?asOf=${asOf}`} download>
            {t("findings.downloadOverdue")}
          </a>
          <a className="btn btn-ghost" href={`/reports/overdue.csv?asOf=${asOf}&warnings=1`} download>
            {t("findings.downloadOverdueWarnings")}
          </a>
          <a className="btn btn-ghost" href={`/reports/findings.csv?asOf=${asOf}`} download>
            {t("findings.downloadAll")}
          </a>
        </div>
      </div>
      <ConfigProblemsBanner problems={configProblems} />
      <Form method="get" className="filters" key={params.toString()}>
        <Field label={t("common.asOf")} name="asOf" type="date" defaultValue={query.asOf} required />
        <SelectField label={t("findings.rule")} name="rule" defaultValue={query.rule}>
          <option value="">{t("findings.anyRule")}</option>
          {RULES.map((r) => (
            <option key={r} value={r}>
              {t(`rules.${r}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("findings.severity")} name="severity" defaultValue={query.severity}>
          <option value="">{t("findings.anySeverity")}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`severities.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("findings.status")} name="status" defaultValue={query.status}>
          <option value="">{t("findings.anyStatus")}</option>
          <option value="open">{t("statuses.open")}</option>
          <option value="closed">{t("statuses.closed")}</option>
        </SelectField>
        <SelectField label={t("findings.employer")} name="employer" defaultValue={query.employer}>
          <option value="">{t("findings.anyEmployer")}</option>
          {employers.map((e) => (
            <option key={e.id} value={e.code}>
              {e.code} · {e.name}
            </option>
          ))}
        </SelectField>
        <Field label={t("findings.period")} name="period" type="month" defaultValue={query.period} />
        <Field label={t("findings.employee")} name="employee" defaultValue={query.employee} placeholder={t("findings.employeeFilterHint")} />
        <button type="submit" className="btn">
          {t("common.apply")}
        </button>
      </Form>
      <DataTable
        data={findings}
        columns={findingColumns(t, query.asOf, employeeIds)}
        empty={t("findings.empty")}
        caption={t("findings.title")}
      />
      <Pagination page={page} pageCount={pageCount} total={total} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
