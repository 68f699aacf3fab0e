/** Issue 21, finding 10 (second half): the same-origin check compares the scheme too. */
import { describe, expect, it } from "vitest";
import { checkSameOrigin } from "~/server/same-origin.mjs";

describe("same-origin check and the scheme", () => {
  it("refuses an http Origin posting to an https site (same host and port)", () => {
    expect(checkSameOrigin({ method: "POST", host: "shebao.example", origin: "http://shebao.example", scheme: "https" }).ok).toBe(false);
  });
  it("refuses an https Origin posting to an http server on the same host and port", () => {
    expect(checkSameOrigin({ method: "POST", host: "127.0.0.1:3000", origin: "https://127.0.0.1:3000", scheme: "http" }).ok).toBe(false);
  });
  it("accepts the same scheme, host and port", () => {
    expect(checkSameOrigin({ method: "POST", host: "shebao.example", origin: "https://shebao.example", scheme: "https" }).ok).toBe(true);
    expect(checkSameOrigin({ method: "POST", host: "shebao.example:443", origin: "https://shebao.example", scheme: "https" }).ok).toBe(true);
    expect(checkSameOrigin({ method: "POST", host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", scheme: "http" }).ok).toBe(true);
  });
  it("server.mjs passes the request's scheme (the forwarded one behind TRUST_PROXY)", async () => {
    const { readFile } = await import("node:fs/promises");
    const server = await readFile("server.mjs", "utf8");
    expect(server).toMatch(/scheme:\s*req\.protocol/);
  });
});
