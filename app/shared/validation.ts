/**
 * Validation shared by models, forms, imports and the command line (ADR 0014):
 * ONE field-error shape (`FieldError`: a code, and what the message needs),
 * ONE helper from a zod error to it (`fieldErrorsOf`), and one schema each for
 * an e-mail address, a new password, a date, a period and an amount of money.
 * Zod schemas give their issue messages as these codes; pages translate them
 * (hooks/use-field-errors.ts), the CLI words them.
 * Pure: no React, no i18next, no database.
 */
import { z } from "zod";
import type { Msg } from "~/shared/messages";
import { amountInRange, dateInRange, EMAIL_MAX_LENGTH, isEmailAddress, hasForbiddenCharacters, monthBounds, monthInRange, POLICY_MONTHS, policyMonthInRange } from "~/shared/field-ranges";
import { isValidDate, isValidMonth, shanghaiDate } from "~/rules/dates";
import { parseYuan } from "~/rules/money";
import { plainYuanText } from "~/shared/typed-text";
import { NEW_PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from "./password-policy";

export const VALIDATION_CODES = [
  "required",
  "tooLong",
  "invalid",
  "invalidDate",
  "invalidMonth",
  "invalidAmount",
  "invalidEmail",
  "invalidIdentity",
  "invalidUscc",
  "duplicate",
  "unknownEmployer",
  "beforeHire",
  "afterTermination",
  "beforeApplied",
  "afterRegistered",
  "notFound",
  "passwordTooShort",
  "passwordMismatch",
  "staffNoEmployee",
  "selfDisable",
  "noPolicy",
  "nothingToDeclare",
  "beforeTermination",
  "noTermination",
  "confirmTracking",
  "controlCharacters",
  "dateOutOfRange",
  "monthOutOfRange",
  "amountTooLarge",
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

/**
 * The HR workflows' own codes (month, collection, imports, policies, the
 * calendar): `workflows.errors.*` or `firstday.errors.*` in the catalogs.
 */
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

/**
 * Codes only the password forms use (their messages: `statements.password.errors.*`,
 * `security.busy`; see password-policy.ts). "Too short" is `passwordTooShort` everywhere.
 */
export const PASSWORD_ERROR_CODES = ["passwordUnchanged", "passwordWrong", "busy"] as const;
export type PasswordOnlyCode = (typeof PASSWORD_ERROR_CODES)[number];

export type FieldErrorCode = ValidationCode | WorkflowErrorCode | PasswordOnlyCode;

/** What is wrong with one field: a code, and what its message needs. */
export interface FieldError {
  code: FieldErrorCode;
  /** Extra text for the message, in English or a value (a date, an accepted range). */
  detail?: string;
  /** The same detail as a message, shown instead of `detail` in the reader's language. */
  detailMsg?: Msg;
  /** A translatable reason for `detail` (`identityReasons.<code>` with its parameters). */
  reason?: { code: string; params: Record<string, string | number> };
}

export type FieldErrors = Record<string, FieldError>;

export type Result<T = number> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function fail(field: string, code: FieldErrorCode, detail?: string): { ok: false; errors: FieldErrors } {
  return { ok: false, errors: { [field]: detail === undefined ? { code } : { code, detail } } };
}

const CODES = new Set<string>([...VALIDATION_CODES, ...WORKFLOW_ERROR_CODES, ...PASSWORD_ERROR_CODES]);

export function isFieldErrorCode(s: string): s is FieldErrorCode {
  return CODES.has(s);
}

/**
 * Zod issues → one error per field, as codes: the first issue that names a
 * code of its own wins over a generic one ("invalid"). The issue's params may
 * carry `detail`, `detailMsg` and `reason`. The one helper from zod to field errors.
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    const own = isFieldErrorCode(issue.message) && issue.message !== "invalid";
    if (out[field] && !(own && out[field]!.code === "invalid")) continue;
    let code: FieldErrorCode = "invalid";
    if (isFieldErrorCode(issue.message)) code = issue.message;
    else if (issue.code === "invalid_type" && issue.received === "undefined") code = "required";
    const params = (issue as { params?: { detail?: string; detailMsg?: Msg; reason?: FieldError["reason"] } }).params;
    const e: FieldError = params?.detail ? { code, detail: params.detail } : { code };
    if (params?.detailMsg) e.detailMsg = params.detailMsg;
    if (params?.reason) e.reason = params.reason;
    out[field] = e;
  }
  return out;
}

/** Parse with a schema into a Result of field errors. */
export function validate<S extends z.ZodTypeAny>(schema: S, raw: unknown): Result<z.output<S>> {
  const r = schema.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: fieldErrorsOf(r.error) };
}

// ---------- building blocks (messages are ValidationCodes) ----------

/** Texts never hold control, NUL or bidirectional-override characters (app/shared/field-ranges.ts). */
const noForbidden = (v: string) => !hasForbiddenCharacters(v);

export const requiredText = (max: number) =>
  z.string({ required_error: "required" }).trim().min(1, "required").max(max, "tooLong").refine(noForbidden, "controlCharacters");

export const optionalText = (max: number) =>
  z.string().trim().max(max, "tooLong").refine(noForbidden, "controlCharacters").optional().default("");

/** A calendar date within 1950-01-01..2100-12-31. */
export const isoDate = () =>
  requiredText(10)
    .refine(isValidDate, "invalidDate")
    .refine((v) => !isValidDate(v) || dateInRange(v), "dateOutOfRange");

/** Empty → null. */
export const optionalDate = () =>
  z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((v) => v === "" || isValidDate(v), "invalidDate")
    .refine((v) => v === "" || !isValidDate(v) || dateInRange(v), "dateOutOfRange")
    .transform((v) => (v === "" ? null : v));

/**
 * A month from `from` (the employer's tracked range, when given; else 1950-01)
 * to 12 months after the current month in Asia/Shanghai. The refusal's detail
 * is the accepted range.
 */
export const isoMonth = (from?: string | null) =>
  requiredText(7)
    .refine(isValidMonth, "invalidMonth")
    .superRefine((v, ctx) => {
      if (!isValidMonth(v)) return;
      const today = shanghaiDate(new Date());
      if (monthInRange(v, today, from)) return;
      const b = monthBounds(today, from);
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "monthOutOfRange", params: { detail: `${b.from} – ${b.to}` } });
    });

/** A policy's effective month: any month from 1950-01 to 2100-12 (a region's rule may be announced years ahead). */
export const policyMonth = () =>
  requiredText(7)
    .refine(isValidMonth, "invalidMonth")
    .superRefine((v, ctx) => {
      if (isValidMonth(v) && !policyMonthInRange(v)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "monthOutOfRange", params: { detail: `${POLICY_MONTHS.from} – ${POLICY_MONTHS.to}` } });
      }
    });

/** Yuan text → integer fen, at most ¥100,000,000.00. */
export const yuanAmount = () =>
  requiredText(20)
    // As imports accept them (issue 18): `30,000`, `¥30,000.00`, full-width digits.
    .transform(plainYuanText)
    .refine((v) => parseYuan(v) !== null, "invalidAmount")
    .transform((v) => parseYuan(v)!)
    .refine(amountInRange, "amountTooLarge");

/** Empty → null; else yuan text (as `yuanAmount` takes it) → integer fen. */
export const optionalYuanAmount = () =>
  z
    .string()
    .trim()
    .optional()
    .default("")
    .transform(plainYuanText)
    .refine((v) => v === "" || parseYuan(v) !== null, "invalidAmount")
    .transform((v) => (v === "" ? null : parseYuan(v)!));

/** An e-mail address, trimmed and lowercased (the one rule of app/shared/field-ranges.ts). */
export const emailAddress = () =>
  requiredText(EMAIL_MAX_LENGTH)
    .transform((v) => v.toLowerCase())
    .refine(isEmailAddress, "invalidEmail");

/** Empty → "" ; else an e-mail address as `emailAddress`. */
export const optionalEmail = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX_LENGTH, "tooLong")
    .optional()
    .default("")
    .refine((v) => v === "" || isEmailAddress(v), "invalidEmail");

/** A new password: 12 to 200 characters, any characters (NIST SP 800-63B). */
export const newPassword = () =>
  z
    .string({ required_error: "required" })
    .min(1, "required")
    .min(NEW_PASSWORD_MIN_LENGTH, "passwordTooShort")
    .max(PASSWORD_MAX_LENGTH, "tooLong");

/** A positive integer id from a form or URL (`"12"`). */
export const idParam = () => z.coerce.number({ invalid_type_error: "invalid" }).int("invalid").positive("invalid");
