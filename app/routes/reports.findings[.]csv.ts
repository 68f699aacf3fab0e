import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission, scopeOf } from "~/server/auth.server";
import { reportResponse } from "~/server/report-csv-response.server";

/** `/reports/findings.csv?asOf=D`: every finding as of D. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "report:read");
  return await reportResponse(request, "findings", await scopeOf(user));
}
