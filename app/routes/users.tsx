import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrorSummary, SelectField } from "~/components/field";
import { createAccount, listUsers, setAccountDisabled } from "~/models/user-admin.server";
import { ROLES } from "../../db/schema";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { useFieldErrors } from "~/utils/field-errors";
import { useFormat } from "~/utils/format";
import { formValues } from "~/utils/forms.server";
import { badRequest } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "users.title");

/** Administrators only (`user:manage`), in the loader and in the action. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "user:manage");
  return json({ me: user.id, users: listUsers(db) });
}

const Intent = z.enum(["create", "toggle"]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "user:manage");
  const values = await formValues(request);
  const intent = Intent.safeParse(values.intent);
  if (!intent.success) throw badRequest();
  if (intent.data === "create") {
    const result = await createAccount(db, actorOf(user), values);
    // Passwords never travel back to the page.
    const { password: _p, confirmPassword: _c, ...kept } = values;
    if (!result.ok) return json({ intent: "create" as const, ok: false as const, errors: result.errors, values: kept }, { status: 400 });
    return json({ intent: "create" as const, ok: true as const, errors: null, values: { email: kept.email ?? "" } });
  }
  const result = setAccountDisabled(db, actorOf(user), values);
  if (!result.ok) return json({ intent: "toggle" as const, ok: false as const, errors: result.errors, values: {} as Record<string, string> }, { status: 400 });
  return json({ intent: "toggle" as const, ok: true as const, errors: null, values: { disabled: values.disabled ?? "" } });
}

export default function Users() {
  const { me, users } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigation = useNavigation();
  const createErrors = data?.intent === "create" && !data.ok ? data.errors : null;
  const err = useFieldErrors(createErrors);
  const toggleErr = useFieldErrors(data?.intent === "toggle" && !data.ok ? data.errors : null);
  const values: Record<string, string> = data?.intent === "create" && !data.ok ? data.values : {};
  const created = data?.intent === "create" && data.ok;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("users.title")}</h1>
          <p>{t("users.intro")}</p>
        </div>
      </div>
      {created ? (
        <p className="notice notice-ok" role="status">
          {t("users.createdNotice", { email: data.values.email })}
        </p>
      ) : null}
      {data?.intent === "toggle" && data.ok ? (
        <p className="notice notice-ok" role="status">
          {t(data.values.disabled === "1" ? "users.disabledNotice" : "users.enabledNotice")}
        </p>
      ) : null}
      {data?.intent === "toggle" && !data.ok ? (
        <p className="notice notice-error" role="alert">
          {toggleErr("userId", "users.email")}
        </p>
      ) : null}

      <section className="card">
        <h2>{t("users.list")}</h2>
        <div className="table-wrap">
          <table className="data-table" data-testid="users">
            <thead>
              <tr>
                <th scope="col">{t("users.email")}</th>
                <th scope="col">{t("users.name")}</th>
                <th scope="col">{t("users.role")}</th>
                <th scope="col">{t("users.employeeNo")}</th>
                <th scope="col">{t("users.status")}</th>
                <th scope="col">{t("users.lastSeen")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.length === 0 ? (
                <tr>
                  <td colSpan={7} className="empty">
                    {t("users.empty")}
                  </td>
                </tr>
              ) : (
                users.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      {u.email} {u.id === me ? <span className="role-chip">{t("users.you")}</span> : null}
                    </th>
                    <td>{u.name}</td>
                    <td>{t(`roles.${u.role}`)}</td>
                    <td className="mono">{u.employeeNo ?? t("common.none")}</td>
                    <td>{u.disabledAt ? <span className="badge badge-closed">{t("users.disabled", { date: fmt.dateTime(u.disabledAt) })}</span> : t("users.active")}</td>
                    <td className="nowrap">{u.lastSeenAt ? fmt.dateTime(u.lastSeenAt) : t("users.never")}</td>
                    <td>
                      {u.id === me ? null : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="toggle" />
                          <input type="hidden" name="userId" value={u.id} />
                          <input type="hidden" name="disabled" value={u.disabledAt ? "0" : "1"} />
                          <button type="submit" className="btn btn-ghost" aria-label={`${t(u.disabledAt ? "users.enable" : "users.disable")} ${u.email}`}>
                            {t(u.disabledAt ? "users.enable" : "users.disable")}
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card">
        <h2>{t("users.add")}</h2>
        <FormErrorSummary errors={createErrors} />
        <Form method="post" className="form-grid" key={created ? `done-${data.values.email}` : "new"} noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field label={t("users.email")} name="email" type="email" autoComplete="off" defaultValue={values.email} error={err("email", "users.email")} required />
          <Field label={t("users.name")} name="name" defaultValue={values.name} error={err("name", "users.name")} maxLength={100} />
          <SelectField label={t("users.role")} name="role" defaultValue={values.role ?? "hr"} error={err("role", "users.role")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </SelectField>
          <Field label={t("users.employeeNo")} name="employeeNo" defaultValue={values.employeeNo} hint={t("users.employeeHint")} error={err("employeeNo", "users.employeeNo")} maxLength={20} />
          <Field label={t("users.password")} name="password" type="password" autoComplete="new-password" hint={t("users.passwordHint")} error={err("password", "users.password")} required />
          <Field label={t("users.confirmPassword")} name="confirmPassword" type="password" autoComplete="new-password" error={err("confirmPassword", "users.confirmPassword")} required />
          <div className="form-actions">
            <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
              {t("users.create")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
