/** The payments list's URL state: one schema for the loader and the page; bad values fall back to defaults. */
import { z } from "zod";
import { isValidDate, isValidMonth } from "~/rules/dates";
import { pageParam } from "./search-params";
import { hideParam } from "./table-view";

export const PAYMENTS_PAGE_SIZE = 50;
export const PAYMENTS_SORTS = ["employer", "period", "paidOn", "amount", "reference", "recordedAt"] as const;
export type PaymentsSort = (typeof PAYMENTS_SORTS)[number];
/** Every column of the list (the ids of `?hide=`). */
export const PAYMENTS_COLUMNS = ["employer", "period", "paidOn", "amount", "reference", "recordedBy", "recordedAt"] as const;

export const PaymentsQuerySchema = z.object({
  employer: z.string().trim().max(20).catch("").default(""),
  period: z.string().trim().refine(isValidMonth).optional().catch(undefined),
  /** Paid on or after / on or before (inclusive). */
  from: z.string().trim().refine(isValidDate).optional().catch(undefined),
  to: z.string().trim().refine(isValidDate).optional().catch(undefined),
  sort: z.enum(PAYMENTS_SORTS).catch("paidOn").default("paidOn"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  page: pageParam(),
  hide: hideParam(PAYMENTS_COLUMNS),
});
export type PaymentsQuery = z.output<typeof PaymentsQuerySchema>;
