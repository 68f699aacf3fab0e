import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { checkPasswordToken, setPasswordWithToken } from "~/models/invite.server";
import { db } from "~/server/db.server";
import { formValues } from "~/server/forms.server";
import { pageTitle } from "~/shared/meta";
import { NEW_PASSWORD_MIN_LENGTH, passwordMessageKey, type PasswordErrors } from "~/shared/password-policy";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "mail.setPassword.title")];

/** A single-use set-password link (invite or "forgot password"), 7 days. It does not sign in. */
export async function loader({ params }: LoaderFunctionArgs) {
  const state = await checkPasswordToken(db, String(params.token ?? ""));
  if (!state.ok) return json({ problem: state.reason, email: null }, { status: 404 });
  return json({ problem: null, email: state.email });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const v = await formValues(request);
  const r = await setPasswordWithToken(db, { token: String(params.token ?? ""), newPassword: v.newPassword ?? "", confirmPassword: v.confirmPassword ?? "" });
  if (r.ok) return json({ done: true as const, problem: null, errors: null });
  if ("token" in r) return json({ done: false as const, problem: r.token.reason, errors: null }, { status: 404 });
  return json({ done: false as const, problem: null, errors: r.errors as PasswordErrors }, { status: 400 });
}

export default function SetPassword() {
  const { problem, email } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const issue = data?.problem ?? (data?.done ? null : problem);
  const err = (f: "newPassword" | "confirmPassword") => {
    const e = data?.errors?.[f];
    return e ? t(passwordMessageKey(e.code) as "security.busy", { field: t(f === "newPassword" ? "statements.password.new" : "statements.password.confirm"), min: NEW_PASSWORD_MIN_LENGTH }) : undefined;
  };
  return (
    <div className="card login-card">
      <div className="brand">{t("app.brand")}</div>
      <h1>{t("mail.setPassword.title")}</h1>
      {data?.done ? (
        <p className="notice notice-ok" role="status">
          {t("mail.setPassword.done")} <Link to="/login">{t("auth.title")}</Link>
        </p>
      ) : issue ? (
        <p className="notice notice-warning" role="alert">
          {t(`mail.setPassword.${issue}`)} <Link to="/forgot-password">{t("mail.forgot.link")}</Link>
        </p>
      ) : (
        <>
          <p className="muted">{t("mail.setPassword.intro", { email: email ?? "" })}</p>
          <Form method="post">
            <Field label={t("statements.password.new")} name="newPassword" type="password" autoComplete="new-password" required minLength={12} error={err("newPassword")} />
            <Field label={t("statements.password.confirm")} name="confirmPassword" type="password" autoComplete="new-password" required error={err("confirmPassword")} />
            <button type="submit" className="btn">
              {t("mail.setPassword.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
