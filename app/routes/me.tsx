import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OwnContributionsSection, TrancheStatusText } from "~/components/statement-sections";
import { ContributionsChart, ContributionsTable } from "~/components/contributions-chart";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PasswordForm } from "~/components/password-form";
import { TableHead } from "~/components/table-head";
import { PaymentStatusText, RunningTotals, StatementExplainer } from "~/components/statement-document";
import { changePassword } from "~/models/account.server";
import { employeeName } from "~/models/employee.server";
import { mailLocaleOf, setMailLocale } from "~/models/statement-mail.server";
import { employeePortal } from "~/models/statement-portal.server";
import { useFormat } from "~/hooks/use-format";
import styles from "~/styles/statements.css";
import { actorOf, requirePermission, sessionCookieHeader } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { formValues } from "~/server/forms.server";
import { pageTitle } from "~/shared/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "me.title");

/** The employee's own portal: everything is scoped by the session's employee, never by the URL. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:read");
  if (user.employeeId === null) return json({ name: null, portal: null, mailLocale: null });
  return json({ name: await employeeName(db, user.employeeId), portal: await employeePortal(db, user.employeeId), mailLocale: await mailLocaleOf(db, user.employeeId) });
}

/** Change one's password: every session of the user ends; this browser gets a fresh one. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "self:read");
  const values = await formValues(request);
  if (values.intent === "mailLocale") {
    if (user.employeeId === null || !await setMailLocale(db, user.employeeId, values.mailLocale ?? "", actorOf(user))) return json({ errors: null, mailLocaleInvalid: true }, { status: 400 });
    return redirect("/me?mailLocale=saved");
  }
  const result = await changePassword(db, user, values);
  if (!result.ok) return json({ errors: result.errors, mailLocaleInvalid: false }, { status: 400 });
  return redirect("/me?password=changed", { headers: { "Set-Cookie": await sessionCookieHeader(result.token) } });
}

export default function Me() {
  const { name, portal, mailLocale } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const fmt = useFormat();
  if (name === null || portal === null) {
    return (
      <>
        <div className="page-head">
          <div>
            <h1>{t("me.title")}</h1>
          </div>
        </div>
        <div className="card">
          <p>{t("me.notLinked")}</p>
        </div>
        <PasswordForm errors={data?.errors ?? null} />
      </>
    );
  }
  const latest = portal.months[0];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("me.title")}</h1>
          <p>
            <strong>{t("me.hello", { name })}</strong> {t("statements.portal.intro")}
          </p>
        </div>
      </div>

      {latest ? (
        <section className="card portal-latest" aria-labelledby="latest-heading" data-testid="portal-latest">
          <h2 id="latest-heading">
            {t("mail.portal.ownHeading")} · {fmt.month(latest.period)}
          </h2>
          <p className="portal-own num-inline">{fmt.money(latest.employeeTotal)}</p>
          <p>
            {t("mail.portal.monthPayment")}:{" "}
            {latest.tranche ? <TrancheStatusText status={latest.tranche} /> : latest.payment ? <PaymentStatusText payment={latest.payment} /> : null}
          </p>
          <Link to={`/me/statements/${latest.id}`} className="btn">
            {t("statements.view")}
          </Link>
        </section>
      ) : null}

      <div className="portal-grid">
        {portal.chart.length > 0 ? (
          <section className="card chart-card" aria-labelledby="chart-heading">
            <h2 id="chart-heading">{t("statements.portal.chartHeading")}</h2>
            <figure>
              <figcaption id="chart-caption">{t("statements.portal.chartCaption")}</figcaption>
              <ContributionsChart data={portal.chart} captionId="chart-caption" />
            </figure>
            <details>
              <summary>{t("statements.portal.tableAlternative")}</summary>
              <ContributionsTable data={portal.chart} />
            </details>
          </section>
        ) : null}
        <div>
          {portal.ownContributions && latest ? (
            <section className="card" aria-labelledby="own-heading">
              <OwnContributionsSection own={portal.ownContributions} toMonth={latest.period} headingLevel="h2" />
              <p className="muted">{t("statements.portal.runningAsOf", { period: fmt.month(latest.period) })}</p>
            </section>
          ) : portal.runningTotals && latest ? (
            <section className="card" aria-labelledby="running-heading">
              <h2 id="running-heading">{t("statements.doc.runningHeading")}</h2>
              <RunningTotals totals={portal.runningTotals} toMonth={latest.period} />
              <p className="muted">{t("statements.portal.runningAsOf", { period: fmt.month(latest.period) })}</p>
            </section>
          ) : null}
          <StatementExplainer headingLevel="h2" />
        </div>
      </div>

      <section aria-labelledby="months-heading">
        <h2 id="months-heading">{t("statements.portal.months")}</h2>
        {portal.months.length === 0 ? (
          <p className="notice notice-warning">{t("statements.portal.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="my-statements">
              <TableHead
                columns={[
                  t("statements.month"),
                  { label: t("statements.doc.issuedOn"), className: "hide-narrow" },
                  { label: t("statements.portal.own"), className: "num" },
                  { label: t("statements.portal.employer"), className: "num hide-narrow" },
                  t("statements.portal.payment"),
                  { label: <span className="visually-hidden">{t("common.actions")}</span>, className: "hide-narrow" },
                ]}
              />
              <tbody>
                {portal.months.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <Link to={`/me/statements/${m.id}`}>{fmt.month(m.period)}</Link>
                      {m.version > 1 ? <span className="muted"> · {t("statements.status.version", { version: m.version, date: m.issuedOn })}</span> : null}
                    </th>
                    <td className="nowrap hide-narrow">{m.issuedOn}</td>
                    <td className="num">{fmt.money(m.employeeTotal)}</td>
                    <td className="num hide-narrow">{fmt.money(m.employerTotal)}</td>
                    <td>
                      {m.tranche ? <TrancheStatusText status={m.tranche} /> : m.payment ? <PaymentStatusText payment={m.payment} /> : null}
                    </td>
                    <td className="hide-narrow">
                      <Link to={`/me/statements/${m.id}`} aria-label={`${t("statements.view")} ${fmt.month(m.period)}`}>
                        {t("statements.view")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card password-card" aria-labelledby="mail-locale-heading">
        <h2 id="mail-locale-heading">{t("mail.preference.heading")}</h2>
        <Form method="post" className="respond-form">
          <input type="hidden" name="intent" value="mailLocale" />
          <label htmlFor="mail-locale">{t("mail.preference.label")}</label>
          <select id="mail-locale" name="mailLocale" defaultValue={mailLocale ?? "zh-CN"}>
            <option value="zh-CN">{t("language.zh-CN")}</option>
            <option value="en">{t("language.en")}</option>
          </select>
          <button type="submit" className="btn btn-ghost">
            {t("common.save")}
          </button>
        </Form>
      </section>

      <PasswordForm errors={data?.errors ?? null} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
