import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission, scopeOf } from "~/server/auth.server";
import { reportResponse } from "~/server/report-csv-response.server";

/** `/reports/overdue.csv?asOf=D[&warnings=1]`: the open critical and breach findings (warnings on request). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "report:read");
  return await reportResponse(request, "overdue", await scopeOf(user));
}
