/** Issue 21, finding 5: a redirect target is a same-site path and nothing else. */
import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/server/http.server";

const BASE = "http://shebao.example";
const FALLBACK = "/fallback";

/** Where a browser would go: the redirect must stay on our origin and be what we answered. */
function lands(location: string): URL {
  return new URL(location, BASE);
}

describe("safeRedirect", () => {
  const refused = [
    ["tab between slashes", "/\t/evil.example"],
    ["encoded tab between slashes", "/%09/evil.example"],
    ["newline between slashes", "/\n/evil.example"],
    ["carriage return", "/a\r\nSet-Cookie: x=1"],
    ["NUL", "/a\0b"],
    ["encoded NUL", "/a%00b"],
    ["encoded CR LF", "/a%0d%0aSet-Cookie:%20x=1"],
    ["protocol-relative", "//evil.example"],
    ["backslash", "/\\evil.example"],
    ["encoded backslash", "/%5cevil.example"],
    ["encoded slash pair", "/%2f/evil.example"],
    ["encoded second slash", "/%2Fevil.example"],
    ["absolute URL", "https://evil.example/"],
    ["javascript:", "javascript:alert(1)"],
    ["relative path", "evil.example"],
    ["empty", ""],
    ["DEL", "/a\x7fb"],
    ["broken percent-encoding", "/%E0%A4%A"],
    ["too long", "/" + "a".repeat(2100)],
  ] as const;
  for (const [label, target] of refused) {
    it(`refuses ${label}`, () => {
      expect(safeRedirect(target, FALLBACK)).toBe(FALLBACK);
    });
  }

  const kept = ["/", "/employees?q=wang&page=2", "/months?period=2026-03#top", "/employees/12", "/findings?employer=ACME%20Co"];
  for (const target of kept) {
    it(`keeps ${target}`, () => {
      expect(safeRedirect(target, FALLBACK)).toBe(target);
    });
  }

  it("whatever it answers, a browser resolves it to our own origin", () => {
    for (const [, target] of refused) expect(lands(safeRedirect(target, FALLBACK)).origin).toBe(BASE);
    for (const target of kept) expect(lands(safeRedirect(target, FALLBACK)).origin).toBe(BASE);
  });

  it("refuses anything but a string", () => {
    expect(safeRedirect(null, FALLBACK)).toBe(FALLBACK);
    expect(safeRedirect(undefined, FALLBACK)).toBe(FALLBACK);
  });
});
