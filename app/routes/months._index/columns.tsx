/** The months list's columns: on screen (TanStack) and in the CSV/Excel export. */
import { Link } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import type { CsvColumn } from "~/shared/table-csv";
import { yuanPlain } from "~/rules/money";
import type { Formatter } from "~/hooks/use-format";
import { monthStatus, type MonthStatus } from "~/url-state/months-table";
import { monthHref } from "~/url-state/search-params";

export interface MonthListRow {
  employerCode: string;
  period: string;
  dueDate: string;
  liableCount: number;
  required: number;
  paid: number;
  outstanding: number;
  overdue: number;
  lateFee: number;
  status: MonthStatus;
}
type MonthSummaryLike = Omit<MonthListRow, "status">;

export function monthCsvColumns(t: (key: string) => string): CsvColumn<MonthSummaryLike>[] {
  return [
    { id: "employer", label: t("tables.months.employer"), value: (m) => m.employerCode },
    { id: "period", label: t("tables.months.period"), value: (m) => m.period },
    { id: "dueDate", label: t("tables.months.dueDate"), value: (m) => m.dueDate },
    { id: "liable", label: t("tables.months.liable"), value: (m) => String(m.liableCount) },
    { id: "required", label: t("tables.months.required"), value: (m) => yuanPlain(m.required) },
    { id: "paid", label: t("tables.months.paid"), value: (m) => yuanPlain(m.paid) },
    { id: "outstanding", label: t("tables.months.outstanding"), value: (m) => yuanPlain(m.outstanding) },
    { id: "overdue", label: t("tables.months.overdue"), value: (m) => yuanPlain(m.overdue) },
    { id: "lateFee", label: t("tables.months.lateFee"), value: (m) => yuanPlain(m.lateFee) },
    { id: "status", label: t("tables.months.status"), value: (m) => t(`tables.months.statuses.${monthStatus(m)}`) },
  ];
}

const mcol = createColumnHelper<MonthListRow>();

export function monthListColumns(t: TFunction, fmt: Formatter, asOf: string) {
  const money = { cell: (c: { getValue: () => number }) => fmt.money(c.getValue()), meta: { className: "num" }, enableSorting: true };
  return [
    mcol.accessor("employerCode", { id: "employer", header: t("tables.months.employer"), enableSorting: true, meta: { className: "mono" } }),
    mcol.accessor("period", {
      header: t("tables.months.period"),
      enableSorting: true,
      meta: { className: "nowrap" },
      cell: (c) => (
        <Link
          to={monthHref(c.row.original.employerCode, c.getValue(), { asOf })}
          data-primary
          aria-label={t("tables.months.openMonth", { employer: c.row.original.employerCode, period: c.getValue() })}
        >
          {c.getValue()}
        </Link>
      ),
    }),
    mcol.accessor("dueDate", { header: t("tables.months.dueDate"), enableSorting: true, meta: { className: "nowrap" } }),
    mcol.accessor("liableCount", { id: "liable", header: t("tables.months.liable"), enableSorting: true, cell: (c) => fmt.number(c.getValue()), meta: { className: "num" } }),
    mcol.accessor("required", { header: t("tables.months.required"), ...money }),
    mcol.accessor("paid", { header: t("tables.months.paid"), ...money }),
    mcol.accessor("outstanding", { header: t("tables.months.outstanding"), ...money }),
    mcol.accessor("overdue", { header: t("tables.months.overdue"), ...money }),
    mcol.accessor("lateFee", { header: t("tables.months.lateFee"), ...money }),
    mcol.accessor("status", {
      header: t("tables.months.status"),
      enableSorting: true,
      cell: (c) => {
        const s = c.getValue();
        return <span className={`badge ${s === "overdue" ? "badge-critical" : s === "due" ? "badge-warning" : "badge-ok"}`}>{t(`tables.months.statuses.${s}`)}</span>;
      },
    }),
  ];
}
