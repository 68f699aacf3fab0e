/** The employer in a page's filters: a list's (any employer, or one) and a one-employer page's (its employer and the fields that go with it). */
import { Form, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "./field";

interface EmployerOption {
  code: string;
  name: string;
}

/** The employer select: every employer the account may see, after `any` (a list's "any employer") where given. */
export function EmployerSelect({ label, value, employers, any, separator = "·" }: { label: string; value: string; employers: readonly EmployerOption[]; any?: string; separator?: string }) {
  return (
    <SelectField label={label} name="employer" defaultValue={value}>
      {any !== undefined ? <option value="">{any}</option> : null}
      {employers.map((e) => (
        <option key={e.code} value={e.code}>
          {e.code} {separator} {e.name}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * The GET form of a page about one employer (month, collection, statements,
 * annual base, change list): the employer, the page's own fields, the submit
 * button. `action` where another address answers (the month's form goes
 * through the list's, which sends it to the month's own).
 */
export function OneEmployerFilters({
  label,
  value,
  employers,
  separator,
  action,
  submitLabel,
  children,
}: {
  label: string;
  value: string;
  employers: readonly EmployerOption[];
  separator?: string;
  action?: string;
  submitLabel?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <Form method="get" action={action} className="filters" key={params.toString()}>
      <EmployerSelect label={label} value={value} employers={employers} separator={separator} />
      {children}
      <button type="submit" className="btn">
        {submitLabel ?? t("common.apply")}
      </button>
    </Form>
  );
}
