/** Translating field errors in a page: "Identity number is not valid: …". */
import { useTranslation } from "react-i18next";
import { translate } from "~/locales";
import type { FieldErrors } from "./validation";

/** `(field, label?) => translated message | undefined`; the label defaults to `fields.<field>`. */
export function useFieldErrors(errors: FieldErrors | undefined | null) {
  const { t, i18n } = useTranslation();
  return (field: string, labelKey: string = `fields.${field}`): string | undefined => {
    const e = errors?.[field];
    if (!e) return undefined;
    const label = translate(i18n.language, labelKey);
    const detail = e.reason ? translate(i18n.language, `identityReasons.${e.reason.code}`, e.reason.params) : (e.detail ?? "");
    return t(`validation.${e.code}`, { field: label, detail });
  };
}
