import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmployerForm } from "~/components/employer-form";
import { withSaved } from "~/components/saved-notice";
import { monthOf } from "~/rules/dates";
import { today } from "~/server/clock.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { saveEmployer } from "~/models/employer.server";
import { actorOf, requirePermission, scopeOf } from "~/server/auth.server";
import { forbidden } from "~/server/http.server";
import { db } from "~/server/db.server";
import { formValues } from "~/server/forms.server";
import { invalid } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "employers.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "employer:write");
  // A new employer is a group-level act: an account limited to employers may not add one.
  if (await scopeOf(user)) throw forbidden();
  // The go-live month proposed for a new employer: the current month (Asia/Shanghai).
  return json({ currentMonth: monthOf(today()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "employer:write");
  if (await scopeOf(user)) throw forbidden();
  const values = await formValues(request);
  const result = await saveEmployer(db, actorOf(user), null, values);
  if (!result.ok) return invalid(result.errors, values);
  return redirect(withSaved(`/employers/${result.value}`, "employer"));
}

export default function NewEmployer() {
  const data = useActionData<typeof action>();
  const { currentMonth } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <div className="page-head">
        <h1>{t("employers.new")}</h1>
      </div>
      <EmployerForm values={data?.values ?? {}} errors={data?.errors} defaultTrackingFrom={currentMonth} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
