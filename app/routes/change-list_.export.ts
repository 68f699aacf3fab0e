/**
 * The month's change list (增减员) with Chinese headers. Full identity numbers
 * for hr/admin who ask (audited), masked otherwise.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { changeListExport } from "~/models/change-list.server";
import { isValidMonth } from "~/rules/dates";
import { today } from "~/server/clock.server";
import { db } from "~/server/db.server";
import { changeListColumns, exportResponse, hrExportAccess } from "~/server/hr-month-export.server";
import { notFound } from "~/server/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, full, query: q } = await hrExportAccess(request, { month: z.string().refine(isValidMonth).catch("") });
  const r = await changeListExport(db, actor, q.employer, q.month, today(), full);
  if (!r.ok) throw notFound();
  return exportResponse(q.format, `change-list-${r.employerCode}-${r.month}`, changeListColumns(), r.rows);
}
