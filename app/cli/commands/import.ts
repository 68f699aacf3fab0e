import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { MAX_FILE_BYTES } from "~/server/file-decode.server";
import { capErrors, readImportFile, sourceText } from "~/server/import-file.server";
import { CLI_ACTOR } from "~/models/audit.server";
import { formatImportError, IMPORT_KINDS, isImportKind, previewImport, runImport, type ImportError } from "~/models/import.server";
import { CliError, openExistingDb, parseOptions, UsageError, write, type CommandContext } from "../context";
import { closeDatabase } from "../../../db/connection";

export const summary = "import a file of one kind (SPEC §8: .xlsx, or CSV in UTF-8, UTF-16 or GBK), all or nothing";
export const usage = `import KIND FILE [--sheet NAME] [--dry-run]
  KIND: ${IMPORT_KINDS.join(" | ")}
  FILE: .xlsx (the first sheet unless --sheet), or CSV in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK;
        headers are the SPEC names or their Chinese labels, in any order
  --sheet NAME  the workbook's sheet to read
  --dry-run     validate and show what would change, write nothing`;

async function printErrors(ctx: CommandContext, file: string, all: readonly ImportError[], known?: number): Promise<void> {
  const { errors, total } = capErrors(all, 200, known);
  let out = "";
  for (const e of errors) out += formatImportError(e) + "\n";
  if (total > errors.length) out += `… and ${total - errors.length} more\n`;
  out += `${file}: ${total} error${total === 1 ? "" : "s"}; nothing was imported\n`;
  await write(ctx.io.stderr, out);
}

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(args, { "dry-run": { type: "boolean" }, sheet: { type: "string" } });
  if (positionals.length !== 2) throw new UsageError("import needs a KIND and a FILE");
  const [kind, file] = positionals as [string, string];
  if (!isImportKind(kind)) throw new UsageError(`unknown import kind "${kind}"`);

  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) throw new CliError(`${file} has ${(size / 1048576).toFixed(1)} MB; at most 20 MB are read (nothing was imported)`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }

  const read = await readImportFile(kind, bytes, { sheet: values.sheet });
  if (!read.ok) {
    await printErrors(ctx, file, read.errors);
    return 1;
  }
  const db = await openExistingDb(ctx);
  try {
    const dryRun = values["dry-run"] === true;
    const format = sourceText(read.source);
    const result = dryRun ? await previewImport(db, kind, read.input) : await runImport(db, kind, read.input, CLI_ACTOR, { fileName: basename(file), format });
    if (!result.ok) {
      await printErrors(ctx, file, result.errors, result.total);
      return 1;
    }
    const s = result.summary;
    ctx.io.stdout.write(
      `${dryRun ? "would import" : "imported"} ${kind} from ${file} (${format}): ${s.rows} row${s.rows === 1 ? "" : "s"}, ${s.created} created, ${s.replaced} replaced, ${s.unchanged} unchanged\n`,
    );
    return 0;
  } finally {
    await closeDatabase(db);
  }
}
