/**
 * The annual base declaration as the agency's upload asks for it (姓名, 证件号码,
 * 缴费基数, the differing per-insurance bases). Full identity numbers for
 * hr/admin (audited), masked for auditors.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { annualBaseExport } from "~/models/annual-base.server";
import { isValidMonth } from "~/rules/dates";
import { actorOf, requireCodeInScope, requireRole, scopeOf } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { annualBaseColumns, exportResponse, ExportFormatSchema } from "~/utils/hr-month-export.server";
import { forbidden, notFound, parseSearchParams } from "~/utils/http.server";
import { canWriteWorkflows, WORKFLOW_READERS } from "~/utils/workflow-access";

const Query = z.object({
  employer: z.string().trim().min(1).max(20).catch(""),
  year: z.string().refine(isValidMonth).catch(""),
  format: ExportFormatSchema,
  /** Full identity numbers: an explicit choice of HR or admin (for the agency's upload), audited. */
  ids: z.enum(["full"]).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, WORKFLOW_READERS);
  const q = parseSearchParams(request, Query);
  if (q.ids === "full" && !canWriteWorkflows(user.role)) throw forbidden();
  const full = q.ids === "full";
  if (!q.employer || !q.year) throw notFound();
  requireCodeInScope(scopeOf(user), q.employer); // outside the account's scope (issue 21): nothing read, nothing audited
  const r = annualBaseExport(db, actorOf(user), q.employer, q.year, full);
  if (!r.ok) throw notFound();
  return exportResponse(q.format, `annual-base-${r.employerCode}-${r.yearStart}`, annualBaseColumns(r.differing), r.rows);
}
