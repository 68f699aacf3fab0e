/** The registration tracker's URL state, shared by the loader and the page; bad values fall back to defaults. */
import { z } from "zod";
import { isValidDate } from "~/rules/dates";

export const ART58_RULES = ["ART58_REGISTRATION_DUE_SOON", "ART58_UNREGISTERED", "ART58_LATE_REGISTRATION"] as const;

export const TrackerQuerySchema = z.object({
  asOf: z.string().refine(isValidDate).optional().catch(undefined),
  finding: z.enum(["", "none", ...ART58_RULES]).catch("").default(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type TrackerQuery = z.output<typeof TrackerQuerySchema>;
