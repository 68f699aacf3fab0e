import { applyCalendar } from "~/models/calendar.server";
import { CLI_ACTOR } from "~/models/audit.server";
import { CALENDAR_YEARS, holidayYear } from "~/rules/presets/holidays";
import { sourceLine } from "~/rules/presets/source";
import { CliError, openExistingDb, parseOptions, UsageError, write, type CommandContext } from "../context";
import { closeDatabase } from "../../../db/connection";

export const summary = "write a region's non-working days from the State Council holiday notice of a year";
export const usage = `calendar apply --region R --year Y [--weekends]
  Writes the year's public holidays (and with --weekends every Saturday and Sunday),
  minus the weekend days the notice makes working days, as region R's non-working days.
  Days already there stay; applying twice writes nothing the second time. Years: ${CALENDAR_YEARS.join(", ")}.`;

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    region: { type: "string" },
    year: { type: "string" },
    weekends: { type: "boolean" },
  });
  if (positionals.length !== 1 || positionals[0] !== "apply") throw new UsageError("calendar needs the subcommand apply");
  if (!values.region?.trim()) throw new UsageError("--region R is required");
  if (!values.year) throw new UsageError("--year Y is required");
  const db = await openExistingDb(ctx);
  try {
    const r = await applyCalendar(db, CLI_ACTOR, { region: values.region, year: values.year, weekends: values.weekends ? "on" : "" });
    if (!r.ok) {
      const [field, e] = Object.entries(r.errors)[0]!;
      if (e.code === "noCalendar") throw new CliError(`no holiday notice for ${values.year}; years with one: ${CALENDAR_YEARS.join(", ")}`);
      throw new CliError(`--${field}: ${e.code}${e.detail ? ` (${e.detail})` : ""}`);
    }
    const { added, unchanged, region, year } = r.value;
    await write(ctx.io.stdout, `${region} ${year}: ${added.length} non-working day${added.length === 1 ? "" : "s"} added, ${unchanged} already there\n`);
    await write(ctx.io.stderr, `source: ${sourceLine(holidayYear(year)!.source)}\n`);
    return 0;
  } finally {
    await closeDatabase(db);
  }
}
