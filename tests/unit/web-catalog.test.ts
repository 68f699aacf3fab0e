import { describe, expect, it } from "vitest";
import { catalogKeys, catalogs, SUPPORTED_LANGUAGES, translate } from "~/locales";
import { RULES, SEVERITIES } from "~/rules/types";
import { VALIDATION_CODES } from "~/shared/validation";

const en = catalogKeys(catalogs.en);
const zh = catalogKeys(catalogs["zh-CN"]);

describe("message catalogs", () => {
  it("have exactly the same keys in every language", () => {
    expect(zh.filter((k) => !en.includes(k)), "in zh-CN, not in en").toEqual([]);
    expect(en.filter((k) => !zh.includes(k)), "in en, not in zh-CN").toEqual([]);
  });

  it("have no empty messages and the same placeholders in both languages", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of en) {
      const a = translate("en", key);
      const b = translate("zh-CN", key);
      expect(a.trim(), key).not.toBe("");
      expect(b.trim(), key).not.toBe("");
      expect(placeholders(b), key).toEqual(placeholders(a));
    }
  });

  it("name every rule, severity and validation code", () => {
    for (const lng of SUPPORTED_LANGUAGES) {
      for (const r of RULES) expect(translate(lng, `rules.${r}`)).not.toBe(`rules.${r}`);
      for (const s of SEVERITIES) expect(translate(lng, `severities.${s}`)).not.toBe(`severities.${s}`);
      for (const c of VALIDATION_CODES) expect(translate(lng, `validation.${c}`)).not.toBe(`validation.${c}`);
    }
  });

  it("use the established Chinese legal terms", () => {
    const all = zh.map((k) => translate("zh-CN", k)).join("\n");
    for (const term of ["社会保险登记", "社会保险费", "滞纳金", "责令限期缴纳", "缓缴协议", "个人账户"]) expect(all).toContain(term);
  });
});

describe("identity failures are explained in the reader's language", () => {
  it("every failure code of the identity checks has a message in both catalogs", async () => {
    const { checkResidentId, checkUscc, checkIdentity } = await import("~/rules/identity");
    const { translate } = await import("~/locales");
    const failures = [
      checkResidentId("1101051949123100"),
      checkResidentId("11010519491231002A"),
      checkResidentId("110105194902300021"),
      checkResidentId("110105194912310021"),
      checkIdentity("passport", "ab"),
      checkUscc("91310000MA1FL8TQ3I"),
      checkUscc("91310000MA1FL8TQ37"),
    ];
    const codes = failures.map((f) => (f.ok ? "ok" : f.code));
    expect(codes).toEqual(["length", "digits", "birthDate", "checkChar", "charset", "badChar", "checkChar"]);
    for (const f of failures) {
      if (f.ok) continue;
      const zh = translate("zh-CN", `identityReasons.${f.code}`, f.params);
      expect(zh).not.toMatch(/identityReasons|\{\{/);
      expect(zh).not.toMatch(/[a-z]{4,}/); // no English words left in the Chinese message
    }
    expect(translate("zh-CN", "identityReasons.checkChar", { expected: "X", actual: "1" })).toBe("校验码应为 X，而不是 1");
  });
});

describe("the area catalogs (app/locales/areas/*)", () => {
  const modules = import.meta.glob<Record<string, object>>("../../app/locales/areas/*.ts", { eager: true });
  const areas = (suffix: string) =>
    Object.entries(modules)
      .filter(([path]) => path.endsWith(`.${suffix}.ts`))
      .map(([path, mod]) => ({ name: path.split("/").pop()!.replace(`.${suffix}.ts`, ""), value: Object.values(mod)[0]! }));

  it("every area file has its twin in the other language", () => {
    expect(areas("en").map((a) => a.name)).toEqual(expect.arrayContaining(["statements", "workflows", "i18n-errors"]));
    expect(areas("zh-CN").map((a) => a.name).sort()).toEqual(areas("en").map((a) => a.name).sort());
  });

  it("every area is registered in both catalogs, with the same keys (so the parity test above covers it)", () => {
    for (const lng of SUPPORTED_LANGUAGES) {
      const catalog = catalogs[lng] as unknown as Record<string, unknown>;
      for (const area of areas(lng)) {
        const at = Object.keys(catalog).find((k) => catalog[k] === area.value);
        expect(at, `${area.name}.${lng}.ts is not registered in ${lng}.ts`).toBeDefined();
        const twin = areas(lng === "en" ? "zh-CN" : "en").find((a) => a.name === area.name)!;
        expect(catalogKeys(area.value), area.name).toEqual(catalogKeys(twin.value));
      }
    }
  });
});
