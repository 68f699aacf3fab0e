/** The registration tracker's URL state, shared by the loader and the page; bad values fall back to defaults. */
import { z } from "zod";
import { asOfParam, pageParam } from "./search-params";

export const ART58_RULES = ["ART58_REGISTRATION_DUE_SOON", "ART58_UNREGISTERED", "ART58_LATE_REGISTRATION"] as const;

export const ART50_RULES = ["ART50_TERMINATION_REPORT_DUE_SOON", "ART50_TERMINATION_UNREPORTED", "ART50_TERMINATION_REPORTED_LATE"] as const;

export const TrackerQuerySchema = z.object({
  asOf: asOfParam(),
  finding: z.enum(["", "none", ...ART58_RULES, ...ART50_RULES]).catch("").default(""),
  page: pageParam(),
});
export type TrackerQuery = z.output<typeof TrackerQuerySchema>;
