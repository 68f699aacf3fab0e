import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listEmployers } from "~/models/employer.server";
import { requirePermission, scopeOf } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { useFormat } from "~/hooks/use-format";
import { pageTitle } from "~/shared/meta";
import { useCan } from "~/hooks/use-user";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "employers.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "employer:read");
  return json({ employers: await listEmployers(db, (await scopeOf(user))?.codes) });
}

type Row = Awaited<ReturnType<typeof listEmployers>>[number];
const col = createColumnHelper<Row>();

function CodeCell({ row }: { row: Row }) {
  return (
    <Link to={`/employers/${row.id}`} className="mono">
      {row.code}
    </Link>
  );
}

export default function Employers() {
  const { employers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const fmt = useFormat();
  const canWrite = useCan("employer:write");
  const columns = [
    col.accessor("code", { header: t("fields.code"), cell: (c) => <CodeCell row={c.row.original} /> }),
    col.accessor("name", { header: t("fields.name") }),
    col.accessor("uscc", { header: t("fields.uscc"), meta: { className: "mono" } }),
    col.accessor("region", { header: t("fields.region") }),
    col.accessor("trackingFrom", { header: t("firstday.tracking.label"), cell: (c) => c.getValue() ?? t("common.none"), meta: { className: "mono" } }),
    col.accessor("employeeCount", { header: t("employers.employeeCount"), cell: (c) => fmt.number(c.getValue()), meta: { className: "num" } }),
  ];
  return (
    <>
      <div className="page-head">
        <h1>{t("employers.title")}</h1>
        {canWrite ? (
          <Link to="/employers/new" className="btn">
            {t("employers.new")}
          </Link>
        ) : null}
      </div>
      <DataTable data={employers} columns={columns} empty={t("employers.empty")} caption={t("employers.title")} rowKey={(r) => String(r.id)} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
