/** The roster's table state in the URL: one schema for the loader and the page. Bad values fall back to defaults. */
import { z } from "zod";
import { pageParam } from "./search-params";

export const ROSTER_PAGE_SIZE = 50;
export const ROSTER_SORTS = ["employeeNo", "name", "employer", "department", "hireDate", "terminationDate"] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];

export const RosterQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  employer: z.string().trim().max(20).catch("").default(""),
  department: z.string().trim().max(100).catch("").default(""),
  status: z.enum(["", "active", "terminated"]).catch("").default(""),
  sort: z.enum(ROSTER_SORTS).catch("employeeNo").default("employeeNo"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: pageParam(),
});
export type RosterQuery = z.output<typeof RosterQuerySchema>;
