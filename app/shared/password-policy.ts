/**
 * The password rules and how the password forms word their errors, shared by
 * the models and the pages (which cannot import server modules). The errors
 * are the shared `FieldErrors` of validation.ts; the schema is `newPassword()` there.
 */
import type { FieldError, FieldErrorCode } from "./validation";

export const NEW_PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export const PASSWORD_FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;
export type PasswordField = (typeof PASSWORD_FIELDS)[number];
export type PasswordErrors = Partial<Record<PasswordField, FieldError>>;

/** The catalog key of a password form's error (`statements.password.errors.*`, or `security.busy`). */
export function passwordMessageKey(code: FieldErrorCode): string {
  switch (code) {
    case "busy":
      return "security.busy";
    case "passwordTooShort":
      return "statements.password.errors.tooShort";
    case "passwordMismatch":
      return "statements.password.errors.mismatch";
    case "passwordWrong":
      return "statements.password.errors.wrong";
    case "passwordUnchanged":
      return "statements.password.errors.unchanged";
    case "tooLong":
      return "statements.password.errors.tooLong";
    default:
      return "statements.password.errors.required";
  }
}
