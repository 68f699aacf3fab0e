/**
 * Art. 60 "inform monthly" (SPEC §4, §5): a statement for each liable employee
 * and month by the last day of M+1 (rolled past non-working days);
 * STATEMENT_MISSING while none, STATEMENT_LATE when the first version came late.
 */
import { describe, expect, it } from "vitest";
import { employee, findingsAsOf, input, statement } from "./test-fixtures";
import type { EngineInput, StatementIssue } from "./types";

function stmtStory(inp: EngineInput, asOf: string, period = "2026-01"): string[] {
  return findingsAsOf(inp, asOf, { period })
    .filter((f) => f.rule === "ART60_STATEMENT_MISSING" || f.rule === "ART60_STATEMENT_LATE")
    .map((f) => `${f.rule}:${f.employeeNo}:${f.dueDate}:${f.days}`);
}

const e001 = employee({ employeeNo: "E001", hireDate: "2025-06-01" });
const withStatements = (...statements: StatementIssue[]) => input({ employees: [e001], statements });

describe("January 2026: the statement is due by 2026-02-28", () => {
  it.each<[string, StatementIssue[], string, string[]]>([
    ["none, as of the deadline", [], "2026-02-28", []],
    ["none, the day after", [], "2026-03-01", ["ART60_STATEMENT_MISSING:E001:2026-02-28:1"]],
    ["none, a month later", [], "2026-03-31", ["ART60_STATEMENT_MISSING:E001:2026-02-28:31"]],
    ["issued on the deadline", [statement("E001", "2026-01", "2026-02-28")], "2026-03-31", []],
    ["issued within the month itself", [statement("E001", "2026-01", "2026-01-31")], "2026-03-31", []],
    ["issued the day after the deadline", [statement("E001", "2026-01", "2026-03-01")], "2026-03-31", ["ART60_STATEMENT_LATE:E001:2026-02-28:1"]],
    ["issued after D: does not exist yet", [statement("E001", "2026-01", "2026-03-10")], "2026-03-05", ["ART60_STATEMENT_MISSING:E001:2026-02-28:5"]],
    ["issued on D", [statement("E001", "2026-01", "2026-03-05")], "2026-03-05", ["ART60_STATEMENT_LATE:E001:2026-02-28:5"]],
    // the first version counts; a correction does not change it
    ["late, then corrected", [statement("E001", "2026-01", "2026-03-05"), statement("E001", "2026-01", "2026-03-10")], "2026-03-31", ["ART60_STATEMENT_LATE:E001:2026-02-28:5"]],
    ["on time, then corrected late", [statement("E001", "2026-01", "2026-03-10"), statement("E001", "2026-01", "2026-02-10")], "2026-03-31", []],
    ["a statement for another month does not count", [statement("E001", "2026-02", "2026-02-10")], "2026-03-01", ["ART60_STATEMENT_MISSING:E001:2026-02-28:1"]],
    ["a statement for another employee does not count", [statement("E002", "2026-01", "2026-02-10")], "2026-03-01", ["ART60_STATEMENT_MISSING:E001:2026-02-28:1"]],
  ])("%s", (_story, statements, asOf, expected) => {
    expect(stmtStory(withStatements(...statements), asOf)).toEqual(expected);
  });

  it("MISSING is an open breach naming the employee; LATE a closed one", () => {
    const [missing] = findingsAsOf(withStatements(), "2026-03-01", { rule: "ART60_STATEMENT_MISSING", period: "2026-01" });
    expect(missing).toMatchObject({ article: "60", severity: "breach", status: "open", employeeNo: "E001", employeeName: "Zhang San", outstanding: null, lateFee: null, stage: null });
    const [late] = findingsAsOf(withStatements(statement("E001", "2026-01", "2026-03-01")), "2026-03-31", { rule: "ART60_STATEMENT_LATE" });
    expect(late).toMatchObject({ article: "60", severity: "breach", status: "closed", period: "2026-01", employeeNo: "E001" });
  });
});

describe("the deadline is the last day of M+1, then the roll", () => {
  it.each([
    ["2024-01", "2024-02-29", "2024-03-01"], // leap February
    ["2026-02", "2026-03-31", "2026-04-01"],
    ["2026-03", "2026-04-30", "2026-05-01"],
    ["2025-12", "2026-01-31", "2026-02-01"], // across the year end
  ])("for %s the deadline is %s; missing from %s", (period, deadline, dayAfter) => {
    const inp = input({ employees: [employee({ hireDate: "2023-06-01" })] });
    expect(stmtStory(inp, deadline, period)).toEqual([]);
    expect(stmtStory(inp, dayAfter, period)).toEqual([`ART60_STATEMENT_MISSING:E001:${deadline}:1`]);
  });

  it("a deadline on a holiday run across the year end moves to the first working day after it", () => {
    // November 2026: last day of December is 12-31; 12-31 … 01-03 are non-working → 2027-01-04
    const inp = input({
      nonWorkingDays: { "sample-city": ["2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"] },
      employees: [employee({ hireDate: "2026-10-01" })],
    });
    expect(stmtStory(inp, "2027-01-04", "2026-11")).toEqual([]);
    expect(stmtStory(inp, "2027-01-05", "2026-11")).toEqual(["ART60_STATEMENT_MISSING:E001:2027-01-04:1"]);
    expect(stmtStory(input({ ...inp, statements: [statement("E001", "2026-11", "2027-01-04")] }), "2027-01-31", "2026-11")).toEqual([]);
    expect(stmtStory(input({ ...inp, statements: [statement("E001", "2026-11", "2027-01-05")] }), "2027-01-31", "2026-11")).toEqual([
      "ART60_STATEMENT_LATE:E001:2027-01-04:1",
    ]);
  });
});

describe("only liable employees are owed a statement", () => {
  it.each([
    ["left 2026-01-01 (employed one day of January)", "2026-01-01", ["ART60_STATEMENT_MISSING:E001:2026-02-28:1"]],
    ["left 2025-12-31", "2025-12-31", []],
  ])("%s", (_story, termination, expected) => {
    const inp = input({ employees: [employee({ hireDate: "2025-06-01", terminationDate: termination })] });
    expect(stmtStory(inp, "2026-03-01")).toEqual(expected);
  });

  it("someone hired on the last day of January is owed January's statement", () => {
    const inp = input({ employees: [employee({ hireDate: "2026-01-31" })] });
    expect(stmtStory(inp, "2026-03-01")).toEqual(["ART60_STATEMENT_MISSING:E001:2026-02-28:1"]);
  });

  it("each employee separately", () => {
    const inp = input({
      employees: [e001, employee({ employeeNo: "E002", name: "Li Si", hireDate: "2025-06-01" })],
      statements: [statement("E002", "2026-01", "2026-02-10")],
    });
    expect(stmtStory(inp, "2026-03-01")).toEqual(["ART60_STATEMENT_MISSING:E001:2026-02-28:1"]);
  });
});
