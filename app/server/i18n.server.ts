/** The server side of i18n: the `lng` cookie and the remix-i18next instance. */
import type { i18n } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { FALLBACK_LANGUAGE, i18nConfig, SUPPORTED_LANGUAGES } from "~/locales";
import { appCookie } from "./cookies.server";

export const languageCookie = appCookie("lng", "/", 365 * 86_400);

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: FALLBACK_LANGUAGE,
    cookie: languageCookie,
    order: ["cookie", "header"],
  },
  i18next: i18nConfig,
});

/**
 * The request's language and catalog never change while it renders, so:
 * - every `t` of `useTranslation` gets the instance's resolved language list
 *   (`languages`, e.g. `["zh-CN", "en"]`) through `getFixedT`'s documented
 *   array form, instead of i18next working the list out again on each call
 *   (a canonical-locale lookup per call);
 * - a key asked without options (a column heading, a rule's name on each row
 *   of a table) is looked up once per request and remembered.
 * A page with a table of findings calls `t` hundreds of times.
 */
type FixedT = ((key: unknown, ...rest: unknown[]) => unknown) & { ns?: unknown; lng?: unknown; lngs?: unknown; keyPrefix?: unknown };
export function fasterTranslations(instance: i18n): void {
  const languages = [...instance.languages];
  const getFixedT = instance.getFixedT.bind(instance) as unknown as (lng: string | readonly string[], ns?: unknown, keyPrefix?: unknown) => FixedT;
  const remembered = new Map<string, unknown>();
  instance.getFixedT = ((lng: string | readonly string[] | null, ns?: unknown, keyPrefix?: unknown) => {
    const t = getFixedT(lng ?? languages, ns, keyPrefix);
    if (lng !== null && lng !== undefined) return t;
    const scope = `${JSON.stringify(ns ?? null)}|${typeof keyPrefix === "string" ? keyPrefix : ""}|`;
    const once: FixedT = (key: unknown, ...rest: unknown[]) => {
      if (rest.length > 0 || typeof key !== "string") return t(key, ...rest);
      const k = scope + key;
      if (!remembered.has(k)) remembered.set(k, t(key));
      return remembered.get(k);
    };
    return Object.assign(once, { ns: t.ns, lng: t.lng, lngs: t.lngs, keyPrefix: t.keyPrefix });
  }) as unknown as i18n["getFixedT"];
}
