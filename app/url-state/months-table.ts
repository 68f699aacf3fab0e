/**
 * The list of employer-months on /months: the engine's month summaries
 * filtered (employer, month range, status), sorted and paged as pure
 * functions of the array, driven by the URL.
 */
import { z } from "zod";
import { isValidMonth } from "~/rules/dates";
import type { MonthSummary } from "~/rules/types";
import { asOfParam, pageParam } from "./search-params";
import { hideParam } from "./table-view";
import { pageOf, sortedBy, type SortValue } from "./table-sort";

export const MONTHS_PAGE_SIZE = 50;

export const MONTH_STATUSES = ["paid", "due", "overdue"] as const;
export type MonthStatus = (typeof MONTH_STATUSES)[number];

export const MONTHS_SORTS = ["employer", "period", "dueDate", "liable", "required", "paid", "outstanding", "overdue", "lateFee", "status"] as const;
export type MonthsSort = (typeof MONTHS_SORTS)[number];
/** Every column of the list (the ids of `?hide=`). */
export const MONTHS_COLUMNS = MONTHS_SORTS;

const month = () => z.string().trim().refine(isValidMonth).optional().catch(undefined);

export const MonthsListQuerySchema = z.object({
  employer: z.string().trim().max(20).catch("").default(""),
  /** Months from … to …, inclusive. */
  from: month(),
  to: month(),
  status: z.enum(["", ...MONTH_STATUSES]).catch("").default(""),
  sort: z.enum(MONTHS_SORTS).catch("period").default("period"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  page: pageParam(),
  hide: hideParam(MONTHS_COLUMNS),
  asOf: asOfParam(),
});
export type MonthsListQuery = z.output<typeof MonthsListQuerySchema>;

type MonthLike = Pick<MonthSummary, "employerCode" | "period" | "dueDate" | "liableCount" | "required" | "paid" | "outstanding" | "overdue" | "lateFee">;

/** Overdue: some tranche due before D is not filled; due: something is owed but not yet late; paid: nothing is owed. */
export function monthStatus(m: Pick<MonthSummary, "overdue" | "outstanding">): MonthStatus {
  return m.overdue > 0 ? "overdue" : m.outstanding > 0 ? "due" : "paid";
}

const SORT_KEYS: Record<MonthsSort, (m: MonthLike) => SortValue> = {
  employer: (m) => m.employerCode,
  period: (m) => m.period,
  dueDate: (m) => m.dueDate,
  liable: (m) => m.liableCount,
  required: (m) => m.required,
  paid: (m) => m.paid,
  outstanding: (m) => m.outstanding,
  overdue: (m) => m.overdue,
  lateFee: (m) => m.lateFee,
  status: (m) => MONTH_STATUSES.indexOf(monthStatus(m)),
};

export function filterMonths<M extends MonthLike>(months: readonly M[], q: Pick<MonthsListQuery, "employer" | "from" | "to" | "status">): M[] {
  return months.filter(
    (m) =>
      (q.employer === "" || m.employerCode === q.employer) &&
      (q.from === undefined || m.period >= q.from) &&
      (q.to === undefined || m.period <= q.to) &&
      (q.status === "" || monthStatus(m) === q.status),
  );
}

/** Filter, sort (ties: employer, then month), then one page; `matching` is every row of the view. */
export function monthsView<M extends MonthLike>(months: readonly M[], q: Pick<MonthsListQuery, "employer" | "from" | "to" | "status" | "sort" | "dir" | "page">, pageSize = MONTHS_PAGE_SIZE) {
  const base = sortedBy(sortedBy(filterMonths(months, q), (m) => m.period, false), (m) => m.employerCode, false);
  const matching = sortedBy(base, SORT_KEYS[q.sort], q.dir === "desc");
  return { ...pageOf(matching, q.page, pageSize), matching };
}
