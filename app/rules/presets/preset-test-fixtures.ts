/** Test fixtures of the presets. */
import { PRESET_RATE_FIELDS, type PolicyPreset } from "./policies";
import type { Source } from "./source";

/** A made-up city: the shape of a preset, not a published figure (it never ships). */
export const NOTICE: Source = { title: "样例市关于2024年度社会保险缴费基数的通知", issuer: "样例市人力资源和社会保障局", number: "样人社发〔2024〕1号", date: "2024-06-28", readAt: "https://example.org/notice" };
export const SAMPLE_PRESET: PolicyPreset = {
  city: "sample-city",
  cityZh: "样例市",
  effectiveFrom: "2024-07",
  baseFloor: { value: 400_000, source: NOTICE },
  baseCap: { value: 2_000_000, source: NOTICE },
  rates: Object.fromEntries(
    PRESET_RATE_FIELDS.map((f) => [f, { value: f === "medical_employer" ? "8.5%+0.5%" : f === "medical_employee" ? "2%+¥3.00" : f.endsWith("_employee") && (f.startsWith("work_injury") || f.startsWith("maternity")) ? "0%" : "1%", source: NOTICE }]),
  ) as PolicyPreset["rates"],
  dueDay: { value: "15", source: NOTICE },
  dueMonthOffset: { value: 0, source: NOTICE },
  baseRule: { value: "annual", source: NOTICE },
  baseYearStart: { value: 7, source: NOTICE },
  bounds: { medical: { floor: { value: 500_000, source: NOTICE } } },
};

