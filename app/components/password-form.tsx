/** Changing one's own password (the portal and the account page): every other session of the user ends. */
import { Form, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { NEW_PASSWORD_MIN_LENGTH, passwordMessageKey, type PasswordErrors, type PasswordField } from "~/shared/password-policy";
import { SubmitRow } from "./submit-row";

const FIELD_LABELS: Record<PasswordField, "statements.password.current" | "statements.password.new" | "statements.password.confirm"> = {
  currentPassword: "statements.password.current",
  newPassword: "statements.password.new",
  confirmPassword: "statements.password.confirm",
};

export function PasswordForm({ errors }: { errors: PasswordErrors | null }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const message = (field: PasswordField) => {
    const e = errors?.[field];
    return e ? t(passwordMessageKey(e.code) as "security.busy", { field: t(FIELD_LABELS[field]), min: NEW_PASSWORD_MIN_LENGTH }) : undefined;
  };
  /** One of the three password inputs: its label, the browser's autofill hint and its error. */
  const passwordField = (field: PasswordField) => ({
    label: t(FIELD_LABELS[field]),
    name: field,
    type: "password",
    autoComplete: field === "currentPassword" ? "current-password" : "new-password",
    required: true,
    error: message(field),
  });
  return (
    <section className="card password-card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t("statements.password.heading")}</h2>
      <p className="muted">{t("statements.password.help")}</p>
      {params.get("password") === "changed" && !errors ? (
        <p className="notice notice-ok" role="status">
          {t("statements.password.changed")}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <Field {...passwordField("currentPassword")} />
        <Field {...passwordField("newPassword")} minLength={NEW_PASSWORD_MIN_LENGTH} hint={t("statements.password.newHint", { min: NEW_PASSWORD_MIN_LENGTH })} />
        <Field {...passwordField("confirmPassword")} />
        <SubmitRow label={t("statements.password.submit")} />
      </Form>
    </section>
  );
}
