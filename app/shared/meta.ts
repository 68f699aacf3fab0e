/** Page titles in the visitor's language, from the root loader's locale (meta functions cannot use hooks). */
import type { MetaDescriptor } from "@remix-run/node";
import { FALLBACK_LANGUAGE, translate } from "~/locales";

type Match = { id: string; data: unknown };

export function pageTitle(matches: readonly Match[], key: string, extra?: string): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const locale = root?.locale ?? FALLBACK_LANGUAGE;
  const title = [translate(locale, key), extra, translate(locale, "app.brand")].filter(Boolean).join(" · ");
  return [{ title }];
}
