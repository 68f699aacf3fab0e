import type { LoaderFunctionArgs } from "@remix-run/node";
import { isImportKind } from "~/shared/import-formats";
import { requirePermission } from "~/server/auth.server";
import { templateCsv, templateXlsx } from "~/server/templates.server";
import { XLSX_TYPE } from "~/server/xlsx.server";

/** `/templates/KIND?format=xlsx|csv`: the import template of a kind (issue 18). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "workflow:read");
  const kind = params.kind ?? "";
  if (!isImportKind(kind)) throw new Response("Not Found", { status: 404 });
  const format = new URL(request.url).searchParams.get("format") ?? "xlsx";
  if (format === "csv") {
    return new Response(templateCsv(kind), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${kind}-template.csv"` } });
  }
  if (format !== "xlsx") throw new Response("Bad Request", { status: 400 });
  const body = await templateXlsx(kind);
  return new Response(new Uint8Array(body), { headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="${kind}-template.xlsx"` } });
}
