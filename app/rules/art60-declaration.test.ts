/**
 * Art. 60 declaration (SPEC §5): the month's declaration (NOT_DECLARED,
 * LATE_DECLARATION), each employee's line (EMPLOYEE_OMITTED,
 * EMPLOYEE_DECLARED_LATE), the declared base (BASE_UNDER_DECLARED), versions
 * and scope — driven through evaluate() with small inputs.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { declaration, employee, findingsAsOf, input, policy, termsPolicy } from "./test-fixtures";
import type { DeclarationVersion, EmployeeInput, EngineInput } from "./types";

const DECLARATION_RULES = new Set([
  "ART60_NOT_DECLARED",
  "ART60_LATE_DECLARATION",
  "ART60_EMPLOYEE_OMITTED",
  "ART60_EMPLOYEE_DECLARED_LATE",
  "ART60_BASE_UNDER_DECLARED",
]);

/** The declaration findings of one month as `RULE:employee:due:days:outstanding`. */
function declStory(inp: EngineInput, asOf: string, period = "2026-03"): string[] {
  return findingsAsOf(inp, asOf, { period })
    .filter((f) => DECLARATION_RULES.has(f.rule))
    .map((f) => `${f.rule}:${f.employeeNo ?? "-"}:${f.dueDate}:${f.days}:${f.outstanding ?? "-"}`);
}

// E001 ¥8,000.00 → required 281600; E002 ¥5,000.00 → employer 80000 + 40000 + 2500 + 1000,
// employee 40000 + 10000 + 2500: required 176000. Both long employed; March due 03-15.
const e001 = employee({ employeeNo: "E001", hireDate: "2025-06-01" });
const e002 = employee({ employeeNo: "E002", name: "Li Si", hireDate: "2025-06-01", wage: 500_000 });
const two = (...declarations: DeclarationVersion[]) => input({ employees: [e001, e002], declarations });
const one = (...declarations: DeclarationVersion[]) => input({ employees: [e001], declarations });
const d = (no: string, on: string, base?: number) => declaration("2026-03", no, base ?? (no === "E001" ? 800_000 : 500_000), on);

describe("the month's declaration: due on due(M)", () => {
  it.each<[string, DeclarationVersion[], string, string[]]>([
    ["nothing declared, as of the due day", [], "2026-03-15", []],
    ["nothing declared, the day after", [], "2026-03-16", ["ART60_NOT_DECLARED:-:2026-03-15:1:-"]],
    ["nothing declared, as of 03-31", [], "2026-03-31", ["ART60_NOT_DECLARED:-:2026-03-15:16:-"]],
    ["a line dated after D does not exist yet", [d("E001", "2026-03-20")], "2026-03-18", ["ART60_NOT_DECLARED:-:2026-03-15:3:-"]],
    ["declared on the due day", [d("E001", "2026-03-15")], "2026-03-31", []],
    ["declared before the month began", [d("E001", "2026-02-20")], "2026-03-31", []],
    ["declared the day after", [d("E001", "2026-03-16")], "2026-03-31", ["ART60_LATE_DECLARATION:-:2026-03-15:1:-"]],
    ["declared 5 days late, as of that day", [d("E001", "2026-03-20")], "2026-03-20", ["ART60_LATE_DECLARATION:-:2026-03-15:5:-"]],
  ])("%s", (_story, decls, asOf, expected) => {
    expect(declStory(one(...decls), asOf)).toEqual(expected);
  });

  it("NOT_DECLARED is an open breach of the month; LATE_DECLARATION a closed one", () => {
    expect(findingsAsOf(one(), "2026-03-16", { rule: "ART60_NOT_DECLARED", period: "2026-03" })[0]).toMatchObject({
      article: "60",
      severity: "breach",
      status: "open",
      employeeNo: null,
      employeeName: null,
      outstanding: null,
      lateFee: null,
      stage: null,
    });
    expect(findingsAsOf(one(d("E001", "2026-03-16")), "2026-03-31", { rule: "ART60_LATE_DECLARATION" })[0]).toMatchObject({
      article: "60",
      severity: "breach",
      status: "closed",
      period: "2026-03",
      employeeNo: null,
    });
  });
});

describe("each liable employee's line", () => {
  it.each<[string, DeclarationVersion[], string, string[]]>([
    ["E002 left out, as of the due day", [d("E001", "2026-03-10")], "2026-03-15", []],
    ["E002 left out, the day after: omitted, owing their required 176000", [d("E001", "2026-03-10")], "2026-03-16", ["ART60_EMPLOYEE_OMITTED:E002:2026-03-15:1:176000"]],
    ["E002 added 5 days after the due date: declared late (closed)", [d("E001", "2026-03-10"), d("E002", "2026-03-20")], "2026-03-31", ["ART60_EMPLOYEE_DECLARED_LATE:E002:2026-03-15:5:-"]],
    ["… which as of the day before was still omitted", [d("E001", "2026-03-10"), d("E002", "2026-03-20")], "2026-03-19", ["ART60_EMPLOYEE_OMITTED:E002:2026-03-15:4:176000"]],
    ["E002 added after the month's first line but on the due day: fine", [d("E001", "2026-03-10"), d("E002", "2026-03-15")], "2026-03-31", []],
    ["both declared late together: the month is late, nobody was left out", [d("E001", "2026-03-20"), d("E002", "2026-03-20")], "2026-03-31", ["ART60_LATE_DECLARATION:-:2026-03-15:5:-"]],
    [
      "both late, E002 later still",
      [d("E001", "2026-03-20"), d("E002", "2026-03-22")],
      "2026-03-31",
      // same status, severity, due date and period: the empty employee_no sorts first
      ["ART60_LATE_DECLARATION:-:2026-03-15:5:-", "ART60_EMPLOYEE_DECLARED_LATE:E002:2026-03-15:7:-"],
    ],
    ["nothing declared: the month is undeclared, nobody is 'omitted'", [], "2026-03-31", ["ART60_NOT_DECLARED:-:2026-03-15:16:-"]],
    ["the month's declaration date is its earliest line", [d("E002", "2026-03-14"), d("E001", "2026-03-16")], "2026-03-31", ["ART60_EMPLOYEE_DECLARED_LATE:E001:2026-03-15:1:-"]],
  ])("%s", (_story, decls, asOf, expected) => {
    expect(declStory(two(...decls), asOf)).toEqual(expected);
  });

  it("the employee-level findings name the employee", () => {
    const [f] = findingsAsOf(two(d("E001", "2026-03-10")), "2026-03-16", { rule: "ART60_EMPLOYEE_OMITTED" });
    expect(f).toMatchObject({ article: "60", severity: "breach", status: "open", period: "2026-03", employeeNo: "E002", employeeName: "Li Si", lateFee: null, stage: null });
  });
});

describe("a new employee's line is due with their registration deadline", () => {
  // E002 hired 2026-03-20 at ¥3,000.00 (floor: 140800): due(E002, 2026-03) = 04-19
  const newcomer = employee({ employeeNo: "E002", name: "Li Si", hireDate: "2026-03-20", wage: 300_000 });
  const withNew = (...declarations: DeclarationVersion[]) => input({ employees: [e001, newcomer], declarations });

  it.each<[string, DeclarationVersion[], string, string[]]>([
    ["no line for E002 yet, as of 04-19", [d("E001", "2026-03-10")], "2026-04-19", []],
    ["no line for E002, as of 04-20", [d("E001", "2026-03-10")], "2026-04-20", ["ART60_EMPLOYEE_OMITTED:E002:2026-04-19:1:140800"]],
    ["E002's line on 04-10: within the grace", [d("E001", "2026-03-10"), d("E002", "2026-04-10", 400_000)], "2026-04-30", []],
    ["E002's line on 04-20: one day late", [d("E001", "2026-03-10"), d("E002", "2026-04-20", 400_000)], "2026-04-30", ["ART60_EMPLOYEE_DECLARED_LATE:E002:2026-04-19:1:-"]],
    ["the month itself is due on 03-15 all the same", [], "2026-03-16", ["ART60_NOT_DECLARED:-:2026-03-15:1:-"]],
  ])("%s", (_story, decls, asOf, expected) => {
    expect(declStory(withNew(...decls), asOf)).toEqual(expected);
  });

  it("a month whose only liable employee is new is due with the registration deadline", () => {
    const inp = input({ employees: [newcomer] });
    expect(declStory(inp, "2026-04-19")).toEqual([]);
    expect(declStory(inp, "2026-04-20")).toEqual(["ART60_NOT_DECLARED:-:2026-04-19:1:-"]);
  });
});

describe("BASE_UNDER_DECLARED: the line's latest version against B(E,M)", () => {
  it.each<[string, EmployeeInput, number, string, string[]]>([
    // 799999: every item rounds to the same fen as on 800000 — the money difference is 0.00
    ["one fen under, before the due date: raised, 0 days, 0.00", e001, 799_999, "2026-03-10", ["ART60_BASE_UNDER_DECLARED:E001:2026-03-15:0:0"]],
    ["one fen under, on the due day: 0 days", e001, 799_999, "2026-03-15", ["ART60_BASE_UNDER_DECLARED:E001:2026-03-15:0:0"]],
    ["one fen under, 5 days after the due date", e001, 799_999, "2026-03-20", ["ART60_BASE_UNDER_DECLARED:E001:2026-03-15:5:0"]],
    ["exactly the base", e001, 800_000, "2026-03-20", []],
    ["above the base", e001, 800_001, "2026-03-20", []],
    // ¥5,000.00 declared: 176000 declared vs 281600 required
    ["¥5,000.00 for ¥8,000.00", e001, 500_000, "2026-03-20", ["ART60_BASE_UNDER_DECLARED:E001:2026-03-15:5:105600"]],
    // wage ¥3,000.00, B = floor 400000 (140800); declared 300000: the agency charges the floor (SPEC §9 example 2)
    ["the wage declared below the floor: charged on the floor, no finding", employee({ wage: 300_000, hireDate: "2025-06-01" }), 300_000, "2026-03-20", []],
    ["anything up to the floor for a low wage: no finding", employee({ wage: 300_000, hireDate: "2025-06-01" }), 1, "2026-03-20", []],
    // wage ¥4,500.00 declared ¥3,000.00: charged on the floor 400000 (140800) against 450000 (158400)
    ["a wage above the floor declared below it: short by the floor's distance", employee({ wage: 450_000, hireDate: "2025-06-01" }), 300_000, "2026-03-20", ["ART60_BASE_UNDER_DECLARED:E001:2026-03-15:5:17600"]],
    ["the floor declared for a low wage", employee({ wage: 300_000, hireDate: "2025-06-01" }), 400_000, "2026-03-20", []],
    ["a high wage declared at the cap", employee({ wage: 3_000_000, hireDate: "2025-06-01" }), 2_000_000, "2026-03-20", []],
    ["a high wage declared as it is, above the cap", employee({ wage: 3_000_000, hireDate: "2025-06-01" }), 3_000_000, "2026-03-20", []],
    ["a high wage declared a fen under the cap", employee({ wage: 3_000_000, hireDate: "2025-06-01" }), 1_999_999, "2026-03-20", ["ART60_BASE_UNDER_DECLARED:E001:2026-03-15:5:0"]],
  ])("%s", (_story, e, base, asOf, expected) => {
    const inp = input({ employees: [e], declarations: [declaration("2026-03", "E001", base, "2026-03-05")] });
    expect(declStory(inp, asOf)).toEqual(expected);
  });

  it("is an open breach naming the employee, without late fee or stage", () => {
    const [f] = findingsAsOf(one(d("E001", "2026-03-05", 799_999)), "2026-03-10", { rule: "ART60_BASE_UNDER_DECLARED" });
    expect(f).toMatchObject({ article: "60", severity: "breach", status: "open", employeeNo: "E001", employeeName: "Zhang San", outstanding: 0, lateFee: null, stage: null });
  });

  it("fixed terms count in the declared amount too", () => {
    // termsPolicy on 800000: employer 128000 + (60000 + 4000) + 4000 + 1600, employee 64000 + (16000 + 300) + 4000 = 281900.
    // Declared 0: the agency charges the floor 400000, fixed ¥3.00 included:
    // employer 64000 + (30000 + 2000) + 2000 + 800, employee 32000 + (8000 + 300) + 2000 = 141100 → 140800 short.
    const inp = input({ policies: [termsPolicy], employees: [e001], declarations: [d("E001", "2026-03-05", 0)] });
    expect(declStory(inp, "2026-03-10")).toEqual(["ART60_BASE_UNDER_DECLARED:E001:2026-03-15:0:140800"]);
  });

  it("a new employee's shortfall is due with their registration deadline", () => {
    // E002 hired 03-20 at ¥6,000.00 (211200); declared ¥5,000.00 (176000): 35200 short
    const newcomer = employee({ employeeNo: "E002", name: "Li Si", hireDate: "2026-03-20", wage: 600_000 });
    const inp = input({ employees: [e001, newcomer], declarations: [d("E001", "2026-03-10"), d("E002", "2026-03-25", 500_000)] });
    expect(declStory(inp, "2026-04-10")).toEqual(["ART60_BASE_UNDER_DECLARED:E002:2026-04-19:0:35200"]);
    expect(declStory(inp, "2026-04-30")).toEqual(["ART60_BASE_UNDER_DECLARED:E002:2026-04-19:11:35200"]);
  });
});

describe("declaration corrections are versions: a report as of an earlier date sees the old one", () => {
  const low = d("E001", "2026-03-05", 500_000);
  const corrected = d("E001", "2026-03-20", 800_000);

  it.each([
    ["2026-03-04", []],
    ["2026-03-05", ["ART60_BASE_UNDER_DECLARED:E001:2026-03-15:0:105600"]],
    ["2026-03-19", ["ART60_BASE_UNDER_DECLARED:E001:2026-03-15:4:105600"]],
    ["2026-03-20", []], // the correction, dated after the due date, is not a late declaration
    ["2026-12-31", []],
  ])("¥5,000.00 on 03-05, corrected to ¥8,000.00 on 03-20 — as of %s: %j", (asOf, expected) => {
    expect(declStory(one(corrected, low), asOf)).toEqual(expected);
  });

  it.each([
    ["2026-03-19", []],
    ["2026-03-20", ["ART60_BASE_UNDER_DECLARED:E001:2026-03-15:5:105600"]],
  ])("a correction downwards takes effect on its date — as of %s: %j", (asOf, expected) => {
    expect(declStory(one(d("E001", "2026-03-05", 800_000), d("E001", "2026-03-20", 500_000)), asOf)).toEqual(expected);
  });

  it("an employee's first-declared date is their earliest version", () => {
    // E002 first on 03-12 (on time), corrected 03-25: not declared late
    expect(declStory(two(d("E001", "2026-03-10"), d("E002", "2026-03-25"), d("E002", "2026-03-12", 400_000)), "2026-03-31")).toEqual([]);
  });
});

describe("scope: employees hired after D, leavers and months without a policy", () => {
  // E002 hired 2026-04-20; a line for E002 in April filed ahead on 04-10; nothing for E001 in April.
  const future = employee({ employeeNo: "E002", name: "Li Si", hireDate: "2026-04-20" });
  const ahead = declaration("2026-04", "E002", 800_000, "2026-04-10");

  it("a line filed ahead for someone hired after D makes the month declared; only employees in scope are named", () => {
    const inp = input({ employees: [e001, future], declarations: [ahead] });
    const fs = findingsAsOf(inp, "2026-04-16", { period: "2026-04" });
    expect(fs.map((f) => `${f.rule}:${f.employeeNo ?? "-"}:${f.days}:${f.outstanding ?? "-"}`)).toEqual([
      "ART60_UNPAID:-:1:281600", // E002 is not required yet
      "ART60_EMPLOYEE_OMITTED:E001:1:281600",
    ]);
  });

  it("without that line the month is simply undeclared", () => {
    const inp = input({ employees: [e001, future] });
    expect(declStory(inp, "2026-04-16", "2026-04")).toEqual(["ART60_NOT_DECLARED:-:2026-04-15:1:-"]);
  });

  it("a line filed ahead but after the due date sets a late declaration date", () => {
    const inp = input({ employees: [e001, future], declarations: [declaration("2026-04", "E002", 800_000, "2026-04-16")] });
    expect(declStory(inp, "2026-04-17", "2026-04")).toEqual(["ART60_EMPLOYEE_OMITTED:E001:2026-04-15:2:281600", "ART60_LATE_DECLARATION:-:2026-04-15:1:-"]);
  });

  it("another employer's lines do not declare this employer's month", () => {
    const inp = input({ employees: [e001], declarations: [declaration("2026-03", "E001", 800_000, "2026-03-01", "BETA")] });
    expect(declStory(inp, "2026-03-16")).toEqual(["ART60_NOT_DECLARED:-:2026-03-15:1:-"]);
  });

  it.each([
    ["2026-03-01", ["ART60_EMPLOYEE_OMITTED:E002:2026-03-15:1:176000"]], // termination inclusive: liable in March
    ["2026-02-28", []], // gone before March
  ])("E002 left on %s; E001 declared, E002 not: %j", (termination, expected) => {
    const leaver = { ...e002, terminationDate: termination };
    const inp = input({ employees: [e001, leaver], declarations: [d("E001", "2026-03-10")] });
    expect(declStory(inp, "2026-03-16")).toEqual(expected);
  });

  it("months with no policy in force are configuration problems, never evaluated", () => {
    const inp = input({ policies: [policy({ effectiveFrom: "2026-04" })], employees: [employee({ hireDate: "2026-01-05" })] });
    const ev = evaluate(inp, "2026-04-30");
    expect(ev.configProblems.map((c) => `${c.period}:${c.liableCount}`)).toEqual(["2026-01:1", "2026-02:1", "2026-03:1"]);
    expect(ev.findings.filter((f) => f.period !== null && f.period < "2026-04")).toEqual([]);
    expect(ev.months.map((m) => m.period)).toEqual(["2026-04"]);
    expect(declStory(inp, "2026-04-30", "2026-04")).toEqual(["ART60_NOT_DECLARED:-:2026-04-15:15:-"]);
  });

  it("a month with no liable employee is neither evaluated nor a configuration problem", () => {
    const inp = input({ policies: [], employees: [employee({ hireDate: "2026-01-05", terminationDate: "2026-01-31" })] });
    expect(evaluate(inp, "2026-03-31").configProblems.map((c) => c.period)).toEqual(["2026-01"]);
  });
});
