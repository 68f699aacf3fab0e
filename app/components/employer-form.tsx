import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFieldErrors } from "~/utils/field-errors";
import type { FieldErrors } from "~/utils/validation";
import { Field, FormErrorSummary } from "./field";

export interface EmployerValues {
  code: string;
  name: string;
  uscc: string;
  region: string;
}

export function EmployerForm({ values, errors }: { values: Partial<EmployerValues>; errors?: FieldErrors | null }) {
  const { t } = useTranslation();
  const err = useFieldErrors(errors);
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="card" noValidate>
      <FormErrorSummary errors={errors} />
      <div className="form-grid">
        <Field label={t("fields.code")} name="code" defaultValue={values.code ?? ""} error={err("code")} required maxLength={20} />
        <Field label={t("fields.name")} name="name" defaultValue={values.name ?? ""} error={err("name")} required maxLength={200} />
        <Field
          label={t("fields.uscc")}
          name="uscc"
          defaultValue={values.uscc ?? ""}
          error={err("uscc")}
          required
          maxLength={18}
          className="mono"
          autoCapitalize="characters"
          spellCheck={false}
        />
        <Field label={t("fields.region")} name="region" defaultValue={values.region ?? ""} error={err("region")} required maxLength={50} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn" disabled={busy}>
          {t("common.save")}
        </button>
        <Link to="/employers" className="btn btn-ghost">
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}
