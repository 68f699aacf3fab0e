import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { employeeName } from "~/models/employee.server";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "me.title");

/** The employee's own page (a later issue builds the portal): their name only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:read");
  const name = user.employeeId === null ? null : employeeName(db, user.employeeId);
  return json({ name });
}

export default function Me() {
  const { name } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("me.title")}</h1>
        </div>
      </div>
      <div className="card">
        {name === null ? (
          <p>{t("me.notLinked")}</p>
        ) : (
          <>
            <p>
              <strong>{t("me.hello", { name })}</strong>
            </p>
            <p className="muted">{t("me.soon")}</p>
          </>
        )}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
