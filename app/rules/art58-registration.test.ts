/**
 * Art. 58: the employer applies for a new employee's social-insurance
 * registration within 30 days from employment. SPEC §5 ART58_* rules and §9
 * example 5, driven through evaluate().
 */
import { describe, expect, it } from "vitest";
import { applicationDate, registrationFinding } from "./art58-registration";
import { evaluate } from "./evaluate";
import { employee, findingsAsOf, input, policy } from "./test-fixtures";
import type { EmployeeInput, EngineInput } from "./types";

/** Example 5: hired 2026-01-10, registration deadline 2026-02-09. */
function hiredJan10(reg: Partial<EmployeeInput> = {}): EngineInput {
  return input({ employees: [employee({ hireDate: "2026-01-10", appliedOn: null, registeredOn: null, ...reg })] });
}

const art58 = (inp: EngineInput, asOf: string) => findingsAsOf(inp, asOf, { period: null }).filter((f) => f.rule.startsWith("ART58_"));

describe("SPEC §9 example 5: hired 2026-01-10, not registered — deadline 2026-02-09", () => {
  it.each([
    ["2026-01-10", []],
    ["2026-02-01", []], // 8 days left: not yet "soon"
    ["2026-02-02", ["ART58_REGISTRATION_DUE_SOON:7"]],
    ["2026-02-05", ["ART58_REGISTRATION_DUE_SOON:4"]],
    ["2026-02-09", ["ART58_REGISTRATION_DUE_SOON:0"]], // the deadline day itself
    ["2026-02-10", ["ART58_UNREGISTERED:1"]], // the day after
    ["2026-03-01", ["ART58_UNREGISTERED:20"]],
  ])("as of %s: %j", (asOf, expected) => {
    const fs = art58(hiredJan10(), asOf);
    expect(fs.map((f) => `${f.rule}:${f.days}`)).toEqual(expected);
    for (const f of fs) expect(f.dueDate).toBe("2026-02-09");
  });

  it("due soon is an open warning naming the employee, with no period, amounts or stage", () => {
    expect(art58(hiredJan10(), "2026-02-02")).toEqual([
      expect.objectContaining({
        rule: "ART58_REGISTRATION_DUE_SOON",
        article: "58",
        severity: "warning",
        status: "open",
        employerCode: "ACME",
        period: null,
        employeeNo: "E001",
        employeeName: "Zhang San",
        dueDate: "2026-02-09",
        days: 7,
        outstanding: null,
        lateFee: null,
        stage: null,
      }),
    ]);
  });

  it("unregistered is an open breach with the art. 84 exposure: 1–3 × the premiums payable for the liable months to D", () => {
    // liable Jan, Feb, Mar 2026 at ¥8,000.00: 3 × 281600
    const [f] = art58(hiredJan10(), "2026-03-10");
    expect(f).toMatchObject({ rule: "ART58_UNREGISTERED", article: "58", severity: "breach", status: "open", days: 29, period: null, outstanding: null });
    expect(f!.exposure).toEqual({ article: "84", fineMin: 844_800, fineMax: 2_534_400, managerFineMin: 50_000, managerFineMax: 300_000 });
  });

  it("applied 2026-02-12 (registered by the agency 2026-02-20), as of 2026-03-01: late registration, 3 days, closed", () => {
    const fs = art58(hiredJan10({ appliedOn: "2026-02-12", registeredOn: "2026-02-20" }), "2026-03-01");
    expect(fs).toEqual([
      expect.objectContaining({ rule: "ART58_LATE_REGISTRATION", article: "58", severity: "breach", status: "closed", dueDate: "2026-02-09", days: 3, exposure: null }),
    ]);
  });
});

describe("the application date is applied_on, or registered_on where applied_on is empty", () => {
  it.each<[string, string | null, string | null, string, string[]]>([
    ["applied on the deadline", "2026-02-09", null, "2026-03-01", []],
    ["applied the day after the deadline", "2026-02-10", null, "2026-03-01", ["ART58_LATE_REGISTRATION:1"]],
    ["applied on time, registered by the agency much later", "2026-02-01", "2026-03-20", "2026-04-01", []],
    ["only registered_on, late", null, "2026-02-12", "2026-03-01", ["ART58_LATE_REGISTRATION:3"]],
    ["only registered_on, on time", null, "2026-02-09", "2026-03-01", []],
    ["applied before the hire (filed ahead)", "2026-01-02", null, "2026-03-01", []],
    ["an application dated after D does not exist yet", "2026-02-12", null, "2026-02-11", ["ART58_UNREGISTERED:2"]],
    ["… nor before the deadline", "2026-02-05", null, "2026-02-04", ["ART58_REGISTRATION_DUE_SOON:5"]],
    ["an application on D counts", "2026-02-12", null, "2026-02-12", ["ART58_LATE_REGISTRATION:3"]],
  ])("%s", (_story, appliedOn, registeredOn, asOf, expected) => {
    expect(art58(hiredJan10({ appliedOn, registeredOn }), asOf).map((f) => `${f.rule}:${f.days}`)).toEqual(expected);
  });

  it.each<[string | null, string | null, string, string | null]>([
    ["2026-02-12", "2026-02-20", "2026-03-01", "2026-02-12"],
    [null, "2026-02-20", "2026-03-01", "2026-02-20"],
    [null, "2026-02-20", "2026-02-19", null],
    [null, null, "2026-03-01", null],
  ])("applied %s, registered %s, as of %s → %s", (a, r, asOf, out) => {
    expect(applicationDate(a, r, asOf)).toBe(out);
  });
});

describe("deadlines across month ends and holidays", () => {
  it.each([
    ["2026-03-02", ["ART58_REGISTRATION_DUE_SOON:0"]],
    ["2026-03-03", ["ART58_UNREGISTERED:1"]],
    ["2026-02-28", ["ART58_REGISTRATION_DUE_SOON:2"]],
  ])("hired 2026-01-31 (deadline 2026-03-02), as of %s: %j", (asOf, expected) => {
    const inp = input({ employees: [employee({ hireDate: "2026-01-31", appliedOn: null, registeredOn: null })] });
    expect(art58(inp, asOf).map((f) => `${f.rule}:${f.days}`)).toEqual(expected);
  });

  it.each([
    ["2026-10-01", ["ART58_REGISTRATION_DUE_SOON:7"]],
    ["2026-10-08", ["ART58_REGISTRATION_DUE_SOON:0"]],
    ["2026-10-09", ["ART58_UNREGISTERED:1"]],
  ])("hired 2026-09-01, hire + 30 falls on National Day → deadline 2026-10-08; as of %s: %j", (asOf, expected) => {
    const week = ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"];
    const inp = input({
      nonWorkingDays: { "sample-city": week },
      employees: [employee({ hireDate: "2026-09-01", appliedOn: null, registeredOn: null })],
    });
    const fs = art58(inp, asOf);
    expect(fs.map((f) => `${f.rule}:${f.days}`)).toEqual(expected);
    expect(fs[0]!.dueDate).toBe("2026-10-08");
  });

  it("the region's own calendar applies: another region's holidays do not move the deadline", () => {
    const inp = input({
      nonWorkingDays: { elsewhere: ["2026-02-09"] },
      employees: [employee({ hireDate: "2026-01-10", appliedOn: null, registeredOn: null })],
    });
    expect(art58(inp, "2026-02-10").map((f) => f.rule)).toEqual(["ART58_UNREGISTERED"]);
  });
});

describe("who is in scope", () => {
  it("an employee hired after D does not exist yet", () => {
    const inp = input({ employees: [employee({ hireDate: "2026-02-10", appliedOn: null, registeredOn: null })] });
    expect(evaluate(inp, "2026-02-09").findings).toEqual([]);
    expect(art58(inp, "2026-02-10").map((f) => f.rule)).toEqual([]); // deadline 03-12, 30 days left
  });

  it("ART58_UNREGISTERED stays open after the employee leaves: the registration is owed for the months worked", () => {
    const inp = input({
      employees: [employee({ hireDate: "2026-01-10", terminationDate: "2026-01-20", appliedOn: null, registeredOn: null })],
    });
    const [f] = art58(inp, "2026-06-01");
    expect(f).toMatchObject({ rule: "ART58_UNREGISTERED", status: "open", dueDate: "2026-02-09", days: 112 });
    // liable only in January: 1 × 281600
    expect(f!.exposure).toMatchObject({ fineMin: 281_600, fineMax: 844_800 });
  });

  it("ART58 rules do not depend on policies: a region without any policy still gets them", () => {
    const inp = input({ policies: [policy({ region: "other-city" })], employees: [employee({ hireDate: "2026-01-10", appliedOn: null, registeredOn: null })] });
    const ev = evaluate(inp, "2026-02-10");
    expect(ev.findings.map((f) => `${f.rule}:${f.days}`)).toEqual(["ART58_UNREGISTERED:1"]);
    expect(ev.findings[0]!.exposure).toMatchObject({ fineMin: 0, fineMax: 0 });
    expect(ev.configProblems.map((c) => c.period)).toEqual(["2026-01", "2026-02"]);
  });

  it("each employee is judged on their own hire date", () => {
    const inp = input({
      employees: [
        employee({ employeeNo: "E001", hireDate: "2026-01-10", appliedOn: null, registeredOn: null }),
        employee({ employeeNo: "E002", name: "Li Si", hireDate: "2026-01-20", appliedOn: null, registeredOn: null }),
        employee({ employeeNo: "E003", name: "Wang Wu", hireDate: "2026-01-05" }),
      ],
    });
    expect(art58(inp, "2026-02-12").map((f) => `${f.employeeNo}:${f.rule}:${f.dueDate}:${f.days}`)).toEqual([
      "E001:ART58_UNREGISTERED:2026-02-09:3",
      "E002:ART58_REGISTRATION_DUE_SOON:2026-02-19:7",
    ]);
  });
});

describe("registrationFinding on its own", () => {
  const subject = { employerCode: "ACME", employeeNo: "E9", name: "Zhao Liu", appliedOn: null, registeredOn: null };
  it.each([
    ["2026-02-01", null],
    ["2026-02-02", "ART58_REGISTRATION_DUE_SOON:7"],
    ["2026-02-09", "ART58_REGISTRATION_DUE_SOON:0"],
    ["2026-02-10", "ART58_UNREGISTERED:1"],
  ])("deadline 2026-02-09, as of %s → %s", (asOf, expected) => {
    const f = registrationFinding(subject, "2026-02-09", asOf, 100);
    expect(f === null ? null : `${f.rule}:${f.days}`).toBe(expected);
  });

  it("the exposure uses the premiums payable passed in", () => {
    expect(registrationFinding(subject, "2026-02-09", "2026-02-10", 12_345)!.exposure).toEqual({
      article: "84",
      fineMin: 12_345,
      fineMax: 37_035,
      managerFineMin: 50_000,
      managerFineMax: 300_000,
    });
  });
});
