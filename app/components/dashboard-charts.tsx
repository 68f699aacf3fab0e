/**
 * The dashboard's charts. Each is a titled figure: the chart (drawn in the
 * browser after hydration — recharts writes inline styles, which the Content
 * Security Policy refuses in server-rendered HTML, see contributions-chart.tsx)
 * and the same figures as a table in a disclosure, for screen readers and for
 * anyone without JavaScript. Money is fen in the data and yuan on the axes.
 */
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ArrearsPoint, PremiumPoint, RegistrationPoint } from "~/rules/dashboard";
import type { RuleCode } from "~/rules/types";
import { useFormat } from "~/utils/format";

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

export function PremiumsChart({ data }: { data: PremiumPoint[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows = data.map((d) => ({ period: d.period, required: d.required / 100, paid: d.paid / 100 }));
  return (
    <ChartFigure
      id="chart-premiums"
      title={t("dashboard.premiumsTitle")}
      unit={t("dashboard.yuanAxis")}
      chart={
        <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={yuanTick} width={84} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => fmt.money(Math.round(Number(v) * 100))} />
          <Legend />
          <Bar dataKey="required" name={t("dashboard.required")} fill={COLORS.required} isAnimationActive={false} />
          <Bar dataKey="paid" name={t("dashboard.paid")} fill={COLORS.paid} isAnimationActive={false} />
        </BarChart>
      }
      table={
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t("dashboard.month")}</th>
              <th scope="col" className="num">{t("dashboard.required")}</th>
              <th scope="col" className="num">{t("dashboard.paid")}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.period}>
                <th scope="row">{d.period}</th>
                <td className="num">{fmt.money(d.required)}</td>
                <td className="num">{fmt.money(d.paid)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function ArrearsChart({ data }: { data: ArrearsPoint[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows = data.map((d) => ({ period: d.period, overdue: d.overdue / 100, lateFee: d.lateFee / 100 }));
  return (
    <ChartFigure
      id="chart-arrears"
      title={t("dashboard.arrearsTitle")}
      unit={t("dashboard.yuanAxis")}
      chart={
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={yuanTick} width={84} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => fmt.money(Math.round(Number(v) * 100))} />
          <Legend />
          <Line type="linear" dataKey="overdue" name={t("dashboard.overdue")} stroke={COLORS.overdue} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="linear" dataKey="lateFee" name={t("dashboard.lateFee")} stroke={COLORS.lateFee} strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      }
      table={
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t("dashboard.date")}</th>
              <th scope="col" className="num">{t("dashboard.overdue")}</th>
              <th scope="col" className="num">{t("dashboard.lateFee")}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.period}>
                <th scope="row">{fmt.date(d.asOf)}</th>
                <td className="num">{fmt.money(d.overdue)}</td>
                <td className="num">{fmt.money(d.lateFee)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function RegistrationChart({ data }: { data: RegistrationPoint[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows = data.map((d) => ({ period: d.period, rate: d.rate === null ? null : d.rate / 10_000 }));
  return (
    <ChartFigure
      id="chart-registration"
      title={t("dashboard.registrationTitle")}
      unit={t("dashboard.percentAxis")}
      chart={
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} width={48} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} />
          <Legend />
          <Line type="linear" dataKey="rate" name={t("dashboard.onTimeRate")} stroke={COLORS.rate} strokeWidth={2} connectNulls isAnimationActive={false} />
        </LineChart>
      }
      table={
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t("dashboard.month")}</th>
              <th scope="col" className="num">{t("dashboard.hired")}</th>
              <th scope="col" className="num">{t("dashboard.onTime")}</th>
              <th scope="col" className="num">{t("dashboard.late")}</th>
              <th scope="col" className="num">{t("dashboard.pending")}</th>
              <th scope="col" className="num">{t("dashboard.onTimeRate")}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.period}>
                <th scope="row">{d.period}</th>
                <td className="num">{fmt.number(d.hired)}</td>
                <td className="num">{fmt.number(d.onTime)}</td>
                <td className="num">{fmt.number(d.late)}</td>
                <td className="num">{fmt.number(d.pending)}</td>
                <td className="num">{d.rate === null ? t("common.none") : fmt.percent(d.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

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
          <thead>
            <tr>
              <th scope="col">{t("findings.rule")}</th>
              <th scope="col" className="num">{t("dashboard.count")}</th>
            </tr>
          </thead>
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
