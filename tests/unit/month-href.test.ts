import { describe, expect, it } from "vitest";
import { monthHref } from "~/url-state/search-params";

describe("the month's own address", () => {
  it("is /months/YYYY-MM with the employer first and the other params kept", () => {
    expect(monthHref("SH01", "2026-03", { asOf: "2026-03-31" })).toBe("/months/2026-03?employer=SH01&asOf=2026-03-31");
  });

  it("drops the period and an old employer from the params it keeps", () => {
    const old = new URLSearchParams("period=2026-02&asOf=2026-04-01&employer=OLD&done=payment");
    expect(monthHref("BJ01", "2026-03", old)).toBe("/months/2026-03?employer=BJ01&asOf=2026-04-01&done=payment");
  });

  it("has no employer param without an employer (the account's first), and no ? without params", () => {
    expect(monthHref("", "2026-03")).toBe("/months/2026-03");
    expect(monthHref("", "2026-03", new URLSearchParams("employer=&period=2026-03"))).toBe("/months/2026-03");
  });

  it("encodes what it is given", () => {
    expect(monthHref("A&B", "2026-03", { asOf: "2026-03-31" })).toBe("/months/2026-03?employer=A%26B&asOf=2026-03-31");
  });
});
