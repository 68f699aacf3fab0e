import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton, StatementDocument } from "~/components/statement-document";
import { StatementResponse } from "~/components/statement-response";
import { revokeLinks, statementResponse } from "~/models/statement-mail.server";
import { statementEmployerId } from "~/models/statement-overview.server";
import { getStatement, statementVersions } from "~/models/statement-view.server";
import styles from "~/styles/statements.css";
import type { SessionUser } from "~/models/user.server";
import { actorOf, requireInScope, requirePermission, scopeOf } from "~/server/auth.server";
import { formValues } from "~/server/forms.server";
import { can } from "~/shared/permissions";
import { shanghaiDateTime } from "~/shared/shanghai-time";
import { db } from "~/server/db.server";
import { idFromParams, notFound } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "statements.doc.heading", data ? `${data.statement.period} ${data.statement.figures.employeeName}` : undefined);

/** The statement must exist and belong to an employer of the account's scope (issue 21): 404 otherwise. */
async function requireStatementInScope(user: SessionUser, id: number): Promise<void> {
  const employerId = await statementEmployerId(db, id);
  if (employerId === null) throw notFound();
  requireInScope(await scopeOf(user), { id: employerId });
}

/** Staff read any statement of their employers (and any older version); opening it here never counts as the employee's view. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "statement:read");
  const id = idFromParams(params);
  await requireStatementInScope(user, id);
  const statement = await getStatement(db, id, "staff");
  const versions = await statementVersions(db, id, "staff");
  if (!statement || !versions) throw notFound();
  return json({ statement, versions: versions.versions, employeeId: versions.employeeId, response: await statementResponse(db, id), canWrite: can(user.role, "statement:write") });
}

/** HR withdraws the links e-mailed for this statement (sent to a wrong address, say): they open nothing any more. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "statement:write");
  const id = idFromParams(params);
  await requireStatementInScope(user, id);
  if (!await getStatement(db, id, "staff")) throw notFound();
  const values = await formValues(request);
  if (values.intent !== "revokeLinks") return json({ ok: false }, { status: 400 });
  const n = await revokeLinks(db, id, actorOf(user));
  return redirect(`/statements/${id}?revoked=${n}`);
}

export default function StaffStatement() {
  const { statement, versions, response, canWrite } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const revoked = params.get("revoked");
  const back = `/statements?${new URLSearchParams({ employer: statement.figures.employerCode, period: statement.period })}`;
  const viewed = statement.firstViewedAt ? t("statements.doc.viewedAt", { at: shanghaiDateTime(statement.firstViewedAt) }) : t("statements.doc.notViewed");
  return (
    <>
      <div className="page-tools no-print">
        <Link to={back} className="btn btn-ghost">
          {t("common.back")}
        </Link>
        <PrintButton />
        {canWrite ? (
          <Form method="post">
            <input type="hidden" name="intent" value="revokeLinks" />
            <button type="submit" className="btn btn-ghost">
              {t("mail.revoke.submit")}
            </button>
          </Form>
        ) : null}
      </div>
      {revoked !== null && /^\d+$/.test(revoked) ? (
        <p className="notice notice-ok no-print" role="status">
          {t("mail.revoke.done", { count: Number(revoked) })}
        </p>
      ) : null}
      <StatementDocument statement={statement} versions={versions} versionHref={(id) => `/statements/${id}`} viewedNote={viewed}>
        {response ? <StatementResponse response={response} canAnswer={false} /> : null}
      </StatementDocument>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
