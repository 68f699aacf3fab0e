/** The CSV reports (SPEC §7) as streamed downloads (server.mjs marks every response `no-store`). */
import type { EmployerScope } from "~/models/employer-scope.server";
import { evaluationFor } from "~/models/evaluation.server";
import { humanHeaderZh, reportChunks, type ReportKind } from "~/rules/report";
import { db } from "./db.server";
import { today } from "./clock.server";
import { parseSearchParams } from "./http.server";
import { ReportQuerySchema } from "../url-state/findings-query";
import { csvAttachment } from "./csv-response.server";

/** `scope`: the account's employers (issue 21); null = all. */
export async function reportResponse(request: Request, kind: ReportKind, scope: EmployerScope = null): Promise<Response> {
  const query = parseSearchParams(request, ReportQuerySchema);
  const asOf = query.asOf ?? today();
  const { findings } = await evaluationFor(db, asOf, null, scope?.codes ?? null);
  const humanHeader = query.header === "zh" ? humanHeaderZh(kind) : undefined;
  const chunks = reportChunks(kind, findings, { warnings: query.warnings, humanHeader });
  return csvAttachment(`${kind}-${asOf}.csv`, chunks);
}
