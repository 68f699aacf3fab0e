import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { useFieldErrors } from "~/hooks/use-field-errors";
import type { FieldErrors } from "~/shared/validation";

/** A labelled input with its error beside it (aria-describedby), keeping what the user typed. */
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: { label: string; name: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = input.id ?? `f-${name}`;
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <input id={id} name={name} {...describedBy(id, error)} {...input} />
    </FieldFrame>
  );
}

/** The control's error attributes: invalid, and described by its message. */
const describedBy = (id: string, error: string | undefined) => ({ "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined });

/** A field's frame: the label, the control, the hint (while there is no error) and the error. */
function FieldFrame({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error ? <p className="hint">{hint}</p> : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField({
  label,
  name,
  error,
  children,
  ...select
}: { label: string; name: string; error?: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = select.id ?? `f-${name}`;
  return (
    <FieldFrame id={id} label={label} error={error}>
      <select id={id} name={name} {...describedBy(id, error)} {...select}>
        {children}
      </select>
    </FieldFrame>
  );
}

/** Above a form that came back with errors: the record-level error, or a pointer to the fields. */
export function FormErrorSummary({ errors }: { errors?: FieldErrors | null }) {
  const { t } = useTranslation();
  const err = useFieldErrors(errors);
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <p className="notice notice-error" role="alert">
      {errors.form ? err("form") : t("common.fixErrors")}
    </p>
  );
}
