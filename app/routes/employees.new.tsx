import { withSaved } from "~/components/saved-notice";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmployeeForm } from "~/components/employee-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { createEmployee } from "~/models/employee.server";
import { employerOptions } from "~/models/employer.server";
import { inScope } from "~/models/employer-scope.server";
import { actorOf, requirePermission, scopeOf } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { formValues } from "~/server/forms.server";
import { invalid } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "employees.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "employee:write");
  const employers = await employerOptions(db, (await scopeOf(user))?.codes);
  // With one employer, it is the default.
  return json({ employers, defaultEmployerId: employers.length === 1 ? String(employers[0]!.id) : "" });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "employee:write");
  const values = await formValues(request);
  // An employer outside the account's scope is refused like an unknown one.
  if (values.employerId && !inScope(await scopeOf(user), { id: Number(values.employerId) })) {
    return invalid({ employerId: { code: "unknownEmployer" as const } }, values);
  }
  const result = await createEmployee(db, actorOf(user), values);
  if (!result.ok) return invalid(result.errors, values);
  return redirect(withSaved(`/employees/${result.value}`, "employee"));
}

export default function NewEmployee() {
  const { employers, defaultEmployerId } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <div className="page-head">
        <h1>{t("employees.new")}</h1>
      </div>
      <EmployeeForm
        values={data?.values ?? { employerId: defaultEmployerId }}
        errors={data?.errors}
        employers={employers}
        withWage
        cancelTo="/employees"
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
