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
import { useState } from "react";
import { employerCodesByUser, setUserEmployers } from "~/models/employer-scope.server";
import { employerOptions } from "~/models/employer.server";
import { createAccount, listUsers, setAccountDisabled } from "~/models/user-admin.server";
import type { FieldErrors } from "~/shared/validation";
import { ROLES } from "~/shared/permissions";
import { actorOf, requirePermission } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { useFieldErrors } from "~/hooks/use-field-errors";
import { useFormat, type Formatter } from "~/hooks/use-format";
import { formValues } from "~/server/forms.server";
import { badRequest } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import { SubmitRow } from "~/components/submit-row";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "users.title");

/** Administrators only (`user:manage`), in the loader and in the action. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "user:manage");
  const scopes = await employerCodesByUser(db);
  return json({
    me: user.id,
    users: (await listUsers(db)).map((u) => ({ ...u, employers: scopes.get(u.id) ?? [] })),
    employers: await employerOptions(db),
  });
}

const Intent = z.enum(["create", "toggle", "employers"]);

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
  if (intent.data === "employers") {
    // One checkbox per employer, `employer:<code>`; none ticked = all employers.
    const codes = Object.keys(values)
      .filter((k) => k.startsWith("employer:"))
      .map((k) => k.slice("employer:".length));
    const userId = Number(values.userId);
    const result = Number.isSafeInteger(userId) && userId > 0 ? await setUserEmployers(db, actorOf(user), userId, codes) : null;
    if (!result || !result.ok) {
      return json({ intent: "employers" as const, ok: false as const, errors: result?.errors ?? { userId: { code: "notFound" as const } }, values: {} as Record<string, string> }, { status: 400 });
    }
    return json({ intent: "employers" as const, ok: true as const, errors: null, values: {} as Record<string, string> });
  }
  const result = await setAccountDisabled(db, actorOf(user), values);
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
    col.accessor((u) => u.employers.join(", "), {
      id: "employers",
      header: t("security.employers.label"),
      cell: (c) => (c.row.original.role === "hr" || c.row.original.role === "auditor" ? c.getValue() || t("security.employers.all") : t("common.none")),
    }),
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
  const { me, users, employers } = useLoaderData<typeof loader>();
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

      <EmployerScopeForm users={users} employers={employers} result={data?.intent === "employers" ? data : null} />

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

/** Limit an HR or auditor account to employers (issue 21); none ticked = all. */
function EmployerScopeForm({
  users,
  employers,
  result,
}: {
  users: Row[];
  employers: { id: number; code: string; name: string }[];
  result: { ok: boolean; errors: FieldErrors | null } | null;
}) {
  const { t } = useTranslation();
  const scopable = users.filter((u) => u.role === "hr" || u.role === "auditor");
  const [selected, setSelected] = useState(scopable[0]?.id ?? 0);
  const current = scopable.find((u) => u.id === selected);
  const err = useFieldErrors(result && !result.ok ? result.errors : null);
  if (scopable.length === 0) return null;
  return (
    <section className="card" aria-labelledby="scope-heading">
      <h2 id="scope-heading">{t("security.employers.label")}</h2>
      <p className="muted">{t("security.employers.hint")}</p>
      {result?.ok ? (
        <p className="notice notice-ok" role="status">
          {t("security.employers.saved")}
        </p>
      ) : null}
      {result && !result.ok ? (
        <p className="notice notice-error" role="alert">
          {err("employers", "security.employers.label") ?? err("userId", "users.email")}
        </p>
      ) : null}
      <Form method="post" className="form-grid" key={`${selected}-${current?.employers.join(",")}`}>
        <input type="hidden" name="intent" value="employers" />
        <SelectField label={t("users.email")} name="userId" value={String(selected)} onChange={(e) => setSelected(Number(e.currentTarget.value))}>
          {scopable.map((u) => (
            <option key={u.id} value={u.id}>
              {u.email} ({t(`roles.${u.role}`)})
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend>{t("security.employers.label")}</legend>
          {employers.map((e) => (
            <label key={e.id} className="checkbox">
              <input type="checkbox" name={`employer:${e.code}`} value="1" defaultChecked={current?.employers.includes(e.code) ?? false} /> {e.code} {e.name}
            </label>
          ))}
        </fieldset>
        <SubmitRow label={t("security.employers.saveButton")} />
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
