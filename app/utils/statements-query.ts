/** The statement pages' URL state and forms, shared by loaders, actions and pages; bad URL values fall back to defaults. */
import { z } from "zod";
import { isValidMonth } from "~/rules/dates";
import { asOfParam } from "./search-params";
import { isoDate, isoMonth, optionalText, requiredText } from "./validation";

const monthParam = () => z.string().refine(isValidMonth).optional().catch(undefined);

export const StatementsQuerySchema = z.object({
  employer: z.string().trim().max(20).catch("").default(""),
  period: monthParam(),
  asOf: asOfParam(),
  /** After issuing: `issued.corrected.skipped`. */
  done: z
    .string()
    .regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}$/)
    .optional()
    .catch(undefined),
});
export type StatementsQuery = z.output<typeof StatementsQuerySchema>;

/** The batch print: both are required. */
export const PrintQuerySchema = z.object({
  employer: requiredText(20),
  period: isoMonth(),
});

/** HR's two forms: the month at once (`issue`), or one employee (`one`: first statement, or a correction with a reason). */
export const IssueFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("issue"), employer: requiredText(20), period: isoMonth(), issuedOn: isoDate() }),
  z.object({
    intent: z.literal("one"),
    employer: requiredText(20),
    period: isoMonth(),
    issuedOn: isoDate(),
    employeeNo: requiredText(50),
    /** "1" when the employee already has a statement for the month: then the reason is required. */
    correction: z.enum(["0", "1"]).default("0"),
    reason: optionalText(500),
  }),
]);
