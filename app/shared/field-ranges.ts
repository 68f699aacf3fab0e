/**
 * The shared field ranges (issue 21): one definition of what a date, a
 * period, an amount and a stored text may be, used by the form validators
 * (app/shared/validation.ts) and the import cell parsers (app/shared/import-formats.ts).
 * Pure: the current day is passed in.
 */
import { z } from "zod";
import { addMonths, monthOf } from "~/rules/dates";

export const MIN_DATE = "1950-01-01";
export const MAX_DATE = "2100-12-31";
export const MIN_MONTH = "1950-01";
/** A period may be at most this many months after the current month (Asia/Shanghai). */
export const MONTHS_AHEAD = 12;
/** ¥100,000,000.00 in fen. */
export const MAX_AMOUNT_FEN = 10_000_000_000;

/**
 * Characters never stored in a text: C0 controls except tab, LF and CR (NUL,
 * escape…), DEL, C1 controls, and the bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) that make a text display as
 * something else.
 */
export const FORBIDDEN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function hasForbiddenCharacters(s: string): boolean {
  return FORBIDDEN_TEXT.test(s);
}

/** A valid `YYYY-MM-DD` within 1950-01-01..2100-12-31 (string order is date order). */
export function dateInRange(date: string): boolean {
  return date >= MIN_DATE && date <= MAX_DATE;
}

export function amountInRange(fen: number): boolean {
  return Number.isSafeInteger(fen) && fen <= MAX_AMOUNT_FEN;
}

/** The periods accepted on `today`: from `from` (the employer's tracked range, when known; else 1950-01) to 12 months ahead. */
export function monthBounds(today: string, from?: string | null): { from: string; to: string } {
  return { from: from && from > MIN_MONTH ? from : MIN_MONTH, to: addMonths(monthOf(today), MONTHS_AHEAD) };
}

/** A valid `YYYY-MM` within `monthBounds(today, from)`. */
export function monthInRange(month: string, today: string, from?: string | null): boolean {
  const b = monthBounds(today, from);
  return month >= b.from && month <= b.to;
}

/** A policy's effective month is a region's rule, not an employer's period: any month within the date range. */
export const POLICY_MONTHS = { from: MIN_MONTH, to: "2100-12" } as const;

export function policyMonthInRange(month: string): boolean {
  return month >= POLICY_MONTHS.from && month <= POLICY_MONTHS.to;
}

/** The longest e-mail address stored (RFC 5321's path limit). */
export const EMAIL_MAX_LENGTH = 254;

const EMAIL = z.string().email().max(EMAIL_MAX_LENGTH);

/**
 * The one e-mail rule (issue 15): what the account form, the employee form,
 * the import and the command line accept. The text is compared as given
 * (callers trim and lowercase first where they store it so).
 */
export function isEmailAddress(s: string): boolean {
  return EMAIL.safeParse(s).success;
}
