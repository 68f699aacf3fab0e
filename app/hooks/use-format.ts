/**
 * The locale formats in a component (ADR 5): `const fmt = useFormat(); fmt.money(row.amount)`.
 * The formats themselves are pure, in app/shared/formatters.ts (models and the CLI import them there).
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatterFor, type Formatter } from "~/shared/formatters";

export * from "~/shared/formatters";

/** The formats in the reader's language (i18n.language, from the `lng` cookie or the browser). */
export function useFormat(): Formatter {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  return useMemo(() => formatterFor(lng), [lng]);
}
