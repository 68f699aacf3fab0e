/** The roster's table state in the URL: one schema for the loader and the page. Bad values fall back to defaults. */
import { z } from "zod";
import { pageParam } from "./search-params";
import { hideParam } from "./table-view";

export const ROSTER_PAGE_SIZE = 50;
export const ROSTER_SORTS = ["employeeNo", "name", "employer", "department", "hireDate", "terminationDate"] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];
/** Every column of the roster (the ids of `?hide=`). */
export const ROSTER_COLUMNS = ["employeeNo", "name", "idNumber", "employer", "department", "hireDate", "terminationDate", "wage", "status"] as const;

export const RosterQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  employer: z.string().trim().max(20).catch("").default(""),
  department: z.string().trim().max(100).catch("").default(""),
  status: z.enum(["", "active", "terminated"]).catch("").default(""),
  sort: z.enum(ROSTER_SORTS).catch("employeeNo").default("employeeNo"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: pageParam(),
  hide: hideParam(ROSTER_COLUMNS),
});
export type RosterQuery = z.output<typeof RosterQuerySchema>;
