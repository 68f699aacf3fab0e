/**
 * The findings page's table: filters, sort and page of the engine's findings,
 * as pure functions of the array (wherever it comes from: the engine, a
 * cached evaluation, a test), driven by the URL.
 */
import { z } from "zod";
import { FindingsQuerySchema } from "./findings-query";
import { hideParam } from "./table-view";
import { pageOf, sortedBy, type SortValue } from "./table-sort";
import { RULES, SEVERITIES, type Finding } from "~/rules/types";

/** Like the roster: 50 rows a page (100 doubled the page's render time at 10,000 employees; tests/bench). */
export const FINDINGS_TABLE_PAGE_SIZE = 50;

/** Sortable columns (their ids are the table's column ids). */
export const FINDINGS_SORTS = ["rule", "severity", "status", "employer", "period", "employee", "dueDate", "days", "outstanding", "lateFee"] as const;
export type FindingsSort = (typeof FINDINGS_SORTS)[number];

/** Every column of the findings table (the ids of `?hide=`). */
export const FINDINGS_TABLE_COLUMNS = ["rule", "article", "severity", "status", "employer", "period", "employee", "dueDate", "days", "outstanding", "lateFee", "stage", "cure"] as const;

/** The findings page's URL: the shared filters plus sort, direction and hidden columns. No sort: the engine's order. */
export const FindingsTableQuerySchema = FindingsQuerySchema.extend({
  sort: z.enum(["", ...FINDINGS_SORTS]).catch("").default(""),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  hide: hideParam(FINDINGS_TABLE_COLUMNS),
});
export type FindingsTableQuery = z.output<typeof FindingsTableQuerySchema>;

type FindingLike = Pick<Finding, "rule" | "severity" | "status" | "employerCode" | "period" | "employeeNo" | "employeeName" | "dueDate" | "days" | "outstanding" | "lateFee">;

type Filters = Pick<FindingsTableQuery, "rule" | "severity" | "status" | "employer" | "period" | "employee">;

/** The findings the filters keep (the employee filter: the number, or part of the name). */
export function filterFindings<F extends FindingLike>(findings: readonly F[], q: Filters): F[] {
  return findings.filter(
    (f) =>
      (q.rule === "" || f.rule === q.rule) &&
      (q.severity === "" || f.severity === q.severity) &&
      (q.status === "" || f.status === q.status) &&
      (q.employer === "" || f.employerCode === q.employer) &&
      (q.period === "" || f.period === q.period) &&
      (q.employee === "" || f.employeeNo === q.employee || (f.employeeName ?? "").includes(q.employee)),
  );
}

const SORT_KEYS: Record<FindingsSort, (f: FindingLike) => SortValue> = {
  // Rules and severities in the rule book's order (critical first), not alphabetically.
  rule: (f) => RULES.indexOf(f.rule),
  severity: (f) => SEVERITIES.indexOf(f.severity),
  status: (f) => (f.status === "open" ? 0 : 1),
  employer: (f) => f.employerCode,
  period: (f) => f.period,
  employee: (f) => f.employeeNo,
  dueDate: (f) => f.dueDate,
  days: (f) => f.days,
  outstanding: (f) => f.outstanding,
  lateFee: (f) => f.lateFee,
};

/** Ordered by one column (ties keep the engine's order); no column: as given. */
export function sortFindings<F extends FindingLike>(findings: readonly F[], sort: FindingsSort | "", dir: "asc" | "desc"): F[] {
  return sort === "" ? [...findings] : sortedBy(findings, SORT_KEYS[sort], dir === "desc");
}

/** Filter, sort, then one page; `matching` is every row of the view (the CSV export). */
export function findingsView<F extends FindingLike>(findings: readonly F[], q: Filters & Pick<FindingsTableQuery, "sort" | "dir" | "page">, pageSize = FINDINGS_TABLE_PAGE_SIZE) {
  const matching = sortFindings(filterFindings(findings, q), q.sort, q.dir);
  return { ...pageOf(matching, q.page, pageSize), matching };
}
