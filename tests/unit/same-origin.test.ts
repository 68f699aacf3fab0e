/** The same-origin check server.mjs applies to every request but GET and HEAD. */
import { describe, expect, it } from "vitest";
import { checkSameOrigin } from "~/server/same-origin.mjs";

type Row = [label: string, input: { method: string; host?: string | null; origin?: string | null; secFetchSite?: string | null }, ok: boolean];

const HOST = "127.0.0.1:3000";

const TABLE: Row[] = [
  // Reads are never checked, whatever their headers.
  ["GET from another site", { method: "GET", host: HOST, origin: "https://evil.example", secFetchSite: "cross-site" }, true],
  ["HEAD from another site", { method: "HEAD", host: HOST, secFetchSite: "cross-site" }, true],
  ["lower-case get", { method: "get", host: HOST, secFetchSite: "cross-site" }, true],
  // A browser on our own page (a form, or Remix's `?_data` fetch).
  ["POST from our page", { method: "POST", host: HOST, origin: `http://${HOST}`, secFetchSite: "same-origin" }, true],
  ["POST, Sec-Fetch-Site only", { method: "POST", host: HOST, secFetchSite: "same-origin" }, true],
  ["POST, Origin only", { method: "POST", host: HOST, origin: `http://${HOST}` }, true],
  ["POST typed in by the user", { method: "POST", host: HOST, secFetchSite: "none" }, true],
  ["POST, Sec-Fetch-Site in capitals", { method: "POST", host: HOST, secFetchSite: "Same-Origin" }, true],
  ["POST, host in capitals", { method: "POST", host: "Shebao.Example", origin: "https://shebao.example" }, true],
  ["POST behind TLS, default port in Host", { method: "POST", host: "shebao.example:443", origin: "https://shebao.example" }, true],
  ["POST over http, default port in Host", { method: "POST", host: "shebao.example:80", origin: "http://shebao.example" }, true],
  // Command-line clients: neither header.
  ["curl POST", { method: "POST", host: HOST }, true],
  ["curl POST, null headers", { method: "POST", host: HOST, origin: null, secFetchSite: null }, true],
  ["curl DELETE", { method: "DELETE", host: HOST }, true],
  // Refused.
  ["POST cross-site", { method: "POST", host: HOST, origin: "https://evil.example", secFetchSite: "cross-site" }, false],
  ["POST same-site (a sibling subdomain)", { method: "POST", host: "app.example.com", origin: "https://blog.example.com", secFetchSite: "same-site" }, false],
  ["POST cross-site, no Origin", { method: "POST", host: HOST, secFetchSite: "cross-site" }, false],
  ["POST, Origin of another host, no Sec-Fetch-Site", { method: "POST", host: HOST, origin: "https://evil.example" }, false],
  ["POST, Origin of another port", { method: "POST", host: HOST, origin: "http://127.0.0.1:3001" }, false],
  ["POST, Origin lookalike host", { method: "POST", host: "shebao.example", origin: "https://shebao.example.evil.example" }, false],
  ["POST, Origin null (sandboxed frame)", { method: "POST", host: HOST, origin: "null" }, false],
  ["POST, Origin not a URL", { method: "POST", host: HOST, origin: "::::" }, false],
  ["POST, Origin not http(s)", { method: "POST", host: HOST, origin: "file://" }, false],
  ["POST, Origin but no Host", { method: "POST", host: null, origin: `http://${HOST}` }, false],
  ["POST, same-origin fetch but Origin elsewhere", { method: "POST", host: HOST, origin: "https://evil.example", secFetchSite: "same-origin" }, false],
  ["POST, Sec-Fetch-Site unknown value", { method: "POST", host: HOST, secFetchSite: "bogus" }, false],
  ["PUT cross-site", { method: "PUT", host: HOST, secFetchSite: "cross-site" }, false],
  ["DELETE cross-site", { method: "DELETE", host: HOST, origin: "https://evil.example" }, false],
  ["PATCH cross-site", { method: "PATCH", host: HOST, secFetchSite: "cross-site" }, false],
  ["OPTIONS cross-site", { method: "OPTIONS", host: HOST, secFetchSite: "cross-site" }, false],
];

describe("checkSameOrigin", () => {
  it.each(TABLE)("%s → %s", (_label, input, ok) => {
    const verdict = checkSameOrigin(input);
    expect(verdict.ok).toBe(ok);
    if (!verdict.ok) expect(verdict.reason.length).toBeGreaterThan(0);
  });
});
