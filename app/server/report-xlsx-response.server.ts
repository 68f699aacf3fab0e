/** The `.xlsx` reports as streamed downloads, beside the CSV ones (report.server.ts). */
import type { EmployerScope } from "~/models/employer-scope.server";
import { evaluationFor } from "~/models/evaluation.server";
import type { ReportKind } from "~/rules/report";
import { db } from "./db.server";
import { today } from "./clock.server";
import { ReportQuerySchema } from "../url-state/findings-query";
import { parseSearchParams } from "./http.server";
import { i18nServer } from "./i18n.server";
import { reportSheet } from "./report-xlsx.server";
import { xlsxAttachment } from "./xlsx.server";

/** `scope`: the account's employers (issue 21), like the CSV reports; null = all. */
export async function reportXlsxResponse(request: Request, kind: ReportKind, scope: EmployerScope = null): Promise<Response> {
  const query = parseSearchParams(request, ReportQuerySchema);
  const asOf = query.asOf ?? today();
  const { findings } = await evaluationFor(db, asOf, null, scope?.codes ?? null);
  const lng = await i18nServer.getLocale(request);
  const language = lng === "en" || lng.startsWith("en-") ? "en" : "zh";
  return xlsxAttachment(`${kind}-${asOf}.xlsx`, [reportSheet(kind, findings, language, { warnings: query.warnings })]);
}
