import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrorSummary, SelectField } from "~/components/field";
import { createAccount, listUsers, setAccountDisabled } from "~/models/user-admin.server";
import { ROLES } from "../../db/schema";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { useFieldErrors } from "~/utils/field-errors";
import { useFormat, type Formatter } from "~/utils/format";
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

type Row = SerializeFrom<typeof loader>["users"][number];
const col = createColumnHelper<Row>();

/** The accounts: who, which role, which employee, whether enabled, last activity, and the button that switches it. */
function userColumns(t: TFunction, fmt: Formatter, me: number) {
  return [
    col.accessor("email", {
      header: t("users.email"),
      cell: (c) => (
        <>
          {c.getValue()} {c.row.original.id === me ? <span className="role-chip">{t("users.you")}</span> : null}
        </>
      ),
    }),
    col.accessor("name", { header: t("users.name") }),
    col.accessor("role", { header: t("users.role"), cell: (c) => t(`roles.${c.getValue()}`) }),
    col.accessor("employeeNo", { header: t("users.employeeNo"), cell: (c) => c.getValue() ?? t("common.none"), meta: { className: "mono" } }),
    col.accessor("disabledAt", {
      id: "status",
      header: t("users.status"),
      cell: (c) => {
        const at = c.getValue();
        return at ? <span className="badge badge-closed">{t("users.disabled", { date: fmt.dateTime(at) })}</span> : t("users.active");
      },
    }),
    col.accessor("lastSeenAt", { header: t("users.lastSeen"), cell: (c) => (c.getValue() ? fmt.dateTime(c.getValue()!) : t("users.never")), meta: { className: "nowrap" } }),
    col.display({
      id: "toggle",
      header: () => <span className="visually-hidden">{t("common.actions")}</span>,
      cell: (c) => {
        const u = c.row.original;
        if (u.id === me) return null;
        const label = t(u.disabledAt ? "users.enable" : "users.disable");
        return (
          <Form method="post">
            <input type="hidden" name="intent" value="toggle" />
            <input type="hidden" name="userId" value={u.id} />
            <input type="hidden" name="disabled" value={u.disabledAt ? "0" : "1"} />
            <button type="submit" className="btn btn-ghost" aria-label={`${label} ${u.email}`}>
              {label}
            </button>
          </Form>
        );
      },
    }),
  ];
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
        <DataTable data={users} columns={userColumns(t, fmt, me)} empty={t("users.empty")} caption={t("users.list")} rowKey={(u) => String(u.id)} testId="users" />
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
