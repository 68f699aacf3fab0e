/** The server side of i18n: the `lng` cookie and the remix-i18next instance. */
import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { FALLBACK_LANGUAGE, i18nConfig, SUPPORTED_LANGUAGES } from "~/locales";

/**
 * Cookies are `Secure` in production (HTTPS, or http://localhost), unless
 * COOKIE_SECURE=false: a deployment served over plain HTTP on another address
 * needs that, or no sign-in would stick.
 */
export const SECURE_COOKIES = process.env.COOKIE_SECURE ? process.env.COOKIE_SECURE === "true" : process.env.NODE_ENV === "production";

export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: SECURE_COOKIES,
  maxAge: 365 * 86_400,
});

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: FALLBACK_LANGUAGE,
    cookie: languageCookie,
    order: ["cookie", "header"],
  },
  i18next: i18nConfig,
});
