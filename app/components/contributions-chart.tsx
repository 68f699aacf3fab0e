/**
 * Own vs employer contributions per month (the employee portal). Presentational
 * and typed by its props; colours and labels in one place; explicit height; no
 * animation. Recharts writes inline style attributes, which the Content
 * Security Policy (style-src 'self') refuses in server-rendered HTML, so the
 * chart renders in the browser after hydration (React then sets styles through
 * the CSSOM, which the policy allows). A table carries the same figures for
 * screen readers and for anyone without JavaScript.
 */
import { useEffect, useState } from "react";
import { createColumnHelper } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber, useFormat } from "~/hooks/use-format";
import { DataTable } from "./data-table";

export interface ContributionPoint {
  period: string;
  /** fen */
  own: number;
  /** fen */
  employer: number;
}

const SERIES = [
  { key: "own", color: "#0f766e", label: "statements.portal.own" },
  { key: "employer", color: "#b54708", label: "statements.portal.employer" },
] as const;

export const CHART_HEIGHT = 300;

function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

const yuanTick = (v: number) => `¥${formatNumber("en", Math.round(v))}`;

export function ContributionsChart({ data, captionId }: { data: ContributionPoint[]; captionId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const hydrated = useHydrated();
  const rows = data.map((d) => ({ period: d.period, own: d.own / 100, employer: d.employer / 100 }));
  return (
    <div className="chart-box" role="img" aria-labelledby={captionId} data-testid="contributions-chart">
      {hydrated ? (
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 12 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="period" tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={yuanTick} width={72} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => fmt.money(Math.round(Number(v) * 100))} labelFormatter={(label) => fmt.month(String(label))} />
            <Legend />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={t(s.label)} fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}

const col = createColumnHelper<ContributionPoint>();

/** The same figures as a table (the chart's accessible alternative). */
export function ContributionsTable({ data }: { data: ContributionPoint[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const money = (key: "own" | "employer") => col.accessor(key, { header: t(SERIES.find((x) => x.key === key)!.label), cell: (c) => fmt.money(c.getValue()), meta: { className: "num" } });
  return (
    <DataTable
      frame="none"
      data={data}
      columns={[col.accessor("period", { header: t("statements.month"), cell: (c) => fmt.month(c.getValue()), meta: { rowHeader: true } }), money("own"), money("employer")]}
      caption={t("statements.portal.chartHeading")}
      rowKey={(d) => d.period}
      empty={t("common.none")}
      testId="contributions-table"
    />
  );
}
