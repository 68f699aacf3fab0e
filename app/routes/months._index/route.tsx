/**
 * The employer-months, `/months` (filters, sort and page in the URL; CSV and
 * Excel of the whole view). `/months?…&period=…`, the month's address of
 * before, answers with a redirect to `/months/YYYY-MM?…`; a POST here is the
 * month's (its forms and clients posted here).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { EmployerSelect } from "~/components/employer-filters";
import { ListPage } from "~/components/list-page";
import { employerOptions } from "~/models/employer.server";
import { evaluationFor } from "~/models/evaluation.server";
import { requirePermission, scopeOf } from "~/server/auth.server";
import { today } from "~/server/clock.server";
import { db } from "~/server/db.server";
import { useFormat } from "~/hooks/use-format";
import { notFound } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import { MONTH_STATUSES, MONTHS_COLUMNS, MonthsListQuerySchema, monthStatus, monthsView } from "~/url-state/months-table";
import { tableQuery, throwExportIfAsked } from "~/server/table-export.server";
import { can } from "~/shared/permissions";
import { monthAction, redirectToMonth } from "../months.$period/page.server";
import { monthCsvColumns, monthListColumns, type MonthListRow } from "./columns";
import { PageHead } from "~/components/page-head";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tables.months.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (new URL(request.url).searchParams.has("period")) return redirectToMonth(request);
  const user = await requirePermission(request, "workflow:read");
  const scope = await scopeOf(user);
  const list = tableQuery(request, MONTHS_COLUMNS, MonthsListQuerySchema);
  const employers = await employerOptions(db, scope?.codes);
  if (list.employer && !employers.some((e) => e.code === list.employer)) throw notFound();
  const asOf = list.asOf ?? today();
  const { months } = await evaluationFor(db, asOf, list.employer || null, scope?.codes ?? null);
  const view = monthsView(months, list);
  await throwExportIfAsked(request, `months-${asOf}`, monthCsvColumns, list.hide, () => view.matching);
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
  return json({ canWrite: can(user.role, "workflow:write"), employers, query: { ...list, asOf }, rows, total: view.total, page: view.page, pageCount: view.pageCount });
}

export async function action(args: ActionFunctionArgs) {
  return monthAction(args);
}

export default function MonthsList() {
  const { canWrite, employers, query, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      <PageHead title={t("tables.months.title")} intro={t("tables.months.intro")} />
      {!canWrite ? <p className="notice notice-warning">{t("common.readOnly")}</p> : null}
      <ListPage
        filters={
          <>
            <EmployerSelect label={t("tables.months.employer")} any={t("tables.months.anyEmployer")} value={query.employer} employers={employers} />
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
          </>
        }
        state={query}
        table={{
          total,
          data: rows,
          columns: monthListColumns(t, fmt, query.asOf),
          empty: t("tables.months.empty"),
          caption: t("tables.months.title"),
          rowKey: (r) => `${r.employerCode}:${r.period}`,
          testId: "months",
        }}
        pages={{ page, pageCount, total }}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
