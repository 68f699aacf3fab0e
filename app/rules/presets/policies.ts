/**
 * City policy presets (issue 20 item 3): the figures a city publishes for a
 * contribution year — floor, cap, per-insurance floors and caps where the city
 * sets them, rates with their terms, due day — each value with its source.
 * Pure and browser-safe: the policy form fills itself from one, and
 * `cli policy preset CITY YYYY-MM` prints one as a policies file (SPEC §8).
 *
 * NO UNSOURCED FIGURE SHIPS. A preset enters POLICY_PRESETS only when every
 * value carries a complete Source (notice title, issuing body, number, date,
 * address where it was read); `unsourcedFields` is the check, and a test runs
 * it over every shipped preset. See docs/decisions/0011 for which cities are
 * in and why the others are not (yet).
 */
import { toCsv } from "../../shared/csv";
import { yuanPlain } from "../money";
import type { BaseRule, Fen, Insurance, Month, Side } from "../types";
import { INSURANCES, SIDES } from "../types";
import { isCompleteSource, type Source } from "./source";

export interface Sourced<T> {
  value: T;
  source: Source;
}

export type RateField = `${Insurance}_${Side}`;
export const PRESET_RATE_FIELDS = INSURANCES.flatMap((i) => SIDES.map((s) => `${i}_${s}` as RateField));

export interface PolicyPreset {
  /** The city in pinyin, lower case: the region it is written for (`shanghai`). */
  city: string;
  /** The city's name in Chinese, for the form. */
  cityZh: string;
  /** The first month the figures apply to. */
  effectiveFrom: Month;
  baseFloor: Sourced<Fen>;
  baseCap: Sourced<Fen>;
  /** Each rate as the import writes it: terms joined by `+` (`8.5%+0.5%`, `2%+¥3.00`). */
  rates: Record<RateField, Sourced<string>>;
  /** `1`…`31` or `last`. */
  dueDay: Sourced<string>;
  dueMonthOffset: Sourced<0 | 1>;
  baseRule?: Sourced<BaseRule>;
  baseYearStart?: Sourced<number>;
  /** Per-insurance floors and caps, only where the city sets them. */
  bounds?: Partial<Record<Insurance, { floor?: Sourced<Fen>; cap?: Sourced<Fen> }>>;
}

/**
 * The shipped presets. Empty for now: the published notices of the cities'
 * contribution bases could not be read from this workplace (see ADR 0011), and
 * a figure without its notice does not ship.
 */
export const POLICY_PRESETS: readonly PolicyPreset[] = [];

/** Every sourced value of a preset, named by its policy field. */
export function presetValues(p: PolicyPreset): { field: string; value: string; source: Source | undefined }[] {
  const out: { field: string; value: string; source: Source | undefined }[] = [
    { field: "base_floor", value: yuanPlain(p.baseFloor.value), source: p.baseFloor.source },
    { field: "base_cap", value: yuanPlain(p.baseCap.value), source: p.baseCap.source },
    ...PRESET_RATE_FIELDS.map((f) => ({ field: f, value: p.rates[f].value, source: p.rates[f].source })),
    { field: "due_day", value: p.dueDay.value, source: p.dueDay.source },
    { field: "due_month_offset", value: String(p.dueMonthOffset.value), source: p.dueMonthOffset.source },
  ];
  if (p.baseRule) out.push({ field: "base_rule", value: p.baseRule.value, source: p.baseRule.source });
  if (p.baseYearStart) out.push({ field: "base_year_start", value: String(p.baseYearStart.value), source: p.baseYearStart.source });
  for (const i of INSURANCES) {
    const b = p.bounds?.[i];
    if (b?.floor) out.push({ field: `${i}_base_floor`, value: yuanPlain(b.floor.value), source: b.floor.source });
    if (b?.cap) out.push({ field: `${i}_base_cap`, value: yuanPlain(b.cap.value), source: b.cap.source });
  }
  return out;
}

/** The fields of a preset whose source is missing or incomplete (empty = the preset may ship). */
export function unsourcedFields(p: PolicyPreset): string[] {
  return presetValues(p)
    .filter((v) => !isCompleteSource(v.source))
    .map((v) => v.field);
}

/** The distinct sources of a preset, in the order first used. */
export function presetSources(p: PolicyPreset): Source[] {
  const seen = new Map<string, Source>();
  for (const v of presetValues(p)) if (v.source && !seen.has(v.source.readAt + v.source.title)) seen.set(v.source.readAt + v.source.title, v.source);
  return [...seen.values()];
}

export function presetCities(presets: readonly PolicyPreset[] = POLICY_PRESETS): string[] {
  return [...new Set(presets.map((p) => p.city))].sort();
}

/** The preset of a city in force for a month: the latest `effectiveFrom ≤ month`. */
export function findPreset(city: string, month: Month, presets: readonly PolicyPreset[] = POLICY_PRESETS): PolicyPreset | undefined {
  return presets
    .filter((p) => p.city === city.trim().toLowerCase() && p.effectiveFrom <= month)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}

const REQUIRED_POLICY_COLUMNS = [
  "region",
  "effective_from",
  "base_floor",
  "base_cap",
  ...PRESET_RATE_FIELDS,
  "rounding_unit",
  "rounding_mode",
  "due_day",
  "due_month_offset",
  "late_fee_ppm_per_day",
] as const;

/**
 * A policies file of SPEC §8 for a preset: the required header plus the
 * optional columns the preset uses, and one row, region = the city. Rounding
 * and late fee are left empty (SPEC §8 defaults: fen, half_up, 500 ppm).
 */
export function presetCsv(p: PolicyPreset): string {
  const values = new Map(presetValues(p).map((v) => [v.field, v.value]));
  values.set("region", p.city);
  values.set("effective_from", p.effectiveFrom);
  const optional = presetValues(p)
    .map((v) => v.field)
    .filter((f) => !(REQUIRED_POLICY_COLUMNS as readonly string[]).includes(f));
  const header = [...REQUIRED_POLICY_COLUMNS, ...optional];
  return toCsv([header, header.map((c) => values.get(c) ?? "")]);
}

/** Per-insurance bounds as the policy form posts them: `pensionBaseFloor`, `workInjuryBaseCap`, … */
export function boundField(i: Insurance, which: "floor" | "cap"): string {
  return `${i.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())}Base${which === "floor" ? "Floor" : "Cap"}`;
}

/** The policy form's field values for a preset (names as the form posts them). */
export function presetFormValues(p: PolicyPreset): Record<string, string> {
  const out: Record<string, string> = {
    region: p.city,
    effectiveFrom: p.effectiveFrom,
    baseFloor: yuanPlain(p.baseFloor.value),
    baseCap: yuanPlain(p.baseCap.value),
    dueDay: p.dueDay.value,
    dueMonthOffset: String(p.dueMonthOffset.value),
  };
  for (const f of PRESET_RATE_FIELDS) out[f] = p.rates[f].value;
  if (p.baseRule) out.baseRule = p.baseRule.value;
  if (p.baseYearStart) out.baseYearStart = String(p.baseYearStart.value);
  for (const i of INSURANCES) {
    const b = p.bounds?.[i];
    if (b?.floor) out[boundField(i, "floor")] = yuanPlain(b.floor.value);
    if (b?.cap) out[boundField(i, "cap")] = yuanPlain(b.cap.value);
  }
  return out;
}
