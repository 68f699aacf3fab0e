/** The change-password form's rules and error codes, shared by the model and the page (which cannot import server modules). */
export const NEW_PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export const PASSWORD_FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;
export type PasswordField = (typeof PASSWORD_FIELDS)[number];
export type PasswordErrorCode = "required" | "tooShort" | "tooLong" | "mismatch" | "wrong" | "unchanged" | "busy";
export type PasswordErrors = Partial<Record<PasswordField, PasswordErrorCode>>;
