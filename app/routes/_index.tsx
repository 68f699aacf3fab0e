import { mailAttention } from "~/models/statement-mail.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConfigProblemsBanner } from "~/components/config-problems";
import { AnnualTurnNotices } from "~/components/annual-turn-notice";
import { cachedTurnNotices } from "~/models/annual-base.server";
import { ArrearsChart, PremiumsChart, RegistrationChart, RulesChart } from "~/components/dashboard-charts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { employerOptions } from "~/models/employer.server";
import { cachedDashboard, todayList } from "~/models/evaluation.server";
import { setupState, trackingMonths } from "~/models/setup.server";
import { SetupChecklist } from "~/components/setup-checklist";
import { TableHead } from "~/components/table-head";
import { TodayList } from "~/components/today-list";
import { monthOf } from "~/rules/dates";
import { STAGES, type UpcomingItem } from "~/rules/dashboard";
import type { RuleCode, Severity } from "~/rules/types";
import { requirePermission, scopeOf } from "~/server/auth.server";
import { today } from "~/server/clock.server";
import { db } from "~/server/db.server";
import { useFormat } from "~/hooks/use-format";
import { parseSearchParams } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import { asOfParam } from "~/url-state/search-params";
import { monthHref } from "~/url-state/search-params";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.title");

const DashboardQuerySchema = z.object({
  asOf: asOfParam(),
  employer: z.string().trim().max(20).catch("").default(""),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboard:read");
  const query = parseSearchParams(request, DashboardQuerySchema);
  const asOf = query.asOf ?? today();
  const scope = (await scopeOf(user))?.codes ?? null;
  const employers = await employerOptions(db, scope);
  const employer = employers.some((e) => e.code === query.employer) ? query.employer : "";
  // Independent reads, at once (on PostgreSQL each is a round trip to the server).
  // A scoped account (issue 21) sees only its employers' figures, notices, mail counts, actions and set-up steps.
  const [figures, annualTurn, mail, todayActions, setup, tracking] = await Promise.all([
    cachedDashboard(db, asOf, employer || null, scope),
    cachedTurnNotices(db, asOf, employer || null, scope),
    mailAttention(db, new Date(), employer ? [employer] : scope),
    todayList(db, asOf, employer || null, scope),
    setupState(db, monthOf(today()), employer || null, scope),
    trackingMonths(db),
  ]);
  return json({
    /** The greeting uses the person's name; an e-mail address is no name. */
    name: user.name.trim() || null,
    asOf,
    isToday: query.asOf === undefined,
    employer,
    employers,
    figures,
    annualTurn,
    mail,
    today: todayActions,
    setup,
    tracking: tracking.filter((e) => (!employer || e.code === employer) && (scope === null || scope.includes(e.code))),
  });
}

/** `/findings?…` for the same as-of date and employer, with more filters. */
function findingsHref(asOf: string, employer: string, isToday: boolean, filters: Record<string, string>): string {
  const p = new URLSearchParams();
  if (!isToday) p.set("asOf", asOf);
  if (employer) p.set("employer", employer);
  for (const [k, v] of Object.entries(filters)) p.set(k, v);
  return `/findings?${p.toString()}`;
}

function Stat({ label, value, href, linkText, alert, hint, testId, money }: { label: string; value: string; href?: string; linkText?: string; alert?: boolean; hint?: string; testId: string; money?: boolean }) {
  return (
    <div className={alert ? "card stat alert" : "card stat"} data-testid={testId}>
      <div className="label">{label}</div>
      <div className={money ? "value money" : "value"}>{value}</div>
      {hint ? <div className="hint">{hint}</div> : null}
      {href ? <Link to={href}>{linkText ?? label}</Link> : null}
    </div>
  );
}

function upcomingHref(u: UpcomingItem, isToday: boolean, asOf: string): string {
  const asOfPart = isToday ? "" : `&asOf=${asOf}`;
  switch (u.kind) {
    case "registration":
      return `/registrations${asOfPart.replace("&", "?")}`;
    case "premium":
      return u.period ? monthHref(u.employerCode, u.period, isToday ? {} : { asOf }) : `/months?employer=${encodeURIComponent(u.employerCode)}${asOfPart}`;
    default:
      return `/collection?employer=${encodeURIComponent(u.employerCode)}`;
  }
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const f = d.figures;
  const { t } = useTranslation();
  const fmt = useFormat();
  const href = (filters: Record<string, string>) => findingsHref(d.asOf, d.employer, d.isToday, filters);
  /** A count that alerts when above zero (unless `alert` says otherwise) and links to the items counted. */
  const countStat = (testId: string, label: string, count: number, to: string, linkText = t("dashboard.viewFindings"), alert = count > 0) => (
    <Stat key={testId} testId={testId} label={label} value={fmt.number(count)} alert={alert} href={to} linkText={linkText} />
  );
  // A warning is no alarm: its card never alerts.
  const severityCard = (s: Severity) => countStat(`stat-severity-${s}`, t(`severities.${s}`), f.bySeverity[s], href({ status: "open", severity: s }), undefined, s !== "warning" && f.bySeverity[s] > 0);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{d.name ? t("dashboard.welcome", { name: d.name }) : t("firstday.greeting")}</h1>
          <p>{t("dashboard.intro", { date: fmt.longDate(d.asOf) })}</p>
          {d.tracking.length > 0 ? (
            <p className="muted" data-testid="tracked-from">
              {d.tracking.map((e) => (e.trackingFrom ? t("firstday.tracking.tracked", { code: e.code, month: e.trackingFrom }) : t("firstday.tracking.trackedAll", { code: e.code }))).join(" · ")}
            </p>
          ) : null}
        </div>
      </div>
      <Form method="get" className="filters" role="search" aria-label={t("dashboard.filters")} key={`${d.asOf}|${d.employer}`}>
        <Field label={t("dashboard.asOf")} name="asOf" type="date" defaultValue={d.asOf} required />
        <SelectField label={t("dashboard.employer")} name="employer" defaultValue={d.employer}>
          <option value="">{t("dashboard.allEmployers")}</option>
          {d.employers.map((e) => (
            <option key={e.code} value={e.code}>
              {e.code} · {e.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn">
          {t("dashboard.apply")}
        </button>
      </Form>
      <ConfigProblemsBanner problems={f.configProblems} />
      <SetupChecklist steps={d.setup.steps} employerCount={d.setup.employerCount} />
      <TodayList actions={d.today} asOf={d.asOf} isToday={d.isToday} findingsHref={href({ status: "open" })} />
      <AnnualTurnNotices notices={d.annualTurn} />

      <section aria-labelledby="dash-wrong">
        <h2 id="dash-wrong">{t("dashboard.wrong")}</h2>
        <div className="stats">
          {countStat("stat-open", t("dashboard.openFindings"), f.openFindings, href({ status: "open" }))}
          {(["critical", "breach", "warning"] as const).map(severityCard)}
          {countStat("stat-statements-unopened", t("mail.dashboard.unopened"), d.mail.unopened, "/statements?show=unopened", t("statements.title"))}
          {countStat("stat-statement-disputes", t("mail.dashboard.openDisputes"), d.mail.openDisputes, "/statements?show=openDisputes", t("statements.title"))}
          {countStat("stat-unpaid", t("dashboard.monthsUnpaid"), f.monthsUnpaid, href({ status: "open", rule: "ART60_UNPAID" }))}
          <Stat
            testId="stat-outstanding"
            label={t("dashboard.outstanding")}
            value={fmt.money(f.outstanding)}
            money
            alert={f.outstanding > 0}
            href={href({ status: "open", rule: "ART60_UNPAID" })}
            linkText={t("dashboard.viewFindings")}
          />
          <Stat testId="stat-late-fees" label={t("dashboard.lateFees")} value={fmt.money(f.lateFees)} money hint={t("dashboard.lateFeesHint")} />
          {countStat("stat-statements", t("dashboard.statementsMissing"), f.statementsMissing, href({ status: "open", rule: "ART60_STATEMENT_MISSING" }))}
        </div>
      </section>

      <section aria-labelledby="dash-due">
        <h2 id="dash-due">{t("dashboard.due")}</h2>
        <div className="stats">
          <Stat testId="stat-active" label={t("dashboard.activeEmployees")} value={fmt.number(f.activeEmployees)} href="/employees?status=active" linkText={t("dashboard.viewRoster")} />
          <Stat
            testId="stat-unregistered"
            label={t("dashboard.unregistered")}
            value={fmt.number(f.unregistered)}
            alert={f.unregistered > 0}
            hint={t("dashboard.dueThisWeek", { count: f.registrationsDueThisWeek })}
            href={`/registrations${d.isToday ? "" : `?asOf=${d.asOf}`}`}
            linkText={t("dashboard.viewRegistrations")}
          />
          <div className="card stat" data-testid="stat-collection">
            <div className="label">{t("dashboard.collection")}</div>
            {STAGES.some((s) => f.collectionByStage[s] > 0) ? (
              <dl className="stage-counts">
                {STAGES.filter((s) => f.collectionByStage[s] > 0).map((s) => (
                  <div key={s}>
                    <dt>{t(`stages.${s}`)}</dt>
                    <dd>{fmt.number(f.collectionByStage[s])}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="muted">{t("dashboard.collectionEmpty")}</p>
            )}
            <Link to="/collection">{t("dashboard.viewCollection")}</Link>
          </div>
        </div>
        <div className="card">
          <h3>{t("dashboard.upcomingTitle")}</h3>
          {f.upcoming.length === 0 ? (
            <p className="muted">{t("dashboard.upcomingEmpty")}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table compact" data-testid="upcoming">
                <TableHead columns={[t("dashboard.date"), t("dashboard.kind"), t("dashboard.employer"), t("dashboard.subject"), { label: t("dashboard.amount"), className: "num" }]} />
                <tbody>
                  {f.upcoming.map((u) => (
                    <tr key={`${u.kind}|${u.date}|${u.employerCode}|${u.period ?? ""}|${u.employeeNo ?? ""}`}>
                      <td className="nowrap">{fmt.date(u.date)}</td>
                      <td>
                        <Link to={upcomingHref(u, d.isToday, d.asOf)}>{t(`dashboard.kinds.${u.kind}`)}</Link>
                      </td>
                      <td className="mono">{u.employerCode}</td>
                      <td>
                        {u.employeeNo ? (
                          <>
                            <span className="mono">{u.employeeNo}</span> {u.employeeName}
                          </>
                        ) : u.period ? (
                          fmt.month(u.period)
                        ) : (
                          t("common.none")
                        )}
                      </td>
                      <td className="num">{u.amount === null ? t("dashboard.amountUnknown") : fmt.money(u.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {f.upcomingTotal > f.upcoming.length ? <p className="muted">{t("dashboard.upcomingMore", { shown: f.upcoming.length, total: f.upcomingTotal })}</p> : null}
        </div>
      </section>

      <section aria-labelledby="dash-trend">
        <h2 id="dash-trend">{t("dashboard.trend")}</h2>
        <div className="chart-grid">
          <PremiumsChart data={f.premiums} />
          <ArrearsChart data={f.arrears} />
          <RegistrationChart data={f.registration} />
          {f.byRule.length > 0 ? (
            <RulesChart data={f.byRule} hrefFor={(rule: RuleCode) => href({ status: "open", rule })} />
          ) : (
            <div className="card">
              <h3>{t("dashboard.byRule")}</h3>
              <p className="muted">{t("dashboard.byRuleEmpty")}</p>
            </div>
          )}
        </div>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
