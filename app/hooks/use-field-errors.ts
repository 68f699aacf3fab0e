/**
 * Showing field errors in a page (a React hook): "Identity number is not
 * valid: …". The one renderer of validation.ts's `FieldErrors`: the message is
 * `validation.<code>`, `workflows.errors.<code>` or `firstday.errors.<code>`,
 * whichever the catalog has (the workflow pages look in their own area first); the detail is the identity reason, the coded
 * detail message or the plain detail.
 */
import { useTranslation } from "react-i18next";
import { renderMsg } from "~/shared/messages";
import { translate } from "~/locales";
import type { FieldError, FieldErrors } from "../shared/validation";

type T = (key: string, options?: Record<string, unknown>) => string;
type I18n = { language: string; exists(key: string): boolean; t: unknown };

/** Where a code's message is looked for, in order (a few codes are in two areas). */
const STAFF_FORMS = ["validation", "workflows.errors", "firstday.errors"] as const;
const WORKFLOW_FORMS = ["workflows.errors", "firstday.errors", "validation"] as const;

/** The message of one field error, labelled with the translated `label`. */
export function fieldErrorMessage(i18n: I18n, e: FieldError, label: string, areas: readonly string[] = STAFF_FORMS): string {
  const t = (i18n.t as { bind(self: unknown): unknown }).bind(i18n) as T;
  const messageKey = areas.map((a) => `${a}.${e.code}`).find((k) => i18n.exists(k)) ?? `validation.${e.code}`;
  const detail = e.reason
    ? translate(i18n.language, `identityReasons.${e.reason.code}`, e.reason.params)
    : e.detailMsg
      ? renderMsg(t, e.detailMsg)
      : (e.detail ?? "");
  return t(messageKey, { field: label, detail });
}

/** `(field, label?) => translated message | undefined`; the label defaults to `fields.<field>` (the staff forms). */
export function useFieldErrors(errors: FieldErrors | undefined | null) {
  const { i18n } = useTranslation();
  return (field: string, labelKey: string = `fields.${field}`): string | undefined => {
    const e = errors?.[field];
    return e ? fieldErrorMessage(i18n, e, translate(i18n.language, labelKey)) : undefined;
  };
}

/**
 * The same for the workflow pages (month, collection, policies, imports): the
 * message is looked for in `workflows.errors` first, and the label defaults to
 * `workflows.fields.<field>`, else `fields.<field>`.
 */
export function useWorkflowErrors(errors: FieldErrors | undefined | null) {
  const { i18n } = useTranslation();
  const t = i18n.t.bind(i18n) as unknown as (key: string) => string;
  return (field: string, labelKey?: string): string | undefined => {
    const e = errors?.[field];
    if (!e) return undefined;
    const key = labelKey ?? (i18n.exists(`workflows.fields.${field}`) ? `workflows.fields.${field}` : `fields.${field}`);
    return fieldErrorMessage(i18n, e, t(key), WORKFLOW_FORMS);
  };
}
