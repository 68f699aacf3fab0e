import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { RuleBadge, SeverityBadge, StatusBadge } from "~/components/badges";
import { ConfigProblemsBanner } from "~/components/config-problems";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { EmployerSelect } from "~/components/employer-filters";
import { ListPage } from "~/components/list-page";
import { employerOptions } from "~/models/employer.server";
import { evaluationFor } from "~/models/evaluation.server";
import { employeeIdsByNo } from "~/models/month.server";
import { CureCell } from "~/components/finding-cure";
import type { CsvColumn } from "~/shared/table-csv";
import { yuanPlain } from "~/rules/money";
import { useFormat, type Formatter } from "~/hooks/use-format";
import { RULES, SEVERITIES, type Finding } from "~/rules/types";
import { requireCodeInScope, requirePermission, scopeOf } from "~/server/auth.server";
import { today } from "~/server/clock.server";
import { db } from "~/server/db.server";
import { FINDINGS_TABLE_COLUMNS, FindingsTableQuerySchema, findingsView } from "~/url-state/findings-table";
import { pageTitle } from "~/shared/meta";
import { tableQuery, throwExportIfAsked } from "~/server/table-export.server";
import { PageHead } from "~/components/page-head";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "findings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "finding:read");
  const scope = await scopeOf(user);
  const query = tableQuery(request, FINDINGS_TABLE_COLUMNS, FindingsTableQuerySchema);
  requireCodeInScope(scope, query.employer);
  const asOf = query.asOf ?? today();
  const evaluation = await evaluationFor(db, asOf, query.employer || null, scope?.codes ?? null);
  const view = findingsView(evaluation.findings, query);
  await throwExportIfAsked(request, `findings-view-${asOf}`, findingCsvColumns, query.hide, () => view.matching);
  return json({
    query: { ...query, asOf },
    findings: view.rows.map(({ detail: _d, ...f }) => f),
    employeeIds: await employeeIdsByNo(db, view.rows.flatMap((f) => (f.employeeNo ? [f.employeeNo] : []))),
    total: view.total,
    page: view.page,
    pageCount: view.pageCount,
    configProblems: evaluation.configProblems,
    employers: await employerOptions(db, scope?.codes),
  });
}

/** The view's CSV: the table's columns (not the cure links), values as the reader sees them, amounts in yuan. */
function findingCsvColumns(t: (key: string) => string): CsvColumn<Finding>[] {
  const money = (v: number | null) => (v === null ? "" : yuanPlain(v));
  return [
    { id: "rule", label: t("findings.rule"), value: (f) => t(`rules.${f.rule}`) },
    { id: "article", label: t("findings.article"), value: (f) => f.article },
    { id: "severity", label: t("findings.severity"), value: (f) => t(`severities.${f.severity}`) },
    { id: "status", label: t("findings.status"), value: (f) => t(`statuses.${f.status}`) },
    { id: "employer", label: t("findings.employer"), value: (f) => f.employerCode },
    { id: "period", label: t("findings.period"), value: (f) => f.period ?? "" },
    { id: "employee", label: t("findings.employee"), value: (f) => (f.employeeNo ? `${f.employeeNo} ${f.employeeName ?? ""}`.trim() : "") },
    { id: "dueDate", label: t("findings.dueDate"), value: (f) => f.dueDate },
    { id: "days", label: t("findings.days"), value: (f) => String(f.days) },
    { id: "outstanding", label: t("findings.outstanding"), value: (f) => money(f.outstanding) },
    { id: "lateFee", label: t("findings.lateFee"), value: (f) => money(f.lateFee) },
    { id: "stage", label: t("findings.stage"), value: (f) => (f.stage ? t(`stages.${f.stage}`) : "") },
  ];
}

type Row = Omit<Finding, "detail">;
const col = createColumnHelper<Row>();

function EmployeeCell({ row, t }: { row: Row; t: TFunction }) {
  if (!row.employeeNo) return <>{t("common.none")}</>;
  return (
    <>
      <span className="mono">{row.employeeNo}</span> {row.employeeName}
    </>
  );
}

function findingColumns(t: TFunction, fmt: Formatter, asOf: string, employeeIds: Record<string, number>) {
  const money = (v: number | null) => (v === null ? t("common.none") : fmt.money(v));
  return [
    col.accessor("rule", { header: t("findings.rule"), enableSorting: true, cell: (c) => <RuleBadge rule={c.getValue()} severity={c.row.original.severity} /> }),
    col.accessor("article", { header: t("findings.article"), cell: (c) => t("findings.articleRef", { article: c.getValue().replace(";", ", ") }), meta: { className: "nowrap" } }),
    col.accessor("severity", { header: t("findings.severity"), enableSorting: true, cell: (c) => <SeverityBadge severity={c.getValue()} /> }),
    col.accessor("status", { header: t("findings.status"), enableSorting: true, cell: (c) => <StatusBadge status={c.getValue()} /> }),
    col.accessor("employerCode", { id: "employer", header: t("findings.employer"), enableSorting: true, meta: { className: "mono" } }),
    col.accessor("period", { header: t("findings.period"), enableSorting: true, cell: (c) => c.getValue() ?? t("common.none"), meta: { className: "nowrap" } }),
    col.accessor("employeeNo", { id: "employee", header: t("findings.employee"), enableSorting: true, cell: (c) => <EmployeeCell row={c.row.original} t={t} /> }),
    col.accessor("dueDate", { header: t("findings.dueDate"), enableSorting: true, meta: { className: "nowrap" } }),
    col.accessor("days", { header: t("findings.days"), enableSorting: true, meta: { className: "num" } }),
    col.accessor("outstanding", { header: t("findings.outstanding"), enableSorting: true, cell: (c) => money(c.getValue()), meta: { className: "num" } }),
    col.accessor("lateFee", { header: t("findings.lateFee"), enableSorting: true, cell: (c) => money(c.getValue()), meta: { className: "num" } }),
    col.accessor("stage", { header: t("findings.stage"), cell: (c) => { const s = c.getValue(); return s ? t(`stages.${s}`) : t("common.none"); } }),
    col.display({ id: "cure", header: t("workflows.cure.title"), cell: (c) => <CureCell finding={c.row.original} asOf={asOf} employeeIds={employeeIds} /> }),
  ];
}

export default function Findings() {
  const { query, findings, total, page, pageCount, configProblems, employers, employeeIds } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const fmt = useFormat();
  const asOf = encodeURIComponent(query.asOf);
  return (
    <>
      <PageHead title={t("findings.title")} intro={t("findings.intro")}>
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
      </PageHead>
      <p className="muted" data-testid="report-xlsx-links">
        {t("files.ui.reportXlsx")}:{" "}
        <a href={`/reports/overdue.xlsx?asOf=${asOf}`} download>
          {t("files.ui.overdueXlsx")}
        </a>
        {" · "}
        <a href={`/reports/overdue.xlsx?asOf=${asOf}&warnings=1`} download>
          {t("files.ui.overdueWarningsXlsx")}
        </a>
        {" · "}
        <a href={`/reports/findings.xlsx?asOf=${asOf}`} download>
          {t("files.ui.allXlsx")}
        </a>
      </p>
      <p className="muted csv-zh-header">
        {t("findings.chineseHeader")}{" "}
        <a href={`/reports/overdue.csv?asOf=${asOf}&header=zh`} download>
          {t("findings.zhHeaderOverdue")}
        </a>
        {" · "}
        <a href={`/reports/overdue.csv?asOf=${asOf}&warnings=1&header=zh`} download>
          {t("findings.zhHeaderOverdueWarnings")}
        </a>
        {" · "}
        <a href={`/reports/findings.csv?asOf=${asOf}&header=zh`} download>
          {t("findings.zhHeaderAll")}
        </a>
      </p>
      <ConfigProblemsBanner problems={configProblems} />
      <ListPage
        filters={
          <>
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
            <EmployerSelect label={t("findings.employer")} any={t("findings.anyEmployer")} value={query.employer} employers={employers} />
            <Field label={t("findings.period")} name="period" type="month" defaultValue={query.period} />
            <Field label={t("findings.employee")} name="employee" defaultValue={query.employee} placeholder={t("findings.employeeFilterHint")} />
          </>
        }
        state={{ sort: query.sort || undefined, dir: query.sort ? query.dir : undefined, hide: query.hide }}
        table={{
          total,
          data: findings,
          columns: findingColumns(t, fmt, query.asOf, employeeIds),
          empty: t("findings.empty"),
          caption: t("findings.title"),
          testId: "findings",
        }}
        pages={{ page, pageCount, total }}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
