/**
 * Errors the models report in English (command line) carry a code and
 * parameters so the web shows them in the reader's language: every code is
 * produced by some bad input, and every one renders in both catalogs with no
 * key or placeholder left, and no English sentence in the Chinese text.
 */
import { describe, expect, it } from "vitest";
import { REQUIRED_COLUMNS as IMPORT_COLUMNS, validateImport, type ImportContext, type ImportError, type ImportKind } from "~/shared/import-formats";
import { renderMsg, type Msg } from "~/shared/messages";
import { catalogKeys, translate } from "~/locales";
import { i18nErrorsEn } from "~/locales/areas/i18n-errors.en";
import { i18nErrorsZhCN } from "~/locales/areas/i18n-errors.zh-CN";
import { parseRate } from "~/rules/money";
import { importErrorMsg, statementErrorMsg } from "~/shared/messages";

const ID1 = "11010519491231002X";
const USCC1 = "91310000MA1FL8TQ36";
const POLICY_OK = "sample-city,2025-01,4000.00,20000.00,16%,8%,8%,2%,0.5%,0.5%,0.2%,0%,0%,0%,fen,half_up,15,0,500";

function ctx(over: Partial<ImportContext> = {}): ImportContext {
  return {
    employerCodes: new Set(["ACME"]),
    employees: new Map([
      ["E001", { employerCode: "ACME", hireDate: "2026-01-10", terminationDate: null }],
      ["E002", { employerCode: "ACME", hireDate: "2026-01-10", terminationDate: "2026-03-31" }],
      ["B001", { employerCode: "BETA", hireDate: "2026-01-10", terminationDate: null }],
    ]),
    guarantees: [],
    ...over,
  };
}
const TWO = ctx({ employerCodes: new Set(["ACME", "BETA"]) });

function file(kind: ImportKind, ...rows: string[]): string {
  return [IMPORT_COLUMNS[kind].join(","), ...rows].join("\r\n") + "\r\n";
}
function policyWith(column: string, value: string): string {
  const cells = POLICY_OK.split(",");
  cells[IMPORT_COLUMNS.policies.indexOf(column)] = value;
  return cells.join(",");
}

const BAD_FILES: [ImportKind, string, ImportContext?][] = [
  ["employers", file("employers", `A B,,BAD,r`, `ACME,Acme,${USCC1},r`, `ACME,Other,${USCC1},r`)],
  ["employers", "code,name,uscc,region\r\n\"open"],
  ["employers", ""],
  ["employers", "code,code,,extra,uscc\r\n"],
  ["employers", file("employers", "X,Y")],
  ["policies", file("policies", policyWith("base_floor", "30000.00"), policyWith("pension_employer", "abc"), policyWith("pension_employee", ""))],
  ["policies", file("policies", policyWith("work_injury_employee", "0.2%"), policyWith("due_day", "40"), policyWith("due_month_offset", "2"), policyWith("late_fee_ppm_per_day", "x"))],
  ["policies", file("policies", policyWith("rounding_unit", "cent"), policyWith("medical_employer", "8%+"), policyWith("medical_employee", "¥1.234"), policyWith("pension_employee", "101%"))],
  ["policies", file("policies", policyWith("unemployment_employer", "60%+50%"), policyWith("effective_from", "2025-13"))],
  ["employees", file("employees", `E009,X,,11010519491231002A,NOPE,2026-02-30,2026-01-01,,not-mail,-1`, `E010,Y,passport,a!,ACME,2026-05,,,,1x`)],
  ["employees", file("employees", `E011,Z,,${USCC1},,2026-05-01,,,,1`), ctx({ employerCodes: new Set() })],
  ["employees", file("employees", `E012,Z,,${ID1},,2026-05-01,,,,1`), TWO],
  ["employees", file("employees", `E013,Z,,${ID1},ACME,2026-05-01,2026-04-01,,,1`)],
  ["registrations", file("registrations", "E404,,", "E001,2026-02-10,2026-02-01")],
  ["registrations", "employee_no,applied_on,registered_on,termination_reported_on\r\nE001,,,2026-04-01\r\nE002,,,2026-03-30\r\n"],
  ["policies", `${IMPORT_COLUMNS.policies.join(",")},base_year_start,medical_base_floor\r\n${POLICY_OK},13,30000.00\r\n`],
  [
    "employees",
    file("employees", `E002,Z,,${ID1},ACME,2026-01-10,2026-04-30,,,1`),
    ctx({ employees: new Map([["E002", { employerCode: "ACME", hireDate: "2026-01-10", terminationDate: "2026-03-31", terminationReportedOn: "2026-04-02" }]]) }),
  ],
  ["declarations", file("declarations", "ACME,2026-02,B001,100.00,2026-03-01", "ACME,2025-12,E001,100.00,2026-01-05", "ACME,2026-05,E002,100.00,2026-06-01")],
  ["collection", file("collection", "ACME,order,2026-04-01,2026-01;;2026-02,,,", "ACME,what,2026-04-01,2026-01,,,", "ACME,order,2026-04-01,2026-01,2026-03-01,,")],
  ["collection", file("collection", "ACME,installment,2026-04-01,2026-01,,,", "ACME,installment,2026-04-01,2026-01,,2026-05-01,0")],
  ["collection", file("collection", "ACME,guarantee,2026-04-01,2026-01;2026-02,,,", "ACME,guarantee,2026-05-01,2026-02,,,")],
  // The shared field ranges (issue 21): out-of-range dates, periods and amounts, control characters.
  ["payments", file("payments", "ACME,2026-03,2999-12-31,100.00,R1", "ACME,2999-12,2026-04-01,100.00,R2", "ACME,2026-03,2026-04-01,9999999999999.99,R3", "ACME,2026-03,2026-04-01,100.00,R\u202e4")],
];

function allImportErrors(): ImportError[] {
  const out: ImportError[] = [];
  for (const [kind, text, c] of BAD_FILES) {
    const r = validateImport(kind, text, c ?? ctx());
    if (!r.ok) out.push(...r.errors);
  }
  return out;
}

const t = (lng: string) => (key: string, params?: Record<string, string | number>) => translate(lng, key, params);

/** Words allowed in Chinese messages: column names, `last`, formats. */
const LATIN_OK = /^(base_cap|hire_date|applied_on|action_date|last|CSV|YYYY|MM|DD)$/;

function expectRendered(m: Msg) {
  const en = renderMsg(t("en"), m);
  const zh = renderMsg(t("zh-CN"), m);
  for (const text of [en, zh]) {
    expect(text, m.key).not.toMatch(/\{\{|problems\.|identityReasons\.|idTypes\.|statements\.|workflows\./);
  }
  expect(zh, m.key).not.toBe(en);
  return { en, zh };
}

describe("import errors in the reader's language", () => {
  const errors = allImportErrors();

  it("every import error code is produced by some bad file (and the English message stays the model's)", () => {
    const seen = new Set(errors.map((e) => e.code));
    expect([...Object.keys(i18nErrorsEn.import)].filter((c) => !seen.has(c as never)).sort()).toEqual([]);
    for (const e of errors) expect(e.message).not.toBe("");
  });

  it("every error renders in both languages, nested reasons included", () => {
    for (const e of errors) expectRendered(importErrorMsg(e));
  });

  it("a Chinese message keeps the values and translates the reason", () => {
    const e = errors.find((x) => x.code === "badIdNumber" && x.params?.value === "11010519491231002A")!;
    expect(renderMsg(t("zh-CN"), importErrorMsg(e))).toBe("“11010519491231002A”不是有效的居民身份证号码：前 17 位须为数字，末位为数字或 X");
    const rate = errors.find((x) => x.code === "badRate" && x.column === "pension_employer")!;
    expect(renderMsg(t("zh-CN"), importErrorMsg(rate))).toBe("“abc”既不是百分比（16%）也不是固定金额（¥3.00）");
    const zero = errors.find((x) => x.code === "employeeRateNotZero")!;
    expect(renderMsg(t("zh-CN"), importErrorMsg(zero))).toContain("工伤保险由用人单位缴纳");
  });

  it("every rate failure has a code", () => {
    for (const text of ["", "8%+", "¥1.234", "abc", "101%", "60%+50%"]) {
      const r = parseRate(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(translate("zh-CN", `problems.rate.${r.code}`, r.params)).not.toMatch(/problems|\{\{/);
    }
  });
});

describe("statement issue errors in the reader's language", () => {
  it("every code renders in both languages", () => {
    const params = { employeeNo: "E001", theirs: "ACME", employer: "BETA", code: "NOPE", period: "2026-03", date: "2026-03-31", version: 2, field: "period" };
    for (const code of Object.keys(i18nErrorsEn.statements)) expectRendered(statementErrorMsg({ code: code as never, params }));
  });
});

describe("the area catalogs", () => {
  it("have the same keys in both languages and no English sentence in Chinese", () => {
    expect(catalogKeys(i18nErrorsZhCN)).toEqual(catalogKeys(i18nErrorsEn));
    for (const key of catalogKeys(i18nErrorsZhCN)) {
      const zh = translate("zh-CN", `problems.${key}`).replace(/\{\{\w+\}\}/g, "");
      const words = zh.match(/[A-Za-z_]{3,}/g) ?? [];
      expect(words.filter((w) => !LATIN_OK.test(w)), key).toEqual([]);
    }
  });
});
