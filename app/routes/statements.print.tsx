import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton, StatementDocument } from "~/components/statement-document";
import { statementsForMonth } from "~/models/statement-overview.server";
import styles from "~/styles/statements.css";
import { requireCodeInScope, requirePermission, scopeOf } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { badRequest } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import { useFormat } from "~/hooks/use-format";
import { PrintQuerySchema } from "~/url-state/statements-query";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "statements.title", data ? `${data.employer} ${data.period}` : undefined);

/** Every statement of an employer-month (latest versions), one per printed A4 page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "statement:read");
  const q = PrintQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw badRequest();
  requireCodeInScope(await scopeOf(user), q.data.employer);
  const statements = await statementsForMonth(db, q.data.employer, q.data.period);
  return json({ employer: q.data.employer, period: q.data.period, statements });
}

export default function PrintStatements() {
  const { employer, period, statements } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const fmt = useFormat();
  const employerName = statements[0]?.figures.employerName ?? employer;
  return (
    <>
      <div className="page-head no-print">
        <div>
          <h1>{t("statements.doc.printTitle", { employer: employerName, period: fmt.month(period) })}</h1>
          <p>{t("statements.doc.printedCount", { count: statements.length })}</p>
        </div>
        <div className="page-tools">
          <Link to={`/statements?${new URLSearchParams({ employer, period })}`} className="btn btn-ghost">
            {t("common.back")}
          </Link>
          {statements.length > 0 ? <PrintButton /> : null}
        </div>
      </div>
      {statements.length === 0 ? <p className="notice notice-warning">{t("statements.doc.printEmpty")}</p> : null}
      {statements.map((s) => (
        <StatementDocument key={s.id} statement={s} heading="h2" />
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
