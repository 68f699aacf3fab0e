/**
 * Same-origin check for requests that can change something (every method but
 * GET and HEAD), applied by server.mjs before Remix sees the request.
 *
 * Plain JavaScript so that server.mjs (not compiled) and the TypeScript tests
 * import the one implementation.
 *
 * Refused:
 * - `Sec-Fetch-Site` present and neither `same-origin` nor `none` (a user typing
 *   an address or using a bookmark);
 * - `Origin` present and not the request's own host (`null`, from sandboxed
 *   frames or privacy-sensitive redirects, included);
 * - `Origin` with another scheme than the request's (`scheme`: express's
 *   `req.protocol`, the forwarded one behind `TRUST_PROXY=1`).
 * Allowed when both headers are absent: command-line clients and old browsers
 * send neither, and the session cookie (SameSite=Lax) is not sent on a
 * cross-site POST anyway; this check is the second lock on that door.
 */

const SAFE_METHODS = new Set(["GET", "HEAD"]);
const ALLOWED_FETCH_SITES = new Set(["same-origin", "none"]);

/** `host[:port]` in lower case, without the scheme's default port. */
function normalHost(host, scheme) {
  const h = host.trim().toLowerCase();
  if (scheme === "http:" && h.endsWith(":80")) return h.slice(0, -3);
  if (scheme === "https:" && h.endsWith(":443")) return h.slice(0, -4);
  return h;
}

/**
 * @param {{ method: string; host?: string | null; origin?: string | null; secFetchSite?: string | null; scheme?: string | null }} request
 * @returns {{ ok: true } | { ok: false; reason: string }}
 */
export function checkSameOrigin({ method, host, origin, secFetchSite, scheme }) {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  if (secFetchSite != null && !ALLOWED_FETCH_SITES.has(secFetchSite.trim().toLowerCase())) {
    return { ok: false, reason: `Sec-Fetch-Site: ${secFetchSite}` };
  }
  if (origin != null) {
    let url;
    try {
      url = new URL(origin);
    } catch {
      return { ok: false, reason: "Origin is not a URL" };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, reason: "Origin is not http(s)" };
    if (!host) return { ok: false, reason: "Origin without Host" };
    if (scheme != null && url.protocol !== `${scheme.trim().toLowerCase().replace(/:$/, "")}:`) {
      return { ok: false, reason: "Origin of another scheme" };
    }
    if (normalHost(url.host, url.protocol) !== normalHost(host, url.protocol)) return { ok: false, reason: "Origin is another host" };
  }
  return { ok: true };
}

/** The short plain answer to a refused request. */
export const CROSS_ORIGIN_MESSAGE = "Cross-origin request refused";
