import { findPreset, presetCities, presetCsv, presetValues } from "~/rules/presets/policies";
import { sourceLine } from "~/rules/presets/source";
import { CliError, isPolicyMonthArg, parseOptions, UsageError, write, type CommandContext } from "../context";

export const summary = "print a city's published policy figures as a policies file (SPEC §8)";
export const usage = `policy preset CITY YYYY-MM
  CITY in pinyin (beijing, shanghai, …). Writes a policies file (header and one row,
  region = the city) to standard output and the source of every value to standard error,
  so that "policy preset shanghai 2024-07 > p.csv && import policies p.csv" works as it stands.
  Check the figures against your local notice.`;

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { positionals } = parseOptions(args, {});
  if (positionals[0] !== "preset") throw new UsageError("policy needs the subcommand preset");
  if (positionals.length !== 3) throw new UsageError("policy preset needs a CITY and a month YYYY-MM");
  const [, city, month] = positionals as [string, string, string];
  if (!isPolicyMonthArg(month)) throw new UsageError(`"${month}" is not a month YYYY-MM`);
  const p = findPreset(city, month);
  if (!p) {
    const cities = presetCities();
    throw new CliError(
      `no sourced preset for "${city}" in force in ${month}; ${cities.length > 0 ? `cities with presets: ${cities.join(", ")}` : "no city's figures ship yet (only figures read from their published notice ship)"}`,
    );
  }
  await write(ctx.io.stdout, presetCsv(p));
  for (const v of presetValues(p)) await write(ctx.io.stderr, `${v.field} = ${v.value}: ${v.source ? sourceLine(v.source) : "NO SOURCE"}\n`);
  await write(ctx.io.stderr, "Check these figures against your local notice before you rely on them.\n");
  return 0;
}
