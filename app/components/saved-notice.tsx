/**
 * The success notice after a save: the action redirects with `?saved=<what>`,
 * the page shows "… saved." — never beside an error (a failed action's data
 * hides it).
 */
import { useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const KNOWN = ["employer", "employee", "registration"] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (s: string): s is Known => (KNOWN as readonly string[]).includes(s);

export function SavedNotice({ error }: { error?: boolean }) {
  const [params] = useSearchParams();
  const failure = useActionData<{ errors?: unknown } | undefined>();
  const { t } = useTranslation();
  const what = params.get("saved");
  if (!what || error || (failure && failure.errors)) return null;
  return (
    <p className="notice notice-ok" role="status" data-testid="saved-notice">
      {isKnown(what) ? t(`firstday.saved.${what}`) : t("firstday.saved.generic")}
    </p>
  );
}

/** `path?saved=what`, keeping the path's own query. */
export function withSaved(path: string, what: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}saved=${encodeURIComponent(what)}`;
}
