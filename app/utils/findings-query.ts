/** The findings page's URL state (and the reports'): one schema, bad values fall back to defaults. */
import { z } from "zod";
import { isValidDate } from "~/rules/dates";
import { RULES, SEVERITIES } from "~/rules/types";

export const FINDINGS_PAGE_SIZE = 100;

export const FindingsQuerySchema = z.object({
  asOf: z.string().refine(isValidDate).optional().catch(undefined),
  rule: z.enum(["", ...RULES]).catch("").default(""),
  severity: z.enum(["", ...SEVERITIES]).catch("").default(""),
  status: z.enum(["", "open", "closed"]).catch("").default(""),
  employer: z.string().trim().max(20).catch("").default(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type FindingsQuery = z.output<typeof FindingsQuerySchema>;

export const ReportQuerySchema = z.object({
  asOf: z.string().refine(isValidDate).optional().catch(undefined),
  warnings: z.enum(["1", "0", "true", "false"]).optional().catch(undefined).transform((v) => v === "1" || v === "true"),
});
