import { Link } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import type { CsvColumn } from "~/shared/table-csv";
import { yuanPlain } from "~/rules/money";
import type { Formatter } from "~/hooks/use-format";

export interface RosterRow {
  id: number;
  employeeNo: string;
  name: string;
  idType: "resident_id" | "passport" | "permit";
  idMasked: string;
  employerCode: string;
  department: string;
  hireDate: string;
  terminationDate: string | null;
  wage: number | null;
  active: boolean;
}

const col = createColumnHelper<RosterRow>();

function NameCell({ row }: { row: RosterRow }) {
  return (
    <Link to={`/employees/${row.id}`} data-primary>
      {row.name}
    </Link>
  );
}

function StatusCell({ row, t }: { row: RosterRow; t: TFunction }) {
  if (row.active) return <span className="badge badge-active">{t("employees.active")}</span>;
  return <span className="badge badge-terminated">{t("employees.terminated")}</span>;
}

/** The roster's columns; sortable ones match ROSTER_SORTS (ids are the sort keys). */
export function rosterColumns(t: TFunction, fmt: Formatter) {
  return [
    col.accessor("employeeNo", { header: t("fields.employeeNo"), enableSorting: true, meta: { className: "mono nowrap" } }),
    col.accessor("name", { header: t("firstday.personName"), enableSorting: true, cell: (c) => <NameCell row={c.row.original} /> }),
    col.accessor("idMasked", { id: "idNumber", header: t("fields.idNumber"), enableSorting: false, meta: { className: "mono nowrap" } }),
    col.accessor("employerCode", { id: "employer", header: t("fields.employer"), enableSorting: true, meta: { className: "mono" } }),
    col.accessor("department", { header: t("fields.department"), enableSorting: true }),
    col.accessor("hireDate", { header: t("fields.hireDate"), enableSorting: true, meta: { className: "nowrap" } }),
    col.accessor("terminationDate", {
      header: t("fields.terminationDate"),
      enableSorting: true,
      cell: (c) => c.getValue() ?? t("common.none"),
      meta: { className: "nowrap" },
    }),
    col.accessor("wage", {
      header: t("fields.wage"),
      enableSorting: false,
      cell: (c) => {
        const v = c.getValue();
        return v === null ? t("common.none") : fmt.money(v);
      },
      meta: { className: "num" },
    }),
    col.display({ id: "status", header: t("fields.status"), cell: (c) => <StatusCell row={c.row.original} t={t} /> }),
  ];
}

/** The roster's CSV export: the same columns (ids of `?hide=`), plain values; identity numbers masked. */
export function rosterCsvColumns(t: (key: string) => string): CsvColumn<RosterRow>[] {
  return [
    { id: "employeeNo", label: t("fields.employeeNo"), value: (r) => r.employeeNo },
    { id: "name", label: t("firstday.personName"), value: (r) => r.name },
    { id: "idNumber", label: t("fields.idNumber"), value: (r) => r.idMasked },
    { id: "employer", label: t("fields.employer"), value: (r) => r.employerCode },
    { id: "department", label: t("fields.department"), value: (r) => r.department },
    { id: "hireDate", label: t("fields.hireDate"), value: (r) => r.hireDate },
    { id: "terminationDate", label: t("fields.terminationDate"), value: (r) => r.terminationDate ?? "" },
    { id: "wage", label: t("fields.wage"), value: (r) => (r.wage === null ? "" : yuanPlain(r.wage)) },
    { id: "status", label: t("fields.status"), value: (r) => t(r.active ? "employees.active" : "employees.terminated") },
  ];
}
