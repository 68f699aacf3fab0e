/**
 * SPEC §1 and §3: money is integer fen, rates integer ppm; a percentage term is
 * rounded on its own — to unit u, half_up: floor((B·ppm + 500000·u) / (1000000·u))·u,
 * up: ceil(B·ppm / (1000000·u))·u — and fixed terms are never rounded.
 */
import { describe, expect, it } from "vitest";
import {
  isZeroRate,
  lateFeeOf,
  parsePercent,
  parseRate,
  parseYuan,
  percentText,
  rateAmount,
  rateText,
  roundPpm,
  yuanDisplay,
  yuanPlain,
} from "./money";
import type { Rate, RoundingMode, RoundingUnit } from "./types";

describe("rounding one percentage term", () => {
  it.each<[string, number, number, RoundingUnit, RoundingMode, number]>([
    // example 1 / 4
    ["pension employer on ¥8,000.00", 800_000, 160_000, "fen", "half_up", 128_000],
    ["example 4: 133333.28 rounds down", 833_333, 160_000, "fen", "half_up", 133_333],
    ["example 4: 4166.665 rounds half up", 833_333, 5_000, "fen", "half_up", 4_167],
    ["just below half a fen", 1, 499_999, "fen", "half_up", 0],
    ["exactly half a fen", 1, 500_000, "fen", "half_up", 1],
    ["one and a half fen", 3, 500_000, "fen", "half_up", 2],
    ["a zero rate", 833_333, 0, "fen", "half_up", 0],
    ["a zero base", 0, 160_000, "fen", "up", 0],
    // up
    ["up: a millionth of a fen is a fen", 1, 1, "fen", "up", 1],
    ["up: an exact amount stays", 800_000, 160_000, "fen", "up", 128_000],
    ["up: 4166.665 → 4167", 833_333, 5_000, "fen", "up", 4_167],
    ["up: 133333.28 → 133334", 833_333, 160_000, "fen", "up", 133_334],
    // jiao
    ["example 7 up to the jiao: 92592.525 → 92600", 1_234_567, 75_000, "jiao", "up", 92_600],
    ["example 7 up to the jiao: 6172.835 → 6180", 1_234_567, 5_000, "jiao", "up", 6_180],
    ["half_up to the jiao: 92592.525 → 92590", 1_234_567, 75_000, "jiao", "half_up", 92_590],
    ["half_up to the jiao: 9.25 jiao → 930", 9_250, 100_000, "jiao", "half_up", 930],
    ["half_up to the jiao: 92.499 jiao → 920", 92_499, 10_000, "jiao", "half_up", 920],
    ["up to the jiao: exact jiao stays", 9_200, 100_000, "jiao", "up", 920],
    // yuan
    ["half_up to the yuan: ¥9.25 → ¥9", 9_250, 100_000, "yuan", "half_up", 900],
    ["half_up to the yuan: ¥9.50 → ¥10", 9_500, 100_000, "yuan", "half_up", 1_000],
    ["half_up to the yuan: ¥9.4999 → ¥9", 94_999, 10_000, "yuan", "half_up", 900],
    ["up to the yuan: ¥9.01 → ¥10", 9_010, 100_000, "yuan", "up", 1_000],
    ["up to the yuan: exact yuan stays", 10_000, 100_000, "yuan", "up", 1_000],
    // beyond 2^53 in the product (the BigInt path)
    ["a huge base at 100 %", 9_007_199_254_740, 1_000_000, "fen", "half_up", 9_007_199_254_740],
    ["a huge odd base at 50 %, half up", 9_007_199_254_741, 500_000, "fen", "half_up", 4_503_599_627_371],
    ["a huge odd base at 50 %, up", 9_007_199_254_741, 500_000, "fen", "up", 4_503_599_627_371],
    ["a huge base at 50 %, to the yuan", 9_007_199_254_741, 500_000, "yuan", "half_up", 4_503_599_627_400],
  ])("%s", (_story, base, ppm, unit, mode, expected) => {
    expect(roundPpm(base, ppm, unit, mode)).toBe(expected);
  });

  it("defaults to fen, half_up", () => {
    expect(roundPpm(833_333, 5_000)).toBe(4_167);
  });
});

describe("the late fee: round_half_up(N × ppm a day / 1 000 000) fen", () => {
  it.each([
    ["example 6: N = 1805600", 1_805_600, 500, 903],
    ["example 8 unpaid: N = 140800 × 11", 140_800 * 11, 500, 774],
    ["example 8 late-paid: N = 140800 × 17", 140_800 * 17, 500, 1_197],
    ["half a fen rounds up", 1_000, 500, 1],
    ["just under half a fen rounds down", 999, 500, 0],
    ["one and a half fen", 3_000, 500, 2],
    ["nothing late", 0, 500, 0],
    ["a doubled rate", 1_805_600, 1_000, 1_806],
  ])("%s → %i fen", (_story, n, ppm, fee) => {
    expect(lateFeeOf(n, ppm)).toBe(fee);
  });
});

describe("a rate of several terms: each percentage rounded on its own, fixed terms as they stand", () => {
  const shanghaiMedical: Rate = [
    { kind: "pct", ppm: 75_000 },
    { kind: "pct", ppm: 5_000 },
  ];
  const beijingMedical: Rate = [
    { kind: "pct", ppm: 20_000 },
    { kind: "fixed", fen: 300 },
  ];
  it.each<[string, Rate, number, RoundingUnit, RoundingMode, number]>([
    ["example 7: 7.5% + 0.5% = 92593 + 6173", shanghaiMedical, 1_234_567, "fen", "half_up", 98_766],
    ["one 8 % term would give 98765", [{ kind: "pct", ppm: 80_000 }], 1_234_567, "fen", "half_up", 98_765],
    ["example 7: 2% + ¥3.00 = 24691 + 300", beijingMedical, 1_234_567, "fen", "half_up", 24_991],
    ["example 7 up to the jiao: 92600 + 6180", shanghaiMedical, 1_234_567, "jiao", "up", 98_780],
    ["up to the jiao the ¥3.00 stays 300: 24700 + 300", beijingMedical, 1_234_567, "jiao", "up", 25_000],
    ["a fixed ¥3.01 is not rounded up to the yuan", [{ kind: "fixed", fen: 301 }], 1_234_567, "yuan", "up", 301],
    ["a fixed ¥3.01 is not rounded half up to the yuan", [{ kind: "fixed", fen: 301 }], 1_234_567, "yuan", "half_up", 301],
    ["a fixed term on a zero base is still charged whole", beijingMedical, 0, "fen", "half_up", 300],
    ["a fixed term does not scale with the base", beijingMedical, 2_000_000, "fen", "half_up", 40_300],
    ["no terms", [], 1_234_567, "fen", "half_up", 0],
  ])("%s", (_story, rate, base, unit, mode, expected) => {
    expect(rateAmount(base, rate, unit, mode)).toBe(expected);
  });

  it("a rate is zero only when every term is zero", () => {
    expect(isZeroRate([{ kind: "pct", ppm: 0 }])).toBe(true);
    expect(isZeroRate([])).toBe(true);
    expect(isZeroRate([{ kind: "pct", ppm: 0 }, { kind: "fixed", fen: 1 }])).toBe(false);
    expect(isZeroRate([{ kind: "pct", ppm: 1 }])).toBe(false);
  });
});

describe("reading amounts in yuan (at most two decimals, never negative, no grouping)", () => {
  it.each<[string, number | null]>([
    ["1234.56", 123_456],
    ["8000", 800_000],
    ["8000.00", 800_000],
    ["0.5", 50],
    ["0.05", 5],
    ["0", 0],
    [" 12.30 ", 1_230],
    ["1,234.56", null],
    ["-1.00", null],
    ["1.234", null],
    ["1.", null],
    [".5", null],
    ["¥3.00", null],
    ["", null],
    ["abc", null],
  ])("%j → %j", (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });
});

describe("reading percentages (16%, 0.16% or 16)", () => {
  it.each<[string, number | null]>([
    ["16%", 160_000],
    ["0.16%", 1_600],
    ["16", 160_000],
    ["8.5%", 85_000],
    ["0.0125%", 125],
    ["100%", 1_000_000],
    ["0%", 0],
    ["100.0001%", null],
    ["101%", null],
    ["0.00001%", null],
    ["-1%", null],
    ["", null],
  ])("%j → %j ppm", (text, ppm) => {
    expect(parsePercent(text)).toBe(ppm);
  });
});

describe("reading a rate cell: terms joined by +", () => {
  it.each<[string, Rate]>([
    ["16%", [{ kind: "pct", ppm: 160_000 }]],
    ["8.5%+0.5%", [{ kind: "pct", ppm: 85_000 }, { kind: "pct", ppm: 5_000 }]],
    ["7.5% + 0.5%", [{ kind: "pct", ppm: 75_000 }, { kind: "pct", ppm: 5_000 }]],
    ["2%+¥3.00", [{ kind: "pct", ppm: 20_000 }, { kind: "fixed", fen: 300 }]],
    ["¥3", [{ kind: "fixed", fen: 300 }]],
    ["60%+40%", [{ kind: "pct", ppm: 600_000 }, { kind: "pct", ppm: 400_000 }]],
  ])("%j is accepted", (text, rate) => {
    expect(parseRate(text)).toEqual({ ok: true, rate });
  });

  it.each([
    ["", "an empty cell"],
    ["8%+", "an empty term"],
    ["+8%", "an empty term"],
    ["60%+50%", "percentages adding up to more than 100 %"],
    ["$3.00", "an unknown mark"],
    ["¥3.001", "a fixed amount with three decimals"],
    ["¥-3", "a negative fixed amount"],
    ["8.12345%", "five decimals of a percent"],
    ["abc", "text"],
  ])("%j is refused (%s)", (text) => {
    const r = parseRate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).not.toBe("");
  });
});

describe("showing amounts", () => {
  it.each([
    [0, "0.00", "¥0.00"],
    [5, "0.05", "¥0.05"],
    [50, "0.50", "¥0.50"],
    [903, "9.03", "¥9.03"],
    [81_600, "816.00", "¥816.00"],
    [281_600, "2816.00", "¥2,816.00"],
    [123_456, "1234.56", "¥1,234.56"],
    [100_000_000, "1000000.00", "¥1,000,000.00"],
  ])("%i fen is %s in CSV and %s on screen", (fen, plain, display) => {
    expect(yuanPlain(fen)).toBe(plain);
    expect(yuanDisplay(fen)).toBe(display);
  });

  it.each([
    [160_000, "16%"],
    [85_000, "8.5%"],
    [5_000, "0.5%"],
    [125, "0.0125%"],
    [0, "0%"],
  ])("%i ppm is %s", (ppm, text) => {
    expect(percentText(ppm)).toBe(text);
  });

  it("names every term of a rate", () => {
    expect(rateText([{ kind: "pct", ppm: 20_000 }, { kind: "fixed", fen: 300 }])).toBe("2% + ¥3.00");
    expect(rateText([{ kind: "pct", ppm: 85_000 }, { kind: "pct", ppm: 5_000 }])).toBe("8.5% + 0.5%");
  });
});
