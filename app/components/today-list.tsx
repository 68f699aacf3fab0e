/** "What to do today" at the top of the dashboard: at most five actions, each with one link that does it. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TodayAction } from "~/rules/today";
import { useFormat } from "~/hooks/use-format";
import { monthHref } from "~/url-state/search-params";

/** The one page where the action is done. */
export function todayHref(a: TodayAction, asOf: string | null): string {
  const p = new URLSearchParams();
  const e = a.employerCode;
  switch (a.kind) {
    case "pay":
    case "payDue":
    case "declare":
    case "declareEmployees":
      p.set("employer", e);
      if (asOf) p.set("asOf", asOf);
      // Without a month: the employer's months.
      return a.period ? monthHref(e, a.period, p) : `/months?${p}`;
    case "installment":
      p.set("employer", e);
      return `/collection?${p}`;
    case "register":
      if (asOf) p.set("asOf", asOf);
      return `/registrations${p.size ? `?${p}` : ""}`;
    case "reportLeaver":
    case "statements":
      p.set("status", "open");
      p.set("employer", e);
      if (a.rules[0]) p.set("rule", a.rules[0]);
      if (asOf) p.set("asOf", asOf);
      return `/findings?${p}`;
  }
}

export function TodayList({ actions, asOf, isToday, findingsHref }: { actions: TodayAction[]; asOf: string; isToday: boolean; findingsHref: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = (a: TodayAction): string => {
    const base = { count: a.count, name: a.employeeName ?? a.employeeNo ?? "", date: fmt.date(a.dueDate), days: a.days, month: a.period ? fmt.month(a.period) : "", amount: a.amount === null ? "" : fmt.money(a.amount) };
    switch (a.kind) {
      case "pay":
        return a.fineMax ? t("firstday.today.payFine", { ...base, fine: fmt.money(a.fineMax), daily: fmt.money(a.dailyLateFee ?? 0) }) : t("firstday.today.pay", { ...base, daily: fmt.money(a.dailyLateFee ?? 0) });
      case "installment":
        return t("firstday.today.installment", base);
      case "register":
        return a.tier === 2 ? t("firstday.today.registerSoon", base) : t("firstday.today.registerLate", base);
      case "payDue":
        return t("firstday.today.payDue", base);
      case "reportLeaver":
        return a.tier === 2 ? t("firstday.today.reportSoon", base) : t("firstday.today.reportLate", base);
      case "declare":
        return t("firstday.today.declare", base);
      case "declareEmployees":
        return t("firstday.today.declareEmployees", base);
      case "statements":
        return t("firstday.today.statements", base);
    }
  };
  return (
    <section aria-labelledby="dash-today" className="card today" data-testid="today">
      <h2 id="dash-today">{t("firstday.today.title")}</h2>
      {actions.length === 0 ? (
        <p className="muted">{t("firstday.today.empty")}</p>
      ) : (
        <ol className="today-list">
          {actions.map((a) => (
            <li key={`${a.kind}|${a.employerCode}|${a.period ?? ""}|${a.tier}`} className={a.tier === 1 ? "today-urgent" : undefined}>
              <Link to={todayHref(a, isToday ? null : asOf)}>{text(a)}</Link> <span className="mono muted">{a.employerCode}</span>
            </li>
          ))}
        </ol>
      )}
      <Link to={findingsHref}>{t("firstday.today.more")}</Link>
    </section>
  );
}
