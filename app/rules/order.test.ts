/**
 * SPEC §7 report order: status (open, closed), severity (critical, breach,
 * warning), due_date, employer_code, period (empty first), employee_no, rule —
 * text compared by Unicode code point, empty first (`E10` before `E9`).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { compareCodePoints, compareFindings, mergeSorted } from "./order";
import { employee, finding, input } from "./test-fixtures";
import type { Finding } from "./types";

const sign = (n: number) => Math.sign(n);

describe("comparing text by Unicode code point", () => {
  it.each([
    ["E10", "E9", -1, "digits compare as characters: E10 before E9"],
    ["S10", "S9", -1, "S10 before S9"],
    ["", "A", -1, "empty first"],
    ["A", "", 1, "empty first (reversed)"],
    ["A", "A", 0, "equal"],
    ["a", "ab", -1, "a prefix first"],
    ["Z", "a", -1, "upper case before lower case"],
    ["张", "李", -1, "U+5F20 before U+674E"],
    ["\uE000", "\u{20000}", -1, "U+E000 before an astral character (UTF-16 order would say the opposite)"],
    ["\uFFFF", "\u{10000}", -1, "U+FFFF before U+10000"],
    ["\u{1F600}", "\uFF01", 1, "an emoji after a full-width character"],
    ["\u{10000}", "\u{10FFFF}", -1, "astral characters among themselves"],
    ["\uD7FF", "\u{10000}", -1, "the last BMP character below the surrogates"],
    ["x\u{20000}", "x\uE000", 1, "past a common prefix"],
  ])("%j vs %j → %i (%s)", (a, b, expected) => {
    expect(sign(compareCodePoints(a, b))).toBe(expected);
    expect(sign(compareCodePoints(b, a))).toBe(expected === 0 ? 0 : -expected);
  });
});

describe("the order of findings", () => {
  // Listed in the expected order; each differs from the previous one in the key named.
  const expected: [string, Finding][] = [
    ["open critical", finding({ status: "open", severity: "critical", dueDate: "2026-05-01" })],
    ["open breach, earlier due date", finding({ severity: "breach", dueDate: "2026-03-15", employerCode: "B9" })],
    ["same due date, employer B10 before B9", finding({ severity: "breach", dueDate: "2026-04-15", employerCode: "B10", period: null, employeeNo: "E1" })],
    ["employer B9", finding({ severity: "breach", dueDate: "2026-04-15", employerCode: "B9", period: null, employeeNo: "E1" })],
    ["same employer, a period after the empty one", finding({ severity: "breach", dueDate: "2026-04-15", employerCode: "B9", period: "2026-02" })],
    ["later period", finding({ severity: "breach", dueDate: "2026-04-15", employerCode: "B9", period: "2026-03", employeeNo: null })],
    ["same period, employee S10 after the empty one", finding({ severity: "breach", dueDate: "2026-04-15", employerCode: "B9", period: "2026-03", employeeNo: "S10", rule: "ART60_STATEMENT_MISSING" })],
    ["S9 after S10", finding({ severity: "breach", dueDate: "2026-04-15", employerCode: "B9", period: "2026-03", employeeNo: "S9", rule: "ART60_EMPLOYEE_OMITTED" })],
    ["same employee, rule by code point", finding({ severity: "breach", dueDate: "2026-04-15", employerCode: "B9", period: "2026-03", employeeNo: "S9", rule: "ART60_STATEMENT_MISSING" })],
    ["employee U+E000", finding({ severity: "breach", dueDate: "2026-04-15", employerCode: "B9", period: "2026-03", employeeNo: "\uE000" })],
    ["employee U+20000 after U+E000", finding({ severity: "breach", dueDate: "2026-04-15", employerCode: "B9", period: "2026-03", employeeNo: "\u{20000}" })],
    ["open warning", finding({ severity: "warning", dueDate: "2026-01-01" })],
    ["closed critical after every open finding", finding({ status: "closed", severity: "critical", dueDate: "2025-01-01" })],
    ["closed breach", finding({ status: "closed", severity: "breach", dueDate: "2025-01-01" })],
    ["closed warning", finding({ status: "closed", severity: "warning", dueDate: "2025-01-01" })],
  ];

  it.each(expected.slice(1).map((e, i) => [expected[i]![0], e[0], expected[i]![1], e[1]] as const))("%s before %s", (_a, _b, first, second) => {
    expect(compareFindings(first, second)).toBeLessThan(0);
    expect(compareFindings(second, first)).toBeGreaterThan(0);
  });

  it("sorting a shuffled list restores the order", () => {
    const list = expected.map((e) => e[1]);
    const shuffled = [list[7], list[2], list[14], list[0], list[11], list[5], list[9], list[1], list[13], list[3], list[10], list[6], list[12], list[4], list[8]] as Finding[];
    expect(shuffled.sort(compareFindings)).toEqual(list);
  });

  it("a finding equals itself", () => {
    expect(compareFindings(finding(), finding())).toBe(0);
  });
});

describe("evaluate() returns its findings in report order", () => {
  it("two unregistered employees with the same deadline: E10 before E9", () => {
    const inp = input({
      employees: [
        employee({ employeeNo: "E9", hireDate: "2026-01-10", appliedOn: null, registeredOn: null }),
        employee({ employeeNo: "E10", hireDate: "2026-01-10", appliedOn: null, registeredOn: null }),
      ],
    });
    const art58 = evaluate(inp, "2026-02-10").findings.filter((f) => f.rule === "ART58_UNREGISTERED");
    expect(art58.map((f) => f.employeeNo)).toEqual(["E10", "E9"]);
  });

  it("an astral employee number sorts after one from the private use area", () => {
    const inp = input({
      employees: [
        employee({ employeeNo: "\u{20001}", hireDate: "2026-01-10", appliedOn: null, registeredOn: null }),
        employee({ employeeNo: "\uE001", hireDate: "2026-01-10", appliedOn: null, registeredOn: null }),
      ],
    });
    expect(evaluate(inp, "2026-02-10").findings.filter((f) => f.rule === "ART58_UNREGISTERED").map((f) => f.employeeNo)).toEqual(["\uE001", "\u{20001}"]);
  });

  it("every evaluation is sorted", () => {
    const inp = input({
      employees: [employee({ employeeNo: "E1", hireDate: "2026-01-10", appliedOn: null, registeredOn: null }), employee({ employeeNo: "E2", hireDate: "2026-02-20" })],
    });
    const fs = evaluate(inp, "2026-05-20").findings;
    expect(fs.length).toBeGreaterThan(5);
    for (let i = 1; i < fs.length; i++) expect(compareFindings(fs[i - 1]!, fs[i]!)).toBeLessThanOrEqual(0);
  });
});

describe("mergeSorted", () => {
  // Items with a key that ties often and a tag that tells tied items apart.
  const item = fc.record({ key: fc.integer({ min: 0, max: 5 }), tag: fc.string({ maxLength: 3 }) });
  const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
  it("gives what a stable sort of the lists' concatenation gives, ties in list order (both the merge and the binary-search path)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(item, { maxLength: 60 }), { maxLength: 6 }), (raw) => {
        const lists = raw.map((l) => [...l].sort(byKey));
        expect(mergeSorted(lists, byKey)).toEqual(lists.flat().sort(byKey));
      }),
    );
    // A few into many: the binary-search path, with ties on both sides.
    const many = Array.from({ length: 200 }, (_, i) => ({ key: Math.floor(i / 40), tag: `a${i}` }));
    const few = [{ key: 0, tag: "b0" }, { key: 2, tag: "b1" }, { key: 4, tag: "b2" }, { key: 9, tag: "b3" }];
    expect(mergeSorted([many, few], byKey)).toEqual([...many, ...few].sort(byKey));
    expect(mergeSorted([few, many], byKey)).toEqual([...few, ...many].sort(byKey));
  });
});
