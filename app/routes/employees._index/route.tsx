import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { EmployerSelect } from "~/components/employer-filters";
import { ListPage } from "~/components/list-page";
import { allRosterRows, listDepartments, listEmployees } from "~/models/employee.server";
import { employerOptions } from "~/models/employer.server";
import { rosterWithFullIds, type RosterRowWithId } from "~/models/roster-export.server";
import { actorOf, requireCodeInScope, requirePermission, scopeOf } from "~/server/auth.server";
import { forbidden } from "~/server/http.server";
import { can } from "~/shared/permissions";
import { today } from "~/server/clock.server";
import { db } from "~/server/db.server";
import { pageTitle } from "~/shared/meta";
import { ROSTER_COLUMNS, RosterQuerySchema } from "~/url-state/roster-query";
import { csvTranslator, exportResponse, tableQuery, throwExportIfAsked, wantsCsv } from "~/server/table-export.server";
import { exportHref } from "~/url-state/table-view";
import { useCan } from "~/hooks/use-user";
import { useFormat } from "~/hooks/use-format";
import { rosterColumns, rosterCsvColumns } from "./columns";
import { PageHead } from "~/components/page-head";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "employees.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "employee:read");
  const scope = (await scopeOf(user))?.codes;
  const query = tableQuery(request, ROSTER_COLUMNS, RosterQuerySchema);
  requireCodeInScope(await scopeOf(user), query.employer);
  // Full identity numbers: HR and admin only, on request, audited (issue 18).
  if (wantsCsv(request) && new URL(request.url).searchParams.get("ids") === "full") {
    if (!can(user.role, "employee:write")) throw forbidden();
    const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
    const columns = rosterCsvColumns(await csvTranslator(request)).map((c) => (c.id === "idNumber" ? { ...c, text: true, value: (r: RosterRowWithId) => r.idNumber } : c));
    throw exportResponse(request, `roster-full-ids-${today()}`, columns, query.hide, await rosterWithFullIds(db, query, today(), actorOf(user), format, scope));
  }
  await throwExportIfAsked(request, `roster-${today()}`, rosterCsvColumns, query.hide, () => allRosterRows(db, query, today(), scope));
  const result = await listEmployees(db, query, today(), scope);
  return json({ query, ...result, employers: await employerOptions(db, scope), departments: await listDepartments(db, scope) });
}

export default function Roster() {
  const { query, rows, total, page, pageCount, employers, departments } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const canWrite = useCan("employee:write");
  const fmt = useFormat();
  return (
    <>
      <PageHead title={t("employees.title")} intro={t("employees.idMasked")}>
        {canWrite ? (
          <Link to="/employees/new" className="btn">
            {t("employees.new")}
          </Link>
        ) : null}
      </PageHead>
      <ListPage
        search
        filters={
          <>
            <Field label={t("employees.searchLabel")} name="q" type="search" defaultValue={query.q} maxLength={100} />
            <EmployerSelect label={t("fields.employer")} any={t("employees.allEmployers")} value={query.employer} employers={employers} />
            <SelectField label={t("fields.department")} name="department" defaultValue={query.department}>
              <option value="">{t("employees.allDepartments")}</option>
              {departments.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("fields.status")} name="status" defaultValue={query.status}>
              <option value="">{t("employees.statusAll")}</option>
              <option value="active">{t("employees.active")}</option>
              <option value="terminated">{t("employees.terminated")}</option>
            </SelectField>
          </>
        }
        submitLabel={t("common.search")}
        formActions={
          <Link to="/employees" className="btn btn-ghost">
            {t("common.reset")}
          </Link>
        }
        state={query}
        paged={{ rows, total, page, pageCount }}
        table={{
          columns: rosterColumns(t, fmt),
          empty: t("employees.empty"),
          caption: t("employees.title"),
          rowKey: (r) => String(r.id),
          testId: "roster",
        }}
      />
      {canWrite ? (
        <p className="muted" data-testid="roster-full-ids">
          {t("files.ui.fullIds")}:{" "}
          <a href={`${exportHref(params, "routes/employees._index", "xlsx")}&ids=full`} download>
            xlsx
          </a>
          {" · "}
          <a href={`${exportHref(params, "routes/employees._index", "csv")}&ids=full`} download>
            CSV
          </a>{" "}
          <span className="hint">{t("files.ui.fullIdsHelp")}</span>
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
