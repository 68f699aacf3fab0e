import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ID_TYPE_OPTIONS } from "~/shared/id-types";
import { useFieldErrors } from "~/hooks/use-field-errors";
import type { FieldErrors } from "~/shared/validation";
import { Field, FormErrorSummary, SelectField } from "./field";

export type EmployeeValues = Partial<
  Record<"employeeNo" | "name" | "idType" | "idNumber" | "employerId" | "hireDate" | "department" | "email" | "monthlyWage", string>
>;

/** Create and edit an employee; the first wage only when creating. Works without JavaScript. */
export function EmployeeForm({
  values,
  errors,
  employers,
  withWage,
  cancelTo,
}: {
  values: EmployeeValues;
  errors?: FieldErrors | null;
  employers: { id: number; code: string; name: string }[];
  withWage: boolean;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const err = useFieldErrors(errors);
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="card" noValidate>
      <input type="hidden" name="intent" value="update" />
      <FormErrorSummary errors={errors} />
      <div className="form-grid">
        <Field label={t("fields.employeeNo")} name="employeeNo" defaultValue={values.employeeNo ?? ""} error={err("employeeNo")} required maxLength={32} className="mono" />
        <Field label={t("firstday.personName")} name="name" defaultValue={values.name ?? ""} error={err("name", "firstday.personName")} required maxLength={100} />
        <SelectField label={t("fields.idType")} name="idType" defaultValue={values.idType ?? "resident_id"} error={err("idType")}>
          {ID_TYPE_OPTIONS.map((it) => (
            <option key={it} value={it}>
              {t(`idTypes.${it}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t("fields.idNumber")}
          name="idNumber"
          defaultValue={values.idNumber ?? ""}
          error={err("idNumber")}
          required
          maxLength={40}
          className="mono"
          autoComplete="off"
          spellCheck={false}
        />
        <SelectField label={t("fields.employer")} name="employerId" defaultValue={values.employerId ?? ""} error={err("employerId", "fields.employer")}>
          <option value="">—</option>
          {employers.map((e) => (
            <option key={e.id} value={String(e.id)}>
              {e.code} · {e.name}
            </option>
          ))}
        </SelectField>
        <Field label={t("fields.hireDate")} name="hireDate" type="date" defaultValue={values.hireDate ?? ""} error={err("hireDate")} required />
        <Field label={t("fields.department")} name="department" defaultValue={values.department ?? ""} error={err("department")} maxLength={100} />
        <Field label={t("fields.email")} name="email" type="email" defaultValue={values.email ?? ""} error={err("email")} maxLength={254} />
        {withWage ? (
          <Field
            label={t("fields.monthlyWage")}
            name="monthlyWage"
            inputMode="decimal"
            defaultValue={values.monthlyWage ?? ""}
            error={err("monthlyWage")}
            required
            placeholder="8000.00"
          />
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn" disabled={busy}>
          {t("common.save")}
        </button>
        <Link to={cancelTo} className="btn btn-ghost">
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}
