/**
 * Showing the field errors of the workflow forms (a React hook): the shared
 * validation codes (`validation.*`) plus the workflow's own
 * (`workflows.errors.*`), beside the field they are about. Labels come from
 * `workflows.fields.*`, else `fields.*`. Models never import this file: they
 * return the coded `FieldErrors` of validation.ts.
 */
import { useTranslation } from "react-i18next";
import { fieldErrorMessage, WORKFLOW_FORMS } from "./field-errors";

export { WORKFLOW_ERROR_CODES, type WorkflowErrorCode } from "./validation";
/** The workflows' field errors are the shared ones (validation.ts); these names stay for the pages. */
export type { FieldError as WfError, FieldErrors as WfErrors, Result as WfResult } from "./validation";
import type { FieldErrors as WfErrors } from "./validation";

/** `(field, labelKey?) => translated message | undefined`; the label defaults to `workflows.fields.<field>`, else `fields.<field>`. */
export function useWorkflowErrors(errors: WfErrors | undefined | null) {
  const { i18n } = useTranslation();
  const t = i18n.t.bind(i18n) as unknown as (key: string) => string;
  return (field: string, labelKey?: string): string | undefined => {
    const e = errors?.[field];
    if (!e) return undefined;
    const key = labelKey ?? (i18n.exists(`workflows.fields.${field}`) ? `workflows.fields.${field}` : `fields.${field}`);
    return fieldErrorMessage(i18n, e, t(key), WORKFLOW_FORMS);
  };
}
