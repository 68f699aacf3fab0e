/** The CSV reports (SPEC §7) as streamed downloads (server.mjs marks every response `no-store`). */
import { cachedEvaluation } from "~/models/evaluation.server";
import { humanHeaderZh, reportChunks, type ReportKind } from "~/rules/report";
import { db } from "./db.server";
import { today } from "./dates.server";
import { parseSearchParams } from "./http.server";
import { ReportQuerySchema } from "./findings-query";

export function reportResponse(request: Request, kind: ReportKind): Response {
  const query = parseSearchParams(request, ReportQuerySchema);
  const asOf = query.asOf ?? today();
  const { findings } = cachedEvaluation(db, asOf);
  const humanHeader = query.header === "zh" ? humanHeaderZh(kind) : undefined;
  const chunks = reportChunks(kind, findings, { warnings: query.warnings, humanHeader });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${kind}-${asOf}.csv"`,
    },
  });
}
