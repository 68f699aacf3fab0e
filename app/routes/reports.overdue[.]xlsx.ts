import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission, scopeOf } from "~/server/auth.server";
import { reportXlsxResponse } from "~/server/report-xlsx-response.server";

/** `/reports/overdue.xlsx?asOf=D[&warnings=1]`: the overdue report as an Excel workbook (issue 18). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "report:read");
  return await reportXlsxResponse(request, "overdue", await scopeOf(user));
}
