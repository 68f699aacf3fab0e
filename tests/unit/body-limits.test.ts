/** The body checks server.mjs makes before Remix (issue 21, finding 4). */
import { describe, expect, it } from "vitest";
import { BODY_LIMIT_FORMS, BODY_LIMIT_IMPORTS, bodyLimitFor, bodyMessage, bodyMessageLanguage, checkBodyContent, checkBodyHeaders } from "~/server/body-limits.mjs";

describe("body limits", () => {
  it("64 KB for forms and sign-in, 20 MB (and the form around it) for imports", () => {
    expect(bodyLimitFor("/login")).toBe(64 * 1024);
    expect(bodyLimitFor("/months")).toBe(BODY_LIMIT_FORMS);
    expect(bodyLimitFor("/imports")).toBe(BODY_LIMIT_IMPORTS);
    expect(BODY_LIMIT_IMPORTS).toBeGreaterThan(20 * 1024 * 1024);
  });

  it("refuses by Content-Length before reading, and every type but a form", () => {
    const limit = BODY_LIMIT_FORMS;
    expect(checkBodyHeaders({ contentType: "application/x-www-form-urlencoded", contentLength: String(60 * 1024 * 1024), limit })).toMatchObject({ ok: false, status: 413 });
    expect(checkBodyHeaders({ contentType: "text/plain", contentLength: "5", limit })).toMatchObject({ ok: false, status: 415 });
    expect(checkBodyHeaders({ contentType: "application/json", contentLength: "5", limit })).toMatchObject({ ok: false, status: 415 });
    expect(checkBodyHeaders({ contentType: null, contentLength: "5", limit })).toMatchObject({ ok: false, status: 415 });
    expect(checkBodyHeaders({ contentType: null, contentLength: null, chunked: true, limit })).toMatchObject({ ok: false, status: 415 });
    expect(checkBodyHeaders({ contentType: "multipart/form-data", contentLength: "5", limit })).toMatchObject({ ok: false, status: 400 });
    expect(checkBodyHeaders({ contentType: "application/x-www-form-urlencoded", contentLength: "-1", limit })).toMatchObject({ ok: false, status: 400 });
    // An empty post without a type is an empty form (curl -X POST /logout).
    expect(checkBodyHeaders({ contentType: null, contentLength: "0", limit })).toEqual({ ok: true, contentType: "application/x-www-form-urlencoded" });
    expect(checkBodyHeaders({ contentType: "application/x-www-form-urlencoded; charset=UTF-8", contentLength: "10", limit }).ok).toBe(true);
    expect(checkBodyHeaders({ contentType: "multipart/form-data; boundary=x", contentLength: "10", limit }).ok).toBe(true);
  });

  it("a multipart body must parse, and no name may hold control characters", async () => {
    const type = "multipart/form-data; boundary=B";
    const part = (disposition: string, value: string) => `--B\r\nContent-Disposition: form-data; ${disposition}\r\n\r\n${value}\r\n`;
    const good = Buffer.from(part('name="kind"', "employers") + part('name="file"; filename="a;b=c.csv"', "x") + "--B--\r\n");
    expect((await checkBodyContent(good, type)).ok).toBe(true);
    expect(await checkBodyContent(Buffer.from("--B\r\ngarbage"), type)).toMatchObject({ ok: false, status: 400, code: "malformed" });
    const nul = Buffer.from(part('name="file"; filename="a\u0000b.csv"', "x") + "--B--\r\n");
    expect(await checkBodyContent(nul, type)).toMatchObject({ ok: false, status: 400, code: "badName" });
    expect(await checkBodyContent(Buffer.from("a%0Ab=1"), "application/x-www-form-urlencoded")).toMatchObject({ ok: false, code: "badName" });
  });

  it("answers in the reader's language", () => {
    expect(bodyMessageLanguage({ cookie: `lng=${Buffer.from(JSON.stringify("zh-CN")).toString("base64")}` })).toBe("zh-CN");
    expect(bodyMessageLanguage({ acceptLanguage: "zh-CN,zh;q=0.9" })).toBe("zh-CN");
    expect(bodyMessageLanguage({ acceptLanguage: "en-GB" })).toBe("en");
    expect(bodyMessage("tooLarge", "en", BODY_LIMIT_FORMS)).toContain("64 KB");
    expect(bodyMessage("unsupported", "zh-CN", BODY_LIMIT_FORMS)).toContain("表单");
  });
});
