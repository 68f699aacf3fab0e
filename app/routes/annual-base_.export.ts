/**
 * The annual base declaration as the agency's upload asks for it (姓名, 证件号码,
 * 缴费基数, the differing per-insurance bases). Full identity numbers for
 * hr/admin who ask (audited), masked otherwise.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { annualBaseExport } from "~/models/annual-base.server";
import { isValidMonth } from "~/rules/dates";
import { db } from "~/server/db.server";
import { annualBaseColumns, exportResponse, hrExportAccess } from "~/server/hr-month-export.server";
import { notFound } from "~/server/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, full, query: q } = await hrExportAccess(request, { year: z.string().refine(isValidMonth).catch("") });
  const r = await annualBaseExport(db, actor, q.employer, q.year, full);
  if (!r.ok) throw notFound();
  return exportResponse(q.format, `annual-base-${r.employerCode}-${r.yearStart}`, annualBaseColumns(r.differing), r.rows);
}
