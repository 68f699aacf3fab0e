/**
 * The server render's faster `t` (fasterTranslations, app/server/i18n.server.ts)
 * says exactly what i18next's own says: every catalog key in both languages,
 * with and without options, under a key prefix, and for an explicit language.
 */
import { createInstance, type i18n } from "i18next";
import { describe, expect, it } from "vitest";
import { catalogKeys, i18nConfig, SUPPORTED_LANGUAGES } from "~/locales";
import { en } from "~/locales/en";
import { fasterTranslations } from "~/server/i18n.server";

async function instance(lng: string, faster: boolean): Promise<i18n> {
  const i = createInstance();
  await i.init({ ...i18nConfig, lng });
  if (faster) fasterTranslations(i);
  return i;
}

type AnyT = (key: string, options?: Record<string, unknown>) => unknown;
/** `getFixedT(null)`: the `t` that react-i18next's useTranslation makes (the instance's language). */
const requestT = (i: i18n) => (i.getFixedT as unknown as (this: i18n, lng: null) => AnyT).call(i, null);

describe("the server render's t", () => {
  for (const lng of SUPPORTED_LANGUAGES) {
    it(`says what i18next says, for every key in ${lng}, asked once and again`, async () => {
      const plain = requestT(await instance(lng, false));
      const fast = requestT(await instance(lng, true));
      const keys = catalogKeys(en);
      expect(keys.length).toBeGreaterThan(100);
      for (const round of [1, 2]) {
        for (const key of keys) expect(fast(key), `${key} (round ${round})`).toBe(plain(key));
      }
      const options = { count: 2, name: "王芳", min: "¥1.00", max: "¥2.00", date: "2026-11-23", code: "ACME", month: "2026-11", shown: 5, total: 9 };
      for (const key of keys) expect(fast(key, options), key).toBe(plain(key, options));
      expect(fast("no.such.key")).toBe(plain("no.such.key"));
    });
  }

  it("keeps a key prefix and an explicit language apart from the request's", async () => {
    const fast = await instance("zh-CN", true);
    const plain = await instance("zh-CN", false);
    const prefixed = (i: i18n, prefix: string) => (i.getFixedT as unknown as (this: i18n, lng: null, ns: null, keyPrefix: string) => AnyT).call(i, null, null, prefix);
    // One key under two prefixes, in one request: two texts.
    expect(prefixed(fast, "dashboard")("title")).toBe(prefixed(plain, "dashboard")("title"));
    expect(prefixed(fast, "findings")("title")).toBe(prefixed(plain, "findings")("title"));
    expect(prefixed(fast, "findings")("title")).not.toBe(prefixed(fast, "dashboard")("title"));
    expect(requestT(fast)("title")).toBe(requestT(plain)("title"));
    const english = fast.getFixedT("en") as unknown as AnyT;
    expect(english("nav.dashboard")).toBe(en.nav.dashboard);
    expect(english("nav.dashboard")).not.toBe(requestT(fast)("nav.dashboard"));
  });
});
