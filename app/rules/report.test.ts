/**
 * SPEC §7 CSV reports: the findings report and the overdue report — UTF-8 with
 * a byte-order mark, CRLF, RFC 4180 quoting, the formula prefix ' for cells
 * beginning with = + - @ tab CR, amounts in yuan with two decimals, and the
 * columns each rule fills (§5).
 */
import { describe, expect, it } from "vitest";
import { parseCsvRecords } from "~/shared/csv";
import { evaluate } from "./evaluate";
import { csvCell, findingCells, humanHeaderZh, reportChunks, reportCsv } from "./report";
import { EVERY_RULE_AS_OF, everyRuleInput, finding, input, payment } from "./test-fixtures";
import { RULES, type Finding, type RuleCode } from "./types";

const FINDINGS_HEADER = "rule,article,severity,status,employer_code,period,employee_no,employee_name,due_date,days,outstanding,late_fee,stage,detail";
const OVERDUE_HEADER = "rule,article,severity,employer_code,period,employee_no,employee_name,due_date,days,outstanding,late_fee,stage,detail";

describe("one cell", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["王五", "王五"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["carriage\rreturn", '"carriage\rreturn"'],
    ["crlf\r\ninside", '"crlf\r\ninside"'],
    ['"', '""""'],
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+8613800000000", "'+8613800000000"],
    ["-5", "'-5"],
    ["@cmd", "'@cmd"],
    ["\tTAB", "'\tTAB"], // a tab alone needs no quotes
    ["\rCR", "\"'\rCR\""], // prefixed, then quoted for the CR
    ["=a,b", "\"'=a,b\""], // prefixed, then quoted for the comma
    ['=HYPERLINK("x")', "\"'=HYPERLINK(\"\"x\"\")\""],
    ["a=b", "a=b"], // only the first character matters
    [" =x", " =x"],
    ["\n=x", '"\n=x"'], // LF is not a formula lead: quoted only
    ["'quoted", "'quoted"],
    ["60;63", "60;63"],
  ])("%j → %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

const unpaid = finding({ detail: "¥816.00 unpaid, since 2026-03-15" });
const unregistered = finding({
  rule: "ART58_UNREGISTERED",
  article: "58",
  period: null,
  employeeNo: "E002",
  employeeName: '=Li "Si"',
  dueDate: "2026-02-09",
  days: 60,
  outstanding: null,
  lateFee: null,
  stage: null,
  detail: "-60 days",
});
const latePaid = finding({ rule: "ART60_LATE_PAYMENT", article: "60", status: "closed", outstanding: null, lateFee: 1_197, stage: null, dueDate: "2026-04-19", days: 17, detail: "paid late" });
const dueSoon = finding({ rule: "ART60_PAYMENT_DUE_SOON", article: "60", severity: "warning", outstanding: null, lateFee: null, stage: null, dueDate: "2026-04-19", days: 5, detail: "soon" });
const expired = finding({ rule: "ART63_ORDER_EXPIRED", article: "63;86", severity: "critical", dueDate: "2026-04-15", days: 1, outstanding: 5, lateFee: null, stage: "order_expired", detail: "@expired" });

describe("the findings report, byte for byte", () => {
  const csv = reportCsv("findings", [expired, unpaid, unregistered, latePaid, dueSoon]);

  it("BOM, header, one CRLF-terminated line per finding", () => {
    expect(csv).toBe(
      "\uFEFF" +
        FINDINGS_HEADER + "\r\n" +
        "ART63_ORDER_EXPIRED,63;86,critical,open,ACME,2026-03,,,2026-04-15,1,0.05,,order_expired,'@expired\r\n" +
        'ART60_UNPAID,60;63,breach,open,ACME,2026-03,,,2026-03-15,16,816.00,9.03,overdue,"¥816.00 unpaid, since 2026-03-15"\r\n' +
        "ART58_UNREGISTERED,58,breach,open,ACME,,E002,\"'=Li \"\"Si\"\"\",2026-02-09,60,,,,'-60 days\r\n" +
        "ART60_LATE_PAYMENT,60,breach,closed,ACME,2026-03,,,2026-04-19,17,,11.97,,paid late\r\n" +
        "ART60_PAYMENT_DUE_SOON,60,warning,open,ACME,2026-03,,,2026-04-19,5,,,,soon\r\n",
    );
  });

  it("is UTF-8 with the byte-order mark EF BB BF", () => {
    const bytes = Buffer.from(csv, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.indexOf("\uFEFF", 1)).toBe(-1);
  });

  it("an empty report is the BOM and the header", () => {
    expect(reportCsv("findings", [])).toBe(`\uFEFF${FINDINGS_HEADER}\r\n`);
    expect(reportCsv("overdue", [])).toBe(`\uFEFF${OVERDUE_HEADER}\r\n`);
  });

  it("a human-readable header may come before the machine header", () => {
    const out = reportCsv("findings", [], { humanHeader: ["规则", "条款", "=x"] });
    expect(out).toBe(`\uFEFF规则,条款,'=x\r\n${FINDINGS_HEADER}\r\n`);
  });

  it("the shared Chinese header (CLI --human-header, web header=zh) has one label per machine column", () => {
    expect(humanHeaderZh("findings").join(",")).toBe("规则,条款,严重程度,状态,用人单位,所属期,职工编号,职工姓名,期限,天数,欠缴金额,滞纳金,阶段,说明");
    expect(humanHeaderZh("overdue")).toEqual(humanHeaderZh("findings").filter((l) => l !== "状态"));
    const out = reportCsv("overdue", [], { humanHeader: humanHeaderZh("overdue") });
    expect(out).toBe(`\uFEFF${humanHeaderZh("overdue").join(",")}\r\n${OVERDUE_HEADER}\r\n`);
  });
});

describe("the overdue report: open critical and breach findings, without `status`", () => {
  const all = [expired, unpaid, unregistered, latePaid, dueSoon];

  it("drops closed findings and warnings", () => {
    expect(reportCsv("overdue", all)).toBe(
      "\uFEFF" +
        OVERDUE_HEADER + "\r\n" +
        "ART63_ORDER_EXPIRED,63;86,critical,ACME,2026-03,,,2026-04-15,1,0.05,,order_expired,'@expired\r\n" +
        'ART60_UNPAID,60;63,breach,ACME,2026-03,,,2026-03-15,16,816.00,9.03,overdue,"¥816.00 unpaid, since 2026-03-15"\r\n' +
        "ART58_UNREGISTERED,58,breach,ACME,,E002,\"'=Li \"\"Si\"\"\",2026-02-09,60,,,,'-60 days\r\n",
    );
  });

  it("includes the open warnings on request, never the closed findings", () => {
    const lines = reportCsv("overdue", all, { warnings: true }).split("\r\n");
    expect(lines.map((l) => l.split(",")[0])).toEqual(["\uFEFFrule", "ART63_ORDER_EXPIRED", "ART60_UNPAID", "ART58_UNREGISTERED", "ART60_PAYMENT_DUE_SOON", ""]);
  });
});

describe("amounts in yuan with exactly two decimals, days as integers", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [50, "0.50"],
    [903, "9.03"],
    [81_600, "816.00"],
    [100_000_000, "1000000.00"],
  ])("%i fen → %s", (fen, text) => {
    const cells = findingCells(finding({ outstanding: fen, lateFee: fen, days: 0 }));
    expect([cells.outstanding, cells.late_fee, cells.days]).toEqual([text, text, "0"]);
  });

  it("an under-declared base with no money difference shows 0.00, not an empty cell", () => {
    const cells = findingCells(finding({ rule: "ART60_BASE_UNDER_DECLARED", outstanding: 0, lateFee: null, stage: null }));
    expect([cells.outstanding, cells.late_fee, cells.stage]).toEqual(["0.00", "", ""]);
  });
});

describe("SPEC §9 example 6 as a report row", () => {
  it("ART60_UNPAID 2026-03: 16 days, 816.00 outstanding, 9.03 late fee, stage overdue", () => {
    const inp = input({ payments: [payment("2026-03", "2026-03-10", 100_000), payment("2026-03", "2026-03-20", 100_000), payment("2026-01", "2026-01-10", 281_600), payment("2026-02", "2026-02-10", 281_600)] });
    const records = parseCsvRecords(reportCsv("findings", evaluate(inp, "2026-03-31").findings));
    expect(records[0]).toEqual(FINDINGS_HEADER.split(","));
    const row = records.find((r) => r[0] === "ART60_UNPAID" && r[5] === "2026-03")!;
    expect(row.slice(0, 13)).toEqual(["ART60_UNPAID", "60;63", "breach", "open", "ACME", "2026-03", "", "", "2026-03-15", "16", "816.00", "9.03", "overdue"]);
  });
});

describe("which columns each rule fills (SPEC §5); every other cell is empty", () => {
  const withPeriod = (r: RuleCode) => !r.startsWith("ART58_") && !r.startsWith("ART50_");
  const withEmployee = new Set<RuleCode>([
    ...RULES.filter((r) => !withPeriod(r)), // art. 58 and art. 50: every one names its employee
    "ART60_EMPLOYEE_OMITTED",
    "ART60_EMPLOYEE_DECLARED_LATE",
    "ART60_BASE_UNDER_DECLARED",
    "ART60_STATEMENT_MISSING",
    "ART60_STATEMENT_LATE",
  ]);
  const withOutstanding = new Set<RuleCode>([
    "ART60_EMPLOYEE_OMITTED",
    "ART60_BASE_UNDER_DECLARED",
    "ART60_UNPAID",
    "ART63_ORDERED",
    "ART63_ORDER_EXPIRED",
    "ART63_COURT_ENFORCEMENT",
    "ART63_INSTALLMENT_MISSED",
  ]);
  const withLateFee = new Set<RuleCode>(["ART60_UNPAID", "ART60_LATE_PAYMENT"]);
  const withStage = new Set<RuleCode>(["ART60_UNPAID", "ART63_ORDERED", "ART63_ORDER_EXPIRED", "ART63_COURT_ENFORCEMENT"]);
  const articles: Record<RuleCode, string> = {
    ART58_REGISTRATION_DUE_SOON: "58",
    ART58_UNREGISTERED: "58",
    ART58_LATE_REGISTRATION: "58",
    ART50_TERMINATION_REPORT_DUE_SOON: "50",
    ART50_TERMINATION_UNREPORTED: "50",
    ART50_TERMINATION_REPORTED_LATE: "50",
    ART60_PAYMENT_DUE_SOON: "60",
    ART60_NOT_DECLARED: "60",
    ART60_LATE_DECLARATION: "60",
    ART60_EMPLOYEE_OMITTED: "60",
    ART60_EMPLOYEE_DECLARED_LATE: "60",
    ART60_BASE_UNDER_DECLARED: "60",
    ART60_UNPAID: "60;63",
    ART60_LATE_PAYMENT: "60",
    ART60_STATEMENT_MISSING: "60",
    ART60_STATEMENT_LATE: "60",
    ART63_ORDERED: "63",
    ART63_ORDER_EXPIRED: "63;86",
    ART63_INSTALLMENT_MISSED: "63",
    ART63_COURT_ENFORCEMENT: "63",
  };
  const severities: Record<RuleCode, string> = {
    ART58_REGISTRATION_DUE_SOON: "warning/open",
    ART58_UNREGISTERED: "breach/open",
    ART58_LATE_REGISTRATION: "breach/closed",
    ART50_TERMINATION_REPORT_DUE_SOON: "warning/open",
    ART50_TERMINATION_UNREPORTED: "breach/open",
    ART50_TERMINATION_REPORTED_LATE: "breach/closed",
    ART60_PAYMENT_DUE_SOON: "warning/open",
    ART60_NOT_DECLARED: "breach/open",
    ART60_LATE_DECLARATION: "breach/closed",
    ART60_EMPLOYEE_OMITTED: "breach/open",
    ART60_EMPLOYEE_DECLARED_LATE: "breach/closed",
    ART60_BASE_UNDER_DECLARED: "breach/open",
    ART60_UNPAID: "breach/open",
    ART60_LATE_PAYMENT: "breach/closed",
    ART60_STATEMENT_MISSING: "breach/open",
    ART60_STATEMENT_LATE: "breach/closed",
    ART63_ORDERED: "breach/open",
    ART63_ORDER_EXPIRED: "critical/open",
    ART63_INSTALLMENT_MISSED: "critical/open",
    ART63_COURT_ENFORCEMENT: "critical/open",
  };

  const findings = evaluate(everyRuleInput(), EVERY_RULE_AS_OF).findings;
  const records = parseCsvRecords(reportCsv("findings", findings));
  const header = records[0]!;
  const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])));

  it("the scenario breaks all 20 rules", () => {
    expect(new Set(findings.map((f) => f.rule)).size).toBe(20);
    expect(rows.length).toBe(findings.length);
  });

  it.each(Object.keys(articles) as RuleCode[])("%s", (rule) => {
    const mine = rows.filter((r) => r.rule === rule);
    expect(mine.length).toBeGreaterThan(0);
    for (const r of mine) {
      expect(r.article).toBe(articles[rule]);
      expect(`${r.severity}/${r.status}`).toBe(severities[rule]);
      expect(r.employer_code).toBe("ACME");
      expect(r.due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.days).toMatch(/^\d+$/);
      expect(r.detail).not.toBe("");
      expect(r.period !== "").toBe(withPeriod(rule));
      expect(r.employee_no !== "").toBe(withEmployee.has(rule));
      expect(r.employee_name !== "").toBe(withEmployee.has(rule));
      expect(r.outstanding !== "").toBe(withOutstanding.has(rule));
      expect(r.late_fee !== "").toBe(withLateFee.has(rule));
      expect(r.stage !== "").toBe(withStage.has(rule));
      if (r.outstanding !== "") expect(r.outstanding).toMatch(/^\d+\.\d\d$/);
      if (r.late_fee !== "") expect(r.late_fee).toMatch(/^\d+\.\d\d$/);
    }
  });

  it("names with a comma, quotes, a formula lead, Chinese and a line break survive the trip", () => {
    const names = new Set(rows.map((r) => r.employee_name));
    expect(names).toEqual(new Set(["", "Zhang, San", `'=Li "Si"`, "王五", "Zhao\nLiu", "Qian Qi", "Sun Ba", "Zhou Jiu"]));
  });

  it("the overdue report holds exactly the open critical and breach findings, in the same order", () => {
    const overdue = parseCsvRecords(reportCsv("overdue", findings));
    expect(overdue[0]).toEqual(OVERDUE_HEADER.split(","));
    const expected = findings.filter((f) => f.status === "open" && f.severity !== "warning");
    expect(overdue.slice(1).map((r) => `${r[0]}|${r[4]}|${r[5]}`)).toEqual(expected.map((f) => `${f.rule}|${f.period ?? ""}|${f.employeeNo ?? ""}`));
    expect(expected.length).toBeGreaterThan(5);
  });
});

describe("streaming", () => {
  it("yields the BOM and header first, then at most 1000 rows a chunk, adding up to the whole report", () => {
    const many: Finding[] = Array.from({ length: 2_500 }, (_, i) => finding({ employeeNo: `E${i}` }));
    const chunks = [...reportChunks("findings", many)];
    expect(chunks[0]).toBe(`\uFEFF${FINDINGS_HEADER}\r\n`);
    expect(chunks.length).toBe(4);
    expect(chunks.slice(1).map((c) => c.split("\r\n").length - 1)).toEqual([1000, 1000, 500]);
    expect(chunks.join("")).toBe(reportCsv("findings", many));
  });
});
