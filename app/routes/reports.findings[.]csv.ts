import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission, scopeOf } from "~/utils/auth.server";
import { reportResponse } from "~/utils/report.server";

/** `/reports/findings.csv?asOf=D`: every finding as of D. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "report:read");
  return await reportResponse(request, "findings", await scopeOf(user));
}
