import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton, StatementDocument } from "~/components/statement-document";
import { getStatement, markStatementViewed, statementVersions } from "~/models/statement.server";
import styles from "~/styles/statements.css";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { idFromParams, notFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "statements.doc.heading", data ? data.statement.period : undefined);

/**
 * The employee's own statement. Scoped by the session's employee: another
 * employee's statement id is simply not found (404). Opening it records the
 * first view (delivery evidence for art. 60).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:read");
  const id = idFromParams(params);
  if (user.employeeId === null) throw notFound();
  const scope = { employeeId: user.employeeId };
  const statement = getStatement(db, id, scope);
  const versions = statementVersions(db, id, scope);
  if (!statement || !versions) throw notFound();
  markStatementViewed(db, id, user.employeeId, actorOf(user));
  return json({ statement, versions: versions.versions });
}

export default function MyStatement() {
  const { statement, versions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <div className="page-tools no-print">
        <Link to="/me" className="btn btn-ghost">
          {t("common.back")}
        </Link>
        <PrintButton />
      </div>
      <StatementDocument statement={statement} versions={versions} versionHref={(id) => `/me/statements/${id}`} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
