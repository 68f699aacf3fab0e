/** The app's own cookies: httpOnly, SameSite=Lax, `Secure` where the deployment allows it. */
import { createCookie, type Cookie } from "@remix-run/node";

/**
 * Cookies are `Secure` in production (HTTPS, or http://localhost), unless
 * COOKIE_SECURE=false: a deployment served over plain HTTP on another address
 * needs that, or no sign-in would stick.
 */
export const SECURE_COOKIES = process.env.COOKIE_SECURE ? process.env.COOKIE_SECURE === "true" : process.env.NODE_ENV === "production";

/** An httpOnly, SameSite=Lax cookie sent to `path`, kept `maxAgeSeconds`, `Secure` per SECURE_COOKIES. */
export function appCookie(name: string, path: string, maxAgeSeconds: number): Cookie {
  return createCookie(name, { httpOnly: true, sameSite: "lax", path, secure: SECURE_COOKIES, maxAge: maxAgeSeconds });
}

/** The cookie's value in the request when it is a non-empty string (a token), else null. */
export async function cookieToken(cookie: Cookie, request: Request): Promise<string | null> {
  const value: unknown = await cookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}
