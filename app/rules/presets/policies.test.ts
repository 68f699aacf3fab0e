import { describe, expect, it } from "vitest";
import { parseCsv } from "~/shared/csv";
import { IMPORT_COLUMNS, REQUIRED_COLUMNS } from "~/shared/import-formats";
import { findPreset, POLICY_PRESETS, presetCsv, presetFormValues, presetSources, unsourcedFields } from "./policies";
import { SAMPLE_PRESET } from "./preset-test-fixtures";

describe("policy presets", () => {
  it("every shipped preset value has a complete source", () => {
    for (const p of POLICY_PRESETS) expect(unsourcedFields(p), `${p.city} ${p.effectiveFrom}`).toEqual([]);
  });

  it("the source check catches a value without one, or with an incomplete one", () => {
    expect(unsourcedFields(SAMPLE_PRESET)).toEqual([]);
    const noAddress = { ...SAMPLE_PRESET, baseCap: { value: 1, source: { ...SAMPLE_PRESET.baseFloor.source, readAt: "" } } };
    expect(unsourcedFields(noAddress)).toEqual(["base_cap"]);
    const noSource = { ...SAMPLE_PRESET, bounds: { medical: { cap: { value: 1 } as never } } };
    expect(unsourcedFields(noSource)).toEqual(["medical_base_cap"]);
    expect(presetSources(SAMPLE_PRESET)).toEqual([SAMPLE_PRESET.baseFloor.source]);
  });

  it("writes a policies file of SPEC §8: the required columns, the optional ones it uses, one row with region = the city", () => {
    const { header, rows } = parseCsv(presetCsv(SAMPLE_PRESET));
    expect(header.slice(0, REQUIRED_COLUMNS.policies.length)).toEqual([...REQUIRED_COLUMNS.policies]);
    for (const c of header) expect(IMPORT_COLUMNS.policies).toContain(c);
    expect(header).toContain("medical_base_floor");
    expect(header).not.toContain("medical_base_cap");
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(header.map((h, i) => [h, rows[0]!.cells[i]]));
    expect(row).toMatchObject({ region: "sample-city", effective_from: "2024-07", base_floor: "4000.00", medical_employer: "8.5%+0.5%", medical_employee: "2%+¥3.00", base_rule: "annual", medical_base_floor: "5000.00", rounding_unit: "" });
  });

  it("finds the version in force for a month, and fills the form", () => {
    expect(findPreset("Sample-City", "2024-09", [SAMPLE_PRESET])).toBe(SAMPLE_PRESET);
    expect(findPreset("sample-city", "2024-06", [SAMPLE_PRESET])).toBeUndefined();
    expect(presetFormValues(SAMPLE_PRESET)).toMatchObject({ baseFloor: "4000.00", medicalBaseFloor: "5000.00", baseYearStart: "7", medical_employer: "8.5%+0.5%" });
  });
});
