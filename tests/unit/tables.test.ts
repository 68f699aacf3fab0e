/** The data tables' pure parts: URL state, sorting and paging of computed lists, and the CSV of a view. */
import { describe, expect, it } from "vitest";
import { csvChunks, csvText, visibleColumns, type CsvColumn } from "~/shared/table-csv";
import type { Finding, MonthSummary } from "~/rules/types";
import { FindingsTableQuerySchema, filterFindings, findingsView, sortFindings } from "~/url-state/findings-table";
import { MonthsListQuerySchema, monthStatus, monthsView } from "~/url-state/months-table";
import { PaymentsQuerySchema } from "~/url-state/payments-query";
import { RosterQuerySchema } from "~/url-state/roster-query";
import { pageOf, sortedBy } from "~/url-state/table-sort";
import { clearFiltersHref, exportHref, hasFilters, parseHidden } from "~/url-state/table-view";

function finding(over: Partial<Finding>): Finding {
  return {
    rule: "ART60_UNPAID",
    article: "60",
    severity: "breach",
    status: "open",
    employerCode: "SH01",
    period: "2026-01",
    employeeNo: null,
    employeeName: null,
    dueDate: "2026-01-15",
    days: 0,
    outstanding: null,
    lateFee: null,
    stage: null,
    exposure: null,
    detail: "",
    ...over,
  };
}

describe("URL state of a table", () => {
  it("keeps only known hidden columns, in the table's order", () => {
    expect(parseHidden("wage,nope,name,,wage", ["employeeNo", "name", "wage"])).toEqual(["name", "wage"]);
    expect(parseHidden(undefined, ["a"])).toEqual([]);
    expect(RosterQuerySchema.parse({ hide: "status,idNumber,x" }).hide).toEqual(["idNumber", "status"]);
  });

  it("falls back to defaults on bad values", () => {
    expect(RosterQuerySchema.parse({ sort: "password", dir: "sideways", page: "-3" })).toMatchObject({ sort: "employeeNo", dir: "asc", page: 1, hide: [] });
    expect(FindingsTableQuerySchema.parse({ sort: "detail", dir: "up" })).toMatchObject({ sort: "", dir: "asc" });
    expect(MonthsListQuerySchema.parse({ from: "2026-13", status: "maybe" })).toMatchObject({ from: undefined, status: "", sort: "period", dir: "desc" });
    expect(PaymentsQuerySchema.parse({ from: "2026-02-30", period: "2026-02" })).toMatchObject({ from: undefined, period: "2026-02", sort: "paidOn", dir: "desc" });
  });

  it("tells filters from sort, page and columns, and clears only the filters", () => {
    const p = new URLSearchParams("q=li&employer=SH01&sort=name&dir=desc&page=3&hide=wage");
    expect(hasFilters(p)).toBe(true);
    expect(hasFilters(new URLSearchParams("sort=name&dir=desc&page=2&hide=wage&asOf=2026-01-01&q="))).toBe(false);
    expect(clearFiltersHref(p)).toBe("?sort=name&dir=desc&hide=wage");
  });

  it("exports the current view: same filters, sort and columns, no page, as a data request of the route", () => {
    const href = exportHref(new URLSearchParams("status=active&sort=name&dir=desc&page=4&hide=wage"), "routes/employees._index");
    const u = new URLSearchParams(href.slice(1));
    expect(Object.fromEntries(u)).toEqual({ status: "active", sort: "name", dir: "desc", hide: "wage", format: "csv", _data: "routes/employees._index" });
  });
});

describe("sorting and paging computed lists", () => {
  it("sorts stably, empty values last in both directions", () => {
    const rows = [{ k: 2, i: 0 }, { k: null, i: 1 }, { k: 1, i: 2 }, { k: 2, i: 3 }];
    expect(sortedBy(rows, (r) => r.k, false).map((r) => r.i)).toEqual([2, 0, 3, 1]);
    expect(sortedBy(rows, (r) => r.k, true).map((r) => r.i)).toEqual([0, 3, 2, 1]);
  });

  it("clamps the page to the last one", () => {
    expect(pageOf([1, 2, 3, 4, 5], 9, 2)).toEqual({ rows: [5], total: 5, page: 3, pageCount: 3 });
    expect(pageOf([], 2, 10)).toEqual({ rows: [], total: 0, page: 1, pageCount: 1 });
  });
});

describe("findings table", () => {
  const list = [
    finding({ rule: "ART60_UNPAID", severity: "breach", outstanding: 500, lateFee: 10, days: 5, employeeNo: "E2", employeeName: "李四" }),
    finding({ rule: "ART58_UNREGISTERED", severity: "breach", status: "closed", employerCode: "BJ01", period: null, days: 40, employeeNo: "E1", employeeName: "张三" }),
    finding({ rule: "ART63_COURT_ENFORCEMENT", severity: "critical", outstanding: 900, lateFee: 90, days: 100, dueDate: "2025-12-15", period: "2025-12" }),
    finding({ rule: "ART60_PAYMENT_DUE_SOON", severity: "warning", dueDate: "2026-02-15", period: "2026-02" }),
  ];

  it("filters by rule, severity, status, employer, period and employee number or name", () => {
    const none = { rule: "", severity: "", status: "", employer: "", period: "", employee: "" } as const;
    expect(filterFindings(list, { ...none, severity: "breach" })).toHaveLength(2);
    expect(filterFindings(list, { ...none, status: "closed" }).map((f) => f.employeeNo)).toEqual(["E1"]);
    expect(filterFindings(list, { ...none, employer: "BJ01" })).toHaveLength(1);
    expect(filterFindings(list, { ...none, period: "2025-12" })[0]!.rule).toBe("ART63_COURT_ENFORCEMENT");
    expect(filterFindings(list, { ...none, employee: "张" }).map((f) => f.employeeNo)).toEqual(["E1"]);
    expect(filterFindings(list, { ...none, employee: "E2" })).toHaveLength(1);
  });

  it("sorts by each column; severity and rule in the rule book's order; empty amounts last", () => {
    expect(sortFindings(list, "severity", "asc").map((f) => f.severity)).toEqual(["critical", "breach", "breach", "warning"]);
    expect(sortFindings(list, "rule", "asc").map((f) => f.rule)).toEqual(["ART58_UNREGISTERED", "ART60_PAYMENT_DUE_SOON", "ART60_UNPAID", "ART63_COURT_ENFORCEMENT"]);
    expect(sortFindings(list, "outstanding", "desc").map((f) => f.outstanding)).toEqual([900, 500, null, null]);
    expect(sortFindings(list, "outstanding", "asc").map((f) => f.outstanding)).toEqual([500, 900, null, null]);
    expect(sortFindings(list, "days", "desc").map((f) => f.days)).toEqual([100, 40, 5, 0]);
    expect(sortFindings(list, "dueDate", "asc")[0]!.dueDate).toBe("2025-12-15");
    expect(sortFindings(list, "period", "asc").map((f) => f.period)).toEqual(["2025-12", "2026-01", "2026-02", null]);
    expect(sortFindings(list, "employer", "asc")[0]!.employerCode).toBe("BJ01");
    expect(sortFindings(list, "status", "desc")[0]!.status).toBe("closed");
    expect(sortFindings(list, "", "desc")).toEqual(list);
  });

  it("pages the sorted view and keeps every matching row for the export", () => {
    const q = FindingsTableQuerySchema.parse({ sort: "days", dir: "desc", page: "2" });
    const v = findingsView(list, q, 3);
    expect(v.rows.map((f) => f.days)).toEqual([0]);
    expect(v).toMatchObject({ total: 4, page: 2, pageCount: 2 });
    expect(v.matching.map((f) => f.days)).toEqual([100, 40, 5, 0]);
  });
});

describe("employer-months table", () => {
  const m = (employerCode: string, period: string, over: Partial<MonthSummary> = {}): MonthSummary => ({
    employerCode,
    period,
    dueDate: `${period}-15`,
    liableCount: 1,
    required: 1000,
    employerTotal: 700,
    employeeTotal: 300,
    declaredFrom: null,
    paid: 1000,
    overdue: 0,
    outstanding: 0,
    overpaid: 0,
    lateFee: 0,
    unpaid: false,
    tranches: [],
    ...over,
  });
  const months = [m("SH01", "2026-01"), m("SH01", "2026-02", { paid: 0, outstanding: 1000, overdue: 1000, lateFee: 5 }), m("BJ01", "2026-02", { paid: 0, outstanding: 1000 }), m("BJ01", "2026-03")];

  it("has a status: overdue, due, or paid", () => {
    expect(months.map(monthStatus)).toEqual(["paid", "overdue", "due", "paid"]);
  });

  it("filters by employer, month range and status; sorts newest first by default", () => {
    const all = MonthsListQuerySchema.parse({});
    expect(monthsView(months, all).rows.map((r) => `${r.employerCode} ${r.period}`)).toEqual(["BJ01 2026-03", "BJ01 2026-02", "SH01 2026-02", "SH01 2026-01"]);
    expect(monthsView(months, MonthsListQuerySchema.parse({ from: "2026-02", to: "2026-02" })).total).toBe(2);
    expect(monthsView(months, MonthsListQuerySchema.parse({ employer: "SH01", status: "overdue" })).rows.map((r) => r.period)).toEqual(["2026-02"]);
    expect(monthsView(months, MonthsListQuerySchema.parse({ sort: "lateFee", dir: "desc" })).rows[0]!.lateFee).toBe(5);
    expect(monthsView(months, MonthsListQuerySchema.parse({ sort: "status", dir: "asc" })).rows.map(monthStatus)).toEqual(["paid", "paid", "due", "overdue"]);
  });
});

describe("CSV of a view", () => {
  const columns: CsvColumn<{ a: string; b: number }>[] = [
    { id: "a", label: "名称", value: (r) => r.a },
    { id: "b", label: "Amount", value: (r) => (r.b / 100).toFixed(2) },
  ];

  it("is UTF-8 text with a BOM, CRLF lines, RFC 4180 quoting and formula-safe cells", () => {
    const text = csvText(columns, [
      { a: "=HYPERLINK(\"http://x\")", b: 100 },
      { a: "a, \"b\"\nc", b: -250 },
      { a: "+1", b: 0 },
      { a: "@SUM(A1)", b: 5 },
    ]);
    expect(text.startsWith("\uFEFF名称,Amount\r\n")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines[1]).toBe('"\'=HYPERLINK(""http://x"")",1.00');
    expect(lines[2]).toBe('"a, ""b""\nc",\'-2.50');
    expect(lines[3]).toBe("'+1,0.00");
    expect(lines[4]).toBe("'@SUM(A1),0.05");
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("leaves out hidden columns and streams in batches", () => {
    expect(visibleColumns(columns, ["a"]).map((c) => c.id)).toEqual(["b"]);
    const rows = Array.from({ length: 1200 }, (_, i) => ({ a: `r${i}`, b: i }));
    const chunks = [...csvChunks(columns, rows, 500)];
    expect(chunks).toHaveLength(4);
    expect(chunks.join("").split("\r\n")).toHaveLength(1 + 1200 + 1);
  });
});
