/** The month page's tables, on the shared DataTable: the liable employees (with totals), per insurance, the tranches, the payments. */
import { Link } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import type { MonthEmployeeRow } from "~/models/month.server";
import { INSURANCES, type Insurance } from "~/rules/types";
import { useFormat, type Formatter } from "~/hooks/use-format";
import { CorrectionForm, type Failure } from "./forms";

function ClampNote({ clamp }: { clamp: MonthEmployeeRow["clamp"] }) {
  const { t } = useTranslation();
  if (!clamp) return null;
  return <span className="badge badge-closed">{clamp === "floor" ? t("workflows.month.floorApplied") : t("workflows.month.capApplied")}</span>;
}

/** One line of figures per insurance (the rows of a small table: the insurance names its row). */
interface InsuranceLine {
  insurance: Insurance;
  employerRate?: string;
  employer: number;
  employeeRate?: string;
  employee: number;
}

const ins = createColumnHelper<InsuranceLine>();

function insuranceColumns(t: TFunction, fmt: Formatter, withRates: boolean) {
  const money = { cell: (c: { getValue: () => number }) => fmt.money(c.getValue()), meta: { className: "num" } };
  const rate = (id: "employerRate" | "employeeRate", header: string) => ins.accessor((r) => r[id] ?? "", { id, header, meta: { className: "mono" } });
  return [
    ins.accessor("insurance", { header: t("workflows.month.insurance"), cell: (c) => t(`insurances.${c.getValue()}`), meta: { rowHeader: true } }),
    ...(withRates ? [rate("employerRate", t("workflows.month.employerRate"))] : []),
    ins.accessor("employer", { header: t("workflows.month.employerSide"), ...money }),
    ...(withRates ? [rate("employeeRate", t("workflows.month.employeeRate"))] : []),
    ins.accessor("employee", { header: t("workflows.month.employeeSide"), ...money }),
  ];
}

export function InsuranceTable({ lines, caption, withRates = false }: { lines: InsuranceLine[]; caption?: string; withRates?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return <DataTable compact data={lines} columns={insuranceColumns(t, fmt, withRates)} caption={caption} rowKey={(l) => l.insurance} empty={t("common.none")} />;
}

type Items = Record<Insurance, { employer: number; employee: number }>;
export const insuranceLines = (items: Items, rates?: Record<Insurance, { employer: string; employee: string }>): InsuranceLine[] =>
  INSURANCES.map((i) => ({ insurance: i, employer: items[i].employer, employee: items[i].employee, employerRate: rates?.[i].employer, employeeRate: rates?.[i].employee }));

interface EmployeeContext {
  canWrite: boolean;
  employer: string;
  period: string;
  today: string;
  failure: Failure;
}

function EmployeeDetails({ row, ctx }: { row: MonthEmployeeRow; ctx: EmployeeContext }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const open = ctx.failure?.values.intent === "correct" && ctx.failure.values.employeeNo === row.employeeNo;
  return (
    <details open={open}>
      <summary>{t("workflows.month.details")}</summary>
      <InsuranceTable lines={insuranceLines(row.items)} caption={t("workflows.month.itemsOf", { name: row.name })} />
      {row.versions.length > 0 ? (
        <>
          <h4>{t("workflows.month.versions")}</h4>
          <ul className="plain-list">
            {row.versions.map((v) => (
              <li key={v.declaredOn}>
                {v.declaredOn}: {fmt.money(v.declaredBase)}
              </li>
            ))}
          </ul>
          {ctx.canWrite ? <CorrectionForm row={row} employer={ctx.employer} period={ctx.period} today={ctx.today} failure={ctx.failure} /> : null}
        </>
      ) : null}
    </details>
  );
}

const emp = createColumnHelper<MonthEmployeeRow>();

function employeeColumns(t: TFunction, fmt: Formatter, ctx: EmployeeContext) {
  const num = { meta: { className: "num" } };
  const money = { ...num, cell: (c: { getValue: () => number }) => fmt.money(c.getValue()) };
  return [
    emp.accessor("employeeNo", {
      header: t("fields.employeeNo"),
      meta: { className: "mono nowrap" },
      cell: (c) => (c.row.original.employeeId ? <Link to={`/employees/${c.row.original.employeeId}`}>{c.getValue()}</Link> : c.getValue()),
    }),
    emp.accessor("name", { header: t("firstday.personName") }),
    emp.accessor("wage", { header: t("fields.wage"), ...money }),
    emp.accessor("base", {
      header: t("workflows.month.requiredBase"),
      ...num,
      cell: (c) => (
        <>
          {fmt.money(c.getValue())} <ClampNote clamp={c.row.original.clamp} />
        </>
      ),
    }),
    emp.accessor("employerTotal", { header: t("workflows.month.employerSide"), ...money }),
    emp.accessor("employeeTotal", { header: t("workflows.month.employeeSide"), ...money }),
    emp.accessor("required", { header: t("workflows.month.total"), ...money }),
    emp.accessor("declaredBase", {
      header: t("workflows.fields.declaredBase"),
      ...num,
      cell: (c) => {
        const base = c.getValue();
        return base === null ? (
          <span className="muted">{t("workflows.month.notDeclared")}</span>
        ) : (
          <>
            {fmt.money(base)}
            <div className="muted">{t("workflows.month.declaredOnDate", { date: c.row.original.declaredOn })}</div>
          </>
        );
      },
    }),
    emp.accessor("difference", {
      header: t("workflows.month.difference"),
      ...num,
      cell: (c) => {
        const diff = c.getValue();
        return diff === null ? t("common.none") : diff === 0 ? fmt.money(0) : <strong className={diff < 0 ? "text-critical" : undefined}>{fmt.money(diff)}</strong>;
      },
    }),
    emp.display({ id: "details", header: t("workflows.month.details"), cell: (c) => <EmployeeDetails row={c.row.original} ctx={ctx} /> }),
  ];
}

export function EmployeeTable({ rows, totals, ctx }: { rows: MonthEmployeeRow[]; totals: { employerTotal: number; employeeTotal: number; required: number }; ctx: EmployeeContext }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const footer: ReactNode = (
    <tr>
      <th scope="row" colSpan={4}>
        {t("workflows.month.totals")}
      </th>
      <td className="num">{fmt.money(totals.employerTotal)}</td>
      <td className="num">{fmt.money(totals.employeeTotal)}</td>
      <td className="num" data-testid="rows-total">
        {fmt.money(totals.required)}
      </td>
      <td colSpan={3} />
    </tr>
  );
  return (
    <DataTable
      data={rows}
      columns={employeeColumns(t, fmt, ctx)}
      caption={t("workflows.month.employees")}
      empty={t("workflows.month.nobodyLiable")}
      rowKey={(r) => r.employeeNo}
      rowAttributes={(r) => ({ "data-employee": r.employeeNo })}
      footer={footer}
    />
  );
}

interface Tranche {
  dueDate: string;
  amount: number;
  paid: number;
  filledOn: string | null;
}
const tr = createColumnHelper<Tranche>();

export function TranchesTable({ tranches }: { tranches: Tranche[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const money = { cell: (c: { getValue: () => number }) => fmt.money(c.getValue()), meta: { className: "num" } };
  const columns = [
    tr.accessor("dueDate", { header: t("workflows.month.dueDate"), meta: { className: "nowrap" } }),
    tr.accessor("amount", { header: t("workflows.fields.amount"), ...money }),
    tr.accessor("paid", { header: t("workflows.month.paid"), ...money }),
    tr.accessor("filledOn", { header: t("workflows.month.filledOn"), cell: (c) => c.getValue() ?? t("workflows.month.open"), meta: { className: "nowrap" } }),
  ];
  return <DataTable compact captionVisible data={tranches} columns={columns} caption={t("workflows.month.tranches")} rowKey={(x) => x.dueDate} empty={t("common.none")} />;
}

interface MonthPayment {
  id: number;
  paidOn: string;
  afterAsOf: boolean;
  amount: number;
  reference: string;
}
const pay = createColumnHelper<MonthPayment>();

export function PaymentsTable({ payments }: { payments: MonthPayment[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns = [
    pay.accessor("paidOn", {
      header: t("workflows.fields.paidOn"),
      meta: { className: "nowrap" },
      cell: (c) => (
        <>
          {c.getValue()} {c.row.original.afterAsOf ? <span className="badge badge-closed">{t("workflows.month.afterAsOf")}</span> : null}
        </>
      ),
    }),
    pay.accessor("amount", { header: t("workflows.fields.amount"), cell: (c) => fmt.money(c.getValue()), meta: { className: "num" } }),
    pay.accessor("reference", { header: t("workflows.fields.reference"), meta: { className: "mono" } }),
  ];
  return <DataTable data={payments} columns={columns} rowKey={(p) => String(p.id)} empty={t("workflows.month.noPayments")} testId="payments" />;
}
