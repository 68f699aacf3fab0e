import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfigProblemsBanner } from "~/components/config-problems";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { countActiveEmployees } from "~/models/employee.server";
import { countEmployers } from "~/models/employer.server";
import { evaluateAsOf } from "~/models/engine.server";
import { requirePermission } from "~/utils/auth.server";
import { today } from "~/utils/dates.server";
import { db } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboard:read");
  const asOf = today();
  const evaluation = evaluateAsOf(db, asOf);
  const open = evaluation.findings.filter((f) => f.status === "open");
  return json({
    name: user.name || user.email,
    asOf,
    activeEmployees: countActiveEmployees(db, asOf),
    employers: countEmployers(db),
    openFindings: open.length,
    openBreaches: open.filter((f) => f.severity !== "warning").length,
    configProblems: evaluation.configProblems,
  });
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("dashboard.welcome", { name: d.name })}</h1>
          <p>{t("dashboard.intro", { date: d.asOf })}</p>
        </div>
      </div>
      <ConfigProblemsBanner problems={d.configProblems} />
      <div className="stats">
        <div className="card stat">
          <div className="label">{t("dashboard.activeEmployees")}</div>
          <div className="value">{d.activeEmployees}</div>
          <Link to="/employees?status=active">{t("dashboard.viewRoster")}</Link>
        </div>
        <div className={d.openFindings > 0 ? "card stat alert" : "card stat"}>
          <div className="label">{t("dashboard.openFindings")}</div>
          <div className="value">{d.openFindings}</div>
          <Link to="/findings?status=open">{t("dashboard.viewFindings")}</Link>
        </div>
        <div className={d.openBreaches > 0 ? "card stat alert" : "card stat"}>
          <div className="label">{t("dashboard.breaches")}</div>
          <div className="value">{d.openBreaches}</div>
        </div>
        <div className="card stat">
          <div className="label">{t("dashboard.employers")}</div>
          <div className="value">{d.employers}</div>
          <Link to="/employers">{t("nav.employers")}</Link>
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
