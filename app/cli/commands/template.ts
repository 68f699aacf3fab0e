import { IMPORT_KINDS, isImportKind } from "~/shared/import-formats";
import { templateCsv, templateXlsx } from "~/server/templates.server";
import { parseOptions, UsageError, write, type CommandContext } from "../context";

export const summary = "write the import template of a kind (.xlsx or CSV) to standard output";
export const usage = `template KIND [--format xlsx|csv]
  KIND: ${IMPORT_KINDS.join(" | ")}
  --format  xlsx (default: Chinese and English header rows, an example row, a notes sheet) or csv`;

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(args, { format: { type: "string" } });
  if (positionals.length !== 1) throw new UsageError("template needs a KIND");
  const kind = positionals[0]!;
  if (!isImportKind(kind)) throw new UsageError(`unknown import kind "${kind}"`);
  const format = values.format ?? "xlsx";
  if (format === "csv") {
    await write(ctx.io.stdout, templateCsv(kind));
    return 0;
  }
  if (format !== "xlsx") throw new UsageError(`--format "${format}" is not xlsx or csv`);
  const bytes = await templateXlsx(kind);
  (ctx.io.stdout as unknown as { write(c: Buffer): unknown }).write(bytes);
  return 0;
}
