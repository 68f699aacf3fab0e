import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmployerForm } from "~/components/employer-form";
import { SavedNotice, withSaved } from "~/components/saved-notice";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getEmployer, saveEmployer } from "~/models/employer.server";
import { actorOf, requireInScope, requirePermission, scopeOf } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { formValues } from "~/server/forms.server";
import { idFromParams, invalid, notFound } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import { useCan } from "~/hooks/use-user";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "employers.title", data?.employer.code);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "employer:read");
  const employer = await getEmployer(db, idFromParams(params));
  if (!employer) throw notFound();
  requireInScope(await scopeOf(user), { id: employer.id });
  return json({ employer });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "employer:write");
  const id = idFromParams(params);
  requireInScope(await scopeOf(user), { id });
  const values = await formValues(request);
  const result = await saveEmployer(db, actorOf(user), id, values);
  if (!result.ok) return invalid(result.errors, values);
  return redirect(withSaved(`/employers/${id}`, "employer"));
}

export default function EditEmployer() {
  const { employer } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const canWrite = useCan("employer:write");
  return (
    <>
      <div className="page-head">
        <h1>{t("employers.editTitle", { code: employer.code })}</h1>
        <Link to="/employers" className="btn btn-ghost">
          {t("common.back")}
        </Link>
      </div>
      <SavedNotice />
      {canWrite ? (
        <EmployerForm values={data?.values ?? employer} errors={data?.errors} />
      ) : (
        <div className="card">
          <p className="muted">{t("common.readOnly")}</p>
          <dl className="facts">
            <dt>{t("fields.code")}</dt>
            <dd className="mono">{employer.code}</dd>
            <dt>{t("fields.name")}</dt>
            <dd>{employer.name}</dd>
            <dt>{t("fields.uscc")}</dt>
            <dd className="mono">{employer.uscc}</dd>
            <dt>{t("fields.region")}</dt>
            <dd>{employer.region}</dd>
            <dt>{t("firstday.tracking.label")}</dt>
            <dd className="mono">{employer.trackingFrom ?? t("common.none")}</dd>
          </dl>
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
