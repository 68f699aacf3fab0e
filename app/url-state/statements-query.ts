/** The statement pages' URL state and forms, shared by loaders, actions and pages; bad URL values fall back to defaults. */
import { z } from "zod";
import { isValidMonth } from "~/rules/dates";
import { asOfParam } from "./search-params";
import { isoDate, isoMonth, optionalText, requiredText } from "../shared/validation";

export const DELIVERY_FILTERS = ["all", "sent", "failed", "unsent", "opened", "unopened", "acknowledged", "disputed", "openDisputes", "recordedLater"] as const;
export type DeliveryFilter = (typeof DELIVERY_FILTERS)[number];

const monthParam = () => z.string().refine(isValidMonth).optional().catch(undefined);

export const StatementsQuerySchema = z.object({
  employer: z.string().trim().max(20).catch("").default(""),
  period: monthParam(),
  asOf: asOfParam(),
  /** Which rows of the month to show (delivery evidence filters). */
  show: z.enum(DELIVERY_FILTERS).catch("all").default("all"),
  /** After sending: `queued.requeued.already.noAddress`; after inviting: `invited.active.pending.noAddress.conflict`. */
  sent: z.string().regex(/^\d{1,6}(\.\d{1,6}){3}$/).optional().catch(undefined),
  invited: z.string().regex(/^\d{1,6}(\.\d{1,6}){4}$/).optional().catch(undefined),
  answered: z.literal("1").optional().catch(undefined),
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

/**
 * HR's forms. Statements issued here are dated today (server date, Asia/Shanghai):
 * the month at once (`issue`), or one employee (`one`: first statement, or a
 * correction with a reason and the version it corrects). `history` records
 * statements issued earlier outside Shebao with their claimed date. `send`
 * and `invite` queue e-mails; `answer` answers a dispute in writing.
 */
export const IssueFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("issue"), employer: requiredText(20), period: isoMonth() }),
  z.object({
    intent: z.literal("one"),
    employer: requiredText(20),
    period: isoMonth(),
    employeeNo: requiredText(50),
    /** "1" when the employee already has a statement for the month: then the reason is required. */
    correction: z.enum(["0", "1"]).default("0"),
    /** The version the correction was made against (issue 21.10). */
    corrects: z.coerce.number().int().positive().optional(),
    reason: optionalText(500),
  }),
  z.object({ intent: z.literal("history"), employer: requiredText(20), period: isoMonth(), claimedOn: isoDate(), employeeNo: optionalText(50) }),
  z.object({ intent: z.literal("send"), employer: requiredText(20), period: isoMonth(), which: z.enum(["new", "failed", "unopened"]).default("new") }),
  z.object({ intent: z.literal("invite"), employer: requiredText(20), period: isoMonth(), employeeNo: optionalText(50) }),
  z.object({ intent: z.literal("answer"), employer: requiredText(20), period: isoMonth(), statementId: z.coerce.number().int().positive(), answer: optionalText(2000) }),
]);
