/**
 * Validation shared by models and forms: field errors travel as codes
 * (`{ code, detail }`) and are translated in the page, naming the field.
 * Zod schemas give their issue messages as these codes.
 */
import { z } from "zod";
import { amountInRange, dateInRange, EMAIL_MAX_LENGTH, isEmailAddress, hasForbiddenCharacters, monthBounds, monthInRange, POLICY_MONTHS, policyMonthInRange } from "~/lib/field-ranges";
import { isValidDate, isValidMonth, shanghaiDate } from "~/rules/dates";
import { parseYuan } from "~/rules/money";
import { plainYuanText } from "~/lib/typed-text";
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

export interface FieldError {
  code: ValidationCode;
  /** Extra text for the message (why an identity number fails, a date). */
  detail?: string;
  /** A translatable reason for `detail` (`identityReasons.<code>` with its parameters). */
  reason?: { code: string; params: Record<string, string | number> };
}

export type FieldErrors = Record<string, FieldError>;

export type Result<T = number> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function fail(field: string, code: ValidationCode, detail?: string): { ok: false; errors: FieldErrors } {
  return { ok: false, errors: { [field]: detail === undefined ? { code } : { code, detail } } };
}

function isCode(s: string): s is ValidationCode {
  return (VALIDATION_CODES as readonly string[]).includes(s);
}

/** Zod issues → one error per field (the first), as codes. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (out[field]) continue;
    let code: ValidationCode = "invalid";
    if (isCode(issue.message)) code = issue.message;
    else if (issue.code === "invalid_type" && issue.received === "undefined") code = "required";
    const params = (issue as { params?: { detail?: string; reason?: FieldError["reason"] } }).params;
    const detail = params?.detail;
    const e: FieldError = detail ? { code, detail } : { code };
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

/** Texts never hold control, NUL or bidirectional-override characters (app/lib/field-ranges.ts). */
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

/** An e-mail address, trimmed and lowercased (the one rule of app/lib/field-ranges.ts). */
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
