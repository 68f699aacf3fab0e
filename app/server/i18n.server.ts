/** The server side of i18n: the `lng` cookie and the remix-i18next instance. */
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
