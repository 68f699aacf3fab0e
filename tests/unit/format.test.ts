import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { i18nConfig } from "~/locales";
import {
  formatDate,
  formatDateTime,
  formatLongDate,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
  formatterFor,
  useFormat,
} from "~/hooks/use-format";

describe("locale formats", () => {
  it("dates: ISO in tables, written out in prose", () => {
    expect(formatDate("zh-CN", "2026-11-23")).toBe("2026-11-23");
    expect(formatDate("en", "2026-11-23")).toBe("2026-11-23");
    expect(formatLongDate("zh-CN", "2026-11-23")).toBe("2026年11月23日");
    expect(formatLongDate("zh-CN", "2026-01-05")).toBe("2026年1月5日");
    expect(formatLongDate("en", "2026-11-23")).toBe("23 Nov 2026");
    expect(formatLongDate("en-US", "2026-01-05")).toBe("5 Jan 2026");
    expect(formatLongDate("en", "not a date")).toBe("not a date");
    expect(formatLongDate("zh-CN", "2026-13-01")).toBe("2026-13-01");
  });

  it("months", () => {
    expect(formatMonth("zh-CN", "2026-11")).toBe("2026年11月");
    expect(formatMonth("zh-CN", "2026-02")).toBe("2026年2月");
    expect(formatMonth("en", "2026-11")).toBe("Nov 2026");
    expect(formatMonth("en", "2026-00")).toBe("2026-00");
    expect(formatMonth("zh-CN", "")).toBe("");
  });

  it("money from integer fen, the same in both languages", () => {
    expect(formatMoney(123456)).toBe("¥1,234.56");
    expect(formatMoney(0)).toBe("¥0.00");
    expect(formatMoney(5)).toBe("¥0.05");
    expect(formatMoney(-500)).toBe("-¥5.00");
    expect(formatMoney(123456789012)).toBe("¥1,234,567,890.12");
    expect(formatterFor("en").money(100)).toBe(formatterFor("zh-CN").money(100));
  });

  it("money is exact for every safe integer (no floating point)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const s = formatMoney(fen);
        const digits = s.replace(/[¥,.-]/g, "");
        expect(BigInt(digits) * (fen < 0 ? -1n : 1n)).toBe(BigInt(fen));
        expect(s).toMatch(/^-?¥\d{1,3}(,\d{3})*\.\d{2}$/);
      }),
    );
  });

  it("numbers grouped by thousands, percentages from ppm", () => {
    expect(formatNumber("zh-CN", 12649)).toBe("12,649");
    expect(formatNumber("en", 1234567)).toBe("1,234,567");
    expect(formatNumber("en", 999)).toBe("999");
    expect(formatNumber("en", -1234)).toBe("-1,234");
    expect(formatNumber("en", 1234.5)).toBe("1,234.5");
    expect(formatPercent(160_000)).toBe("16%");
    expect(formatPercent(500)).toBe("0.05%");
    expect(formatPercent(5_000)).toBe("0.5%");
  });

  it("instants in Asia/Shanghai", () => {
    expect(formatDateTime("2026-11-23T01:30:00.000Z")).toBe("2026-11-23 09:30");
  });

  it("useFormat follows the i18n language", async () => {
    const render = async (lng: string) => {
      const i18n = createInstance();
      await i18n.use(initReactI18next).init({ ...i18nConfig, lng });
      const Probe = () => {
        const f = useFormat();
        return createElement("p", null, `${f.month("2026-11")}|${f.longDate("2026-11-23")}|${f.date("2026-11-23")}|${f.money(123456)}|${f.number(12649)}`);
      };
      return renderToString(createElement(I18nextProvider, { i18n }, createElement(Probe)));
    };
    expect(await render("zh-CN")).toContain("2026年11月|2026年11月23日|2026-11-23|¥1,234.56|12,649");
    expect(await render("en")).toContain("Nov 2026|23 Nov 2026|2026-11-23|¥1,234.56|12,649");
  });
});
