/**
 * Field errors of the workflow forms: the shared validation codes
 * (`validation.*`) plus the workflow's own (`workflows.errors.*`), shown
 * beside the field they are about. Labels come from `workflows.fields.*`,
 * else `fields.*`.
 */
import { useTranslation } from "react-i18next";
import { renderMsg, type Msg } from "~/lib/messages";

export const WORKFLOW_ERROR_CODES = [
  "noPolicy",
  "noEmployer",
  "notLiable",
  "lineMissing",
  "notAfterLatest",
  "nothingToDeclare",
  "referenceUsed",
  "notPositive",
  "timeLimitBeforeAction",
  "agreementOverlap",
  "alreadyRecorded",
  "badRate",
  "employeeRateNotZero",
  "floorAboveCap",
  "badDueDay",
  "badLateFee",
  "confirmPast",
  "policyExists",
  "fileMissing",
  "fileTooLarge",
  "unknownKind",
  "uploadExpired",
  "uploadChanged",
  "noDates",
  "noCalendar",
  "badLateFeeWan",
  "badBaseYearStart",
  "badCutoff",
  "boundFloorAboveCap",
] as const;
export type WorkflowErrorCode = (typeof WORKFLOW_ERROR_CODES)[number];

export interface WfError {
  code: string;
  /** In English (or a value); `detailMsg`, when present, is shown instead, in the reader's language. */
  detail?: string;
  detailMsg?: Msg;
}
export type WfErrors = Record<string, WfError>;
export type WfResult<T = number> = { ok: true; value: T } | { ok: false; errors: WfErrors };

export function wfFail(field: string, code: WorkflowErrorCode | string, detail?: string): { ok: false; errors: WfErrors } {
  return { ok: false, errors: { [field]: detail === undefined ? { code } : { code, detail } } };
}

/** `(field, labelKey?) => translated message | undefined`. */
export function useWorkflowErrors(errors: WfErrors | undefined | null) {
  const { i18n } = useTranslation();
  const t = i18n.t.bind(i18n) as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (field: string, labelKey?: string): string | undefined => {
    const e = errors?.[field];
    if (!e) return undefined;
    const key = labelKey ?? (i18n.exists(`workflows.fields.${field}`) ? `workflows.fields.${field}` : `fields.${field}`);
    const label = t(key);
    const messageKey = i18n.exists(`workflows.errors.${e.code}`)
      ? `workflows.errors.${e.code}`
      : i18n.exists(`firstday.errors.${e.code}`)
        ? `firstday.errors.${e.code}`
        : `validation.${e.code}`;
    const detail = e.detailMsg ? renderMsg(t, e.detailMsg) : (e.detail ?? "");
    return t(messageKey, { field: label, detail });
  };
}
