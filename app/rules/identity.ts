/**
 * Identity checks (SPEC §8): citizen identity numbers (GB 11643-1999) — the
 * social security number under art. 58 — and unified social credit codes
 * (GB 32100-2015).
 */
import { daysInMonth } from "./dates";

/** A real calendar date (any year): GB 11643-1999's own example was born in 1880. */
function isCalendarDate(y: number, m: number, d: number): boolean {
  return y >= 1800 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** The check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Why a check failed, for translation: the code and its parameters (the English `reason` says the same). */
export type IdFailureCode = "length" | "digits" | "birthDate" | "checkChar" | "charset" | "badChar";
export type IdCheck =
  | { ok: true; value: string }
  | { ok: false; reason: string; code: IdFailureCode; params: Record<string, string | number> };

function failure(code: IdFailureCode, reason: string, params: Record<string, string | number> = {}): IdCheck {
  return { ok: false, reason, code, params };
}

/** Validate a resident identity number; a lower-case `x` is accepted and normalized. */
export function checkResidentId(raw: string): IdCheck {
  const value = raw.trim().toUpperCase();
  if (value.length !== 18) return failure("length", `must be 18 characters (has ${value.length})`, { expected: 18, actual: value.length });
  if (!/^\d{17}[\dX]$/.test(value)) return failure("digits", "the first 17 characters must be digits and the last a digit or X");
  if (!isCalendarDate(Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14))))
    return failure("birthDate", `characters 7–14 are not a valid birth date (${value.slice(6, 14)})`, { value: value.slice(6, 14) });
  const expected = residentIdCheckChar(value.slice(0, 17));
  if (value[17] !== expected) return failure("checkChar", `check character should be ${expected}, not ${value[17]}`, { expected, actual: value[17]! });
  return { ok: true, value };
}

/** Validate an identity document by type: resident IDs strictly, passports and permits for shape only. */
export function checkIdentity(idType: string, raw: string): IdCheck {
  if (idType === "resident_id") return checkResidentId(raw);
  const value = raw.trim().toUpperCase();
  if (value.length < 5 || value.length > 20 || !/^[A-Z0-9]+$/.test(value))
    return failure("charset", "must be 5–20 letters or digits");
  return { ok: true, value };
}

/** First 4 and last 4 characters, the rest `*` (SPEC §6). */
export function maskId(id: string): string {
  if (id.length <= 8) return "*".repeat(id.length);
  return id.slice(0, 4) + "*".repeat(id.length - 8) + id.slice(-4);
}

const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  const v = 31 - (sum % 31);
  return USCC_CHARS[v === 31 ? 0 : v]!;
}

export function checkUscc(raw: string): IdCheck {
  const value = raw.trim().toUpperCase();
  if (value.length !== 18) return failure("length", `must be 18 characters (has ${value.length})`, { expected: 18, actual: value.length });
  for (const ch of value) {
    if (!USCC_CHARS.includes(ch)) return failure("badChar", `character "${ch}" is not allowed (no I, O, S, V, Z)`, { char: ch });
  }
  const expected = usccCheckChar(value.slice(0, 17));
  if (value[17] !== expected) return failure("checkChar", `check character should be ${expected}, not ${value[17]}`, { expected, actual: value[17]! });
  return { ok: true, value };
}
