/**
 * The dashboard's charts. Each is a titled figure: the chart (drawn in the
 * browser after hydration — recharts writes inline styles, which the Content
 * Security Policy refuses in server-rendered HTML, see contributions-chart.tsx)
 * and the same figures as a table in a disclosure, for screen readers and for
 * anyone without JavaScript. Money is fen in the data and yuan on the axes.
 */
import { useEffect, useState, type ReactNode } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ArrearsPoint, PremiumPoint, RegistrationPoint } from "~/rules/dashboard";
import type { RuleCode } from "~/rules/types";
import { useFormat } from "~/hooks/use-format";
import type { Catalog } from "~/locales/en";
import { DataTable } from "./data-table";
import { TableHead } from "./table-head";

export const DASHBOARD_CHART_HEIGHT = 260;

const COLORS = { required: "#94a3b8", paid: "#0f766e", overdue: "#b42318", lateFee: "#b54708", rate: "#1d4ed8", rules: "#7c3aed" };

function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** Axis ticks in whole yuan (the value is already yuan). */
const yuanTick = (v: number) => `¥${Math.round(v).toLocaleString("en-US")}`;

function ChartFigure({ id, title, unit, chart, table }: { id: string; title: string; unit: string; chart: ReactNode; table: ReactNode }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  return (
    <figure className="card dash-chart" aria-labelledby={`${id}-title`} data-testid={id}>
      <figcaption id={`${id}-title`} className="dash-chart-title">
        {title} <span className="dash-chart-unit">({unit})</span>
      </figcaption>
      <div className="dash-chart-box" role="img" aria-labelledby={`${id}-title`} data-testid={`${id}-chart`} data-hydrated={hydrated ? "1" : "0"}>
        {hydrated ? (
          <ResponsiveContainer width="100%" height={DASHBOARD_CHART_HEIGHT}>
            {chart as React.ReactElement}
          </ResponsiveContainer>
        ) : null}
      </div>
      <details className="dash-chart-figures">
        <summary>{t("dashboard.chartFigures")}</summary>
        <div className="table-wrap">{table}</div>
      </details>
    </figure>
  );
}

type Format = "money" | "number" | "percent";

/** A `dashboard.*` catalog key of a message (not of a group such as `kinds`). */
type DashboardKey = { [K in keyof Catalog["dashboard"]]: Catalog["dashboard"][K] extends string ? K : never }[keyof Catalog["dashboard"]];

interface Column<T> {
  key: keyof T & string;
  /** Its heading: a `dashboard.*` catalog key. */
  label: DashboardKey;
  format: Format;
  /** Drawn as a series of the chart (else only in the table). */
  color?: string;
}

/**
 * A month-by-month chart (bars or lines) with its table: money in fen, rates in ppm, each formatted per locale.
 * `name` gives its id (`chart-NAME`) and title (`dashboard.NAMETitle`); a row is labelled by its period, or by `rowDate` when given.
 */
function TrendFigure<T extends { period: string }>({
  name,
  kind,
  data,
  columns,
  rowDate,
}: {
  name: "premiums" | "arrears" | "registration";
  kind: "bar" | "line";
  data: T[];
  columns: Column<T>[];
  rowDate?: (row: T) => string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = `chart-${name}`;
  const series = columns.filter((c) => c.color);
  const percent = series.some((c) => c.format === "percent");
  const rowLabel = (row: T) => (rowDate ? fmt.date(rowDate(row)) : row.period);
  // Chart values: yuan for money, percent for ppm rates (null stays a gap).
  const toChart = (v: unknown, format: Format) => (typeof v !== "number" ? null : format === "money" ? v / 100 : format === "percent" ? v / 10_000 : v);
  const rows = data.map((d) => Object.fromEntries([["period", d.period], ...series.map((c) => [c.key, toChart(d[c.key], c.format)])]));
  const show = (v: unknown, format: Format) =>
    typeof v !== "number" ? t("common.none") : format === "money" ? fmt.money(v) : format === "percent" ? fmt.percent(v) : fmt.number(v);
  const tooltip = (v: unknown) => (percent ? `${Number(v).toFixed(1)}%` : fmt.money(Math.round(Number(v) * 100)));
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} />,
    <XAxis key="x" dataKey="period" tick={{ fontSize: 11 }} />,
    percent ? (
      <YAxis key="y" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} width={48} tick={{ fontSize: 11 }} />
    ) : (
      <YAxis key="y" tickFormatter={yuanTick} width={84} tick={{ fontSize: 11 }} />
    ),
    <Tooltip key="tip" formatter={tooltip} />,
    <Legend key="legend" />,
  ];
  const margin = { top: 8, right: 12, bottom: 4, left: 12 };
  return (
    <ChartFigure
      id={id}
      title={t(`dashboard.${name}Title`)}
      unit={t(percent ? "dashboard.percentAxis" : "dashboard.yuanAxis")}
      chart={
        kind === "bar" ? (
          <BarChart data={rows} margin={margin}>
            {axes}
            {series.map((c) => (
              <Bar key={c.key} dataKey={c.key as string} name={t(`dashboard.${c.label}`)} fill={c.color} isAnimationActive={false} />
            ))}
          </BarChart>
        ) : (
          <LineChart data={rows} margin={margin}>
            {axes}
            {series.map((c) => (
              <Line key={c.key} type="linear" dataKey={c.key as string} name={t(`dashboard.${c.label}`)} stroke={c.color} strokeWidth={2} dot={percent} connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        )
      }
      table={
        <DataTable
          compact
          data={data}
          rowKey={(d) => d.period}
          empty={t("common.none")}
          columns={[
            { id: "period", header: t(kind === "line" && !percent ? "dashboard.date" : "dashboard.month"), cell: (c) => rowLabel(c.row.original), meta: { rowHeader: true } } as ColumnDef<T>,
            ...columns.map((col): ColumnDef<T> => ({ id: col.key, header: t(`dashboard.${col.label}`), cell: (c) => show(c.row.original[col.key], col.format), meta: { className: "num" } })),
          ]}
        />
      }
    />
  );
}

const PREMIUM_COLUMNS: Column<PremiumPoint>[] = [
  { key: "required", label: "required", format: "money", color: COLORS.required },
  { key: "paid", label: "paid", format: "money", color: COLORS.paid },
];
const ARREARS_COLUMNS: Column<ArrearsPoint>[] = [
  { key: "overdue", label: "overdue", format: "money", color: COLORS.overdue },
  { key: "lateFee", label: "lateFee", format: "money", color: COLORS.lateFee },
];
const REGISTRATION_COLUMNS: Column<RegistrationPoint>[] = [
  { key: "hired", label: "hired", format: "number" },
  { key: "onTime", label: "onTime", format: "number" },
  { key: "late", label: "late", format: "number" },
  { key: "pending", label: "pending", format: "number" },
  { key: "rate", label: "onTimeRate", format: "percent", color: COLORS.rate },
];

/** Premiums required and paid, by month (bars). */
export const PremiumsChart = ({ data }: { data: PremiumPoint[] }) => <TrendFigure name="premiums" kind="bar" data={data} columns={PREMIUM_COLUMNS} />;
/** Premiums overdue and late fees at each month's end (lines), each row dated. */
export const ArrearsChart = ({ data }: { data: ArrearsPoint[] }) => <TrendFigure name="arrears" kind="line" data={data} columns={ARREARS_COLUMNS} rowDate={(d) => d.asOf} />;
/** Registrations applied for on time, by month of hire (the rate as a line; the counts in the table). */
export const RegistrationChart = ({ data }: { data: RegistrationPoint[] }) => <TrendFigure name="registration" kind="line" data={data} columns={REGISTRATION_COLUMNS} />;

export function RulesChart({ data, hrefFor }: { data: { rule: RuleCode; count: number }[]; hrefFor: (rule: RuleCode) => string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows = data.map((d) => ({ rule: t(`rules.${d.rule}`), count: d.count }));
  return (
    <ChartFigure
      id="chart-rules"
      title={t("dashboard.byRule")}
      unit={t("dashboard.count")}
      chart={
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="rule" width={190} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend />
          <Bar dataKey="count" name={t("dashboard.openFindings")} fill={COLORS.rules} isAnimationActive={false} />
        </BarChart>
      }
      table={
        <table className="data-table compact">
          <TableHead columns={[t("findings.rule"), { label: t("dashboard.count"), className: "num" }]} />
          <tbody>
            {data.map((d) => (
              <tr key={d.rule}>
                <th scope="row">
                  <a href={hrefFor(d.rule)}>{t(`rules.${d.rule}`)}</a>
                </th>
                <td className="num">{fmt.number(d.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
