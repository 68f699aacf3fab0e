import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { LanguageSwitch } from "~/components/language-switch";
import { StatementDocument } from "~/components/statement-document";
import { StatementResponse } from "~/components/statement-response";
import { GRANT_TTL_MS, resolveLink, statementForGrant, statementResponse, verifyLast6 } from "~/models/statement-mail.server";
import { forEmployee, markStatementViewed } from "~/models/statement-portal.server";
import { getStatement, statementVersions } from "~/models/statement-view.server";
import styles from "~/styles/statements.css";
import { db } from "~/server/db.server";
import { formValues } from "~/server/forms.server";
import { appCookie, cookieToken } from "~/server/cookies.server";
import { pageTitle } from "~/shared/meta";
import { respondFromForm } from "~/server/statement-response-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "mail.link.title"), { name: "robots", content: "noindex" }];

/** The short-lived grant after the last-6 check; bound to its link in the database, never a session. */
const grantCookie = appCookie("__statement_grant", "/s", Math.floor(GRANT_TTL_MS / 1000));

const LINK_ACTOR = { userId: null, label: "link" };

/**
 * A statement opened from the e-mail's link: the token opens exactly one
 * statement, after the last 6 characters of the identity number (throttled).
 * Nobody is signed in. Expired, revoked or unknown tokens open nothing (404).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = String(params.token ?? "");
  const link = await resolveLink(db, token);
  if (!link.ok) return json({ state: "unavailable" as const }, { status: 404 });
  const granted = await statementForGrant(db, token, await cookieToken(grantCookie, request));
  if (!granted) return json({ state: "confirm" as const });
  const statement = await getStatement(db, granted.statementId, "staff");
  const versions = await statementVersions(db, granted.statementId, { employeeId: granted.employeeId });
  if (!statement || !versions) return json({ state: "unavailable" as const }, { status: 404 });
  await markStatementViewed(db, statement.id, granted.employeeId, LINK_ACTOR);
  return json({
    state: "open" as const,
    statement: forEmployee(statement),
    response: await statementResponse(db, statement.id),
    latest: versions.versions[0]?.id === statement.id,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = String(params.token ?? "");
  if (!(await resolveLink(db, token)).ok) return json({ error: "unavailable" as const, respond: null }, { status: 404 });
  const values = await formValues(request);
  const address = String(context.clientAddress ?? "");
  if (values.intent === "verify") {
    const r = await verifyLast6(db, { token, last6: (values.last6 ?? "").slice(0, 20), address });
    if (r.ok) return redirect(`/s/${token}`, { headers: { "Set-Cookie": await grantCookie.serialize(r.grant) } });
    if (r.reason === "wrong" || r.reason === "throttled") return json({ error: r.reason, respond: null }, { status: r.reason === "throttled" ? 429 : 400 });
    return json({ error: "unavailable" as const, respond: null }, { status: 404 });
  }
  const granted = await statementForGrant(db, token, await cookieToken(grantCookie, request));
  if (!granted) return redirect(`/s/${token}`);
  const outcome = await respondFromForm(values, { statementId: granted.statementId, employeeId: granted.employeeId, via: "link" }, LINK_ACTOR);
  if (!outcome.ok) return json({ error: null, respond: { error: outcome.error, reason: outcome.reason } }, { status: outcome.status });
  return redirect(`/s/${token}`);
}

export default function StatementLink() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  if (data.state === "unavailable" || result?.error === "unavailable") {
    return (
      <div className="card link-card">
        <h1>{t("mail.link.title")}</h1>
        <p className="notice notice-warning" role="alert">
          {t("mail.link.unavailable")}
        </p>
      </div>
    );
  }
  if (data.state === "confirm") {
    return (
      <div className="card link-card">
        <h1>{t("mail.link.confirmHeading")}</h1>
        <p className="muted">{t("mail.link.confirmIntro")}</p>
        {result?.error === "wrong" || result?.error === "throttled" ? (
          <p className="notice notice-error" role="alert">
            {t(result.error === "wrong" ? "mail.link.wrong" : "mail.link.throttled")}
          </p>
        ) : null}
        <Form method="post" replace>
          <input type="hidden" name="intent" value="verify" />
          <Field label={t("mail.link.last6")} name="last6" autoComplete="off" inputMode="text" maxLength={6} minLength={6} required autoFocus />
          <button type="submit" className="btn" disabled={busy}>
            {t("mail.link.open")}
          </button>
        </Form>
        <div className="login-lang">
          <LanguageSwitch />
        </div>
      </div>
    );
  }
  return (
    <div className="link-main">
      <StatementDocument statement={data.statement}>
        <StatementResponse response={data.response} canAnswer={data.latest} error={result?.respond?.error} reason={result?.respond?.reason} />
      </StatementDocument>
      <div className="login-lang no-print">
        <LanguageSwitch />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
