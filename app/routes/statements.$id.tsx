import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton, StatementDocument } from "~/components/statement-document";
import { StatementResponse } from "~/components/statement-response";
import { statementResponse } from "~/models/statement-mail.server";
import { getStatement, statementVersions } from "~/models/statement.server";
import styles from "~/styles/statements.css";
import { requirePermission } from "~/utils/auth.server";
import { shanghaiDateTime } from "~/utils/datetime";
import { db } from "~/utils/db.server";
import { idFromParams, notFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "statements.doc.heading", data ? `${data.statement.period} ${data.statement.figures.employeeName}` : undefined);

/** Staff read any statement (and any older version); opening it here never counts as the employee's view. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "statement:read");
  const id = idFromParams(params);
  const statement = getStatement(db, id, "staff");
  const versions = statementVersions(db, id, "staff");
  if (!statement || !versions) throw notFound();
  return json({ statement, versions: versions.versions, employeeId: versions.employeeId, response: statementResponse(db, id) });
}

export default function StaffStatement() {
  const { statement, versions, response } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const back = `/statements?${new URLSearchParams({ employer: statement.figures.employerCode, period: statement.period })}`;
  const viewed = statement.firstViewedAt ? t("statements.doc.viewedAt", { at: shanghaiDateTime(statement.firstViewedAt) }) : t("statements.doc.notViewed");
  return (
    <>
      <div className="page-tools no-print">
        <Link to={back} className="btn btn-ghost">
          {t("common.back")}
        </Link>
        <PrintButton />
      </div>
      <StatementDocument statement={statement} versions={versions} versionHref={(id) => `/statements/${id}`} viewedNote={viewed}>
        {response ? <StatementResponse response={response} canAnswer={false} /> : null}
      </StatementDocument>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
