import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { CLI_ACTOR } from "~/models/audit.server";
import { formatImportError, IMPORT_KINDS, isImportKind, previewImport, runImport } from "~/models/import.server";
import { CliError, openExistingDb, parseOptions, UsageError, write, type CommandContext } from "../context";

export const summary = "import a CSV file of one kind (SPEC §8), all or nothing";
export const usage = `import KIND FILE.csv [--dry-run]
  KIND: ${IMPORT_KINDS.join(" | ")}
  --dry-run  validate and show what would change, write nothing`;

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(args, { "dry-run": { type: "boolean" } });
  if (positionals.length !== 2) throw new UsageError("import needs a KIND and a FILE");
  const [kind, file] = positionals as [string, string];
  if (!isImportKind(kind)) throw new UsageError(`unknown import kind "${kind}"`);

  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${file} is not UTF-8 text; save it as "CSV UTF-8" and import it again (nothing was imported)`);
  }

  const db = openExistingDb(ctx);
  try {
    const dryRun = values["dry-run"] === true;
    const result = dryRun ? previewImport(db, kind, text) : runImport(db, kind, text, CLI_ACTOR, { fileName: basename(file) });
    if (!result.ok) {
      let out = "";
      for (const e of result.errors) out += formatImportError(e) + "\n";
      out += `${file}: ${result.errors.length} error${result.errors.length === 1 ? "" : "s"}; nothing was imported\n`;
      await write(ctx.io.stderr, out);
      return 1;
    }
    const s = result.summary;
    ctx.io.stdout.write(
      `${dryRun ? "would import" : "imported"} ${kind} from ${file}: ${s.rows} row${s.rows === 1 ? "" : "s"}, ${s.created} created, ${s.replaced} replaced, ${s.unchanged} unchanged\n`,
    );
    return 0;
  } finally {
    db.$client.close();
  }
}
