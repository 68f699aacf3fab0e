import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton, StatementDocument } from "~/components/statement-document";
import { StatementResponse } from "~/components/statement-response";
import { statementResponse } from "~/models/statement-mail.server";
import { forEmployee, markStatementViewed } from "~/models/statement-portal.server";
import { getStatement, statementVersions } from "~/models/statement-view.server";
import styles from "~/styles/statements.css";
import { actorOf, requirePermission } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { formValues } from "~/server/forms.server";
import { idFromParams, notFound } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import { respondFromForm } from "~/server/statement-response-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "statements.doc.heading", data ? data.statement.period : undefined);

/**
 * The employee's own statement. Scoped by the session's employee: another
 * employee's statement id is simply not found (404). Opening it records the
 * first view (delivery evidence for art. 60). The payment shows as a status,
 * never with the employer's month-wide amounts (issue 21.9).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:read");
  const id = idFromParams(params);
  if (user.employeeId === null) throw notFound();
  const scope = { employeeId: user.employeeId };
  const statement = await getStatement(db, id, scope);
  const versions = await statementVersions(db, id, scope);
  if (!statement || !versions) throw notFound();
  await markStatementViewed(db, id, user.employeeId, actorOf(user));
  return json({ statement: forEmployee(statement), versions: versions.versions, response: await statementResponse(db, id), latest: versions.versions[0]?.id === id });
}

/** Acknowledge or dispute one's own statement from the portal. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "self:read");
  const id = idFromParams(params);
  if (user.employeeId === null || !await getStatement(db, id, { employeeId: user.employeeId })) throw notFound();
  const outcome = await respondFromForm(await formValues(request), { statementId: id, employeeId: user.employeeId, via: "portal" }, actorOf(user));
  if (!outcome.ok) return json({ error: outcome.error, reason: outcome.reason }, { status: outcome.status });
  return redirect(`/me/statements/${id}`);
}

export default function MyStatement() {
  const { statement, versions, response, latest } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <div className="page-tools no-print">
        <Link to="/me" className="btn btn-ghost">
          {t("common.back")}
        </Link>
        <PrintButton />
      </div>
      <StatementDocument statement={statement} versions={versions} versionHref={(id) => `/me/statements/${id}`}>
        <StatementResponse response={response} canAnswer={latest} error={data?.error} reason={data?.reason} />
      </StatementDocument>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
