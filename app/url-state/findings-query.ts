/** The findings page's URL state (and the reports'): one schema, bad values fall back to defaults. */
import { z } from "zod";
import { asOfParam, pageParam } from "./search-params";
import { RULES, SEVERITIES } from "~/rules/types";


export const FindingsQuerySchema = z.object({
  asOf: asOfParam(),
  rule: z.enum(["", ...RULES]).catch("").default(""),
  severity: z.enum(["", ...SEVERITIES]).catch("").default(""),
  status: z.enum(["", "open", "closed"]).catch("").default(""),
  employer: z.string().trim().max(20).catch("").default(""),
  /** A month `YYYY-MM`, or empty. */
  period: z.string().trim().regex(/^(\d{4}-\d{2})?$/).catch("").default(""),
  /** An employee number or part of a name, or empty. */
  employee: z.string().trim().max(50).catch("").default(""),
  page: pageParam(),
});
export type FindingsQuery = z.output<typeof FindingsQuerySchema>;

export const ReportQuerySchema = z.object({
  asOf: asOfParam(),
  warnings: z.enum(["1", "0", "true", "false"]).optional().catch(undefined).transform((v) => v === "1" || v === "true"),
  /** `header=zh`: a Chinese header row before the machine header (which stays byte-identical). */
  header: z.enum(["zh"]).optional().catch(undefined),
});
