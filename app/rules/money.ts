/**
 * Integer money (fen) and rates (ppm): parsing, formatting and the rounding of
 * SPEC §3. No floating point ever touches an amount.
 */
import type { Fen, Ppm, Rate, RateTerm, RoundingMode, RoundingUnit } from "./types";

export const UNIT_FEN: Record<RoundingUnit, number> = { fen: 1, jiao: 10, yuan: 100 };

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * `round(base × ppm / 1 000 000)` to the unit, in integers (SPEC §3):
 * half_up: floor((B·ppm + 500000·u) / (1000000·u))·u; up: ceil(B·ppm / (1000000·u))·u.
 * Falls back to BigInt where the product would exceed 2^53.
 */
export function roundPpm(base: Fen, ppm: Ppm, unit: RoundingUnit = "fen", mode: RoundingMode = "half_up"): Fen {
  const u = UNIT_FEN[unit];
  const product = base * ppm;
  const div = 1_000_000 * u;
  if (Math.abs(product) + 500_000 * u < SAFE) {
    if (mode === "half_up") return Math.floor((product + 500_000 * u) / div) * u;
    return Math.ceil(product / div) * u;
  }
  const p = BigInt(base) * BigInt(ppm);
  const d = BigInt(div);
  if (mode === "half_up") return Number(floorDiv(p + BigInt(500_000 * u), d)) * u;
  return Number(-floorDiv(-p, d)) * u;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** `round_half_up(n × ppm / 1 000 000)` to the fen, for late fees (SPEC §5). */
export function lateFeeOf(n: number, ppmPerDay: Ppm): Fen {
  return roundPpm(n, ppmPerDay, "fen", "half_up");
}

/** The amount of one rate on one base: the sum of its rounded percentage terms and its fixed terms. */
export function rateAmount(base: Fen, rate: Rate, unit: RoundingUnit, mode: RoundingMode): Fen {
  let sum = 0;
  for (const term of rate) sum += term.kind === "pct" ? roundPpm(base, term.ppm, unit, mode) : term.fen;
  return sum;
}

// ---------- parsing ----------

const AMOUNT_RE = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Yuan text (`1234.56`, `1,234.56` is refused) → fen; null when it does not parse, is negative or has more than two decimals. */
export function parseYuan(text: string): Fen | null {
  const m = AMOUNT_RE.exec(text.trim());
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return Number.isSafeInteger(fen) ? fen : null;
}

const PERCENT_RE = /^(\d{1,3})(?:\.(\d{1,4}))?%?$/;

/** `16%`, `0.16%` or `16` (percent) → ppm; null when it does not parse, exceeds 100 % or has more than four decimals. */
export function parsePercent(text: string): Ppm | null {
  const s = text.trim();
  const m = PERCENT_RE.exec(s);
  if (!m) return null;
  const ppm = Number(m[1]) * 10_000 + Number((m[2] ?? "").padEnd(4, "0"));
  return ppm <= 1_000_000 ? ppm : null;
}

/** A failure has the English `reason` and, for the web, a code (`problems.rate.*`) with its parameters. */
/**
 * Why a rate cell does not parse: the codes are defined here, with the rule,
 * and the catalogs (locales/areas/i18n-errors.*.ts, `problems.rate.*`) are
 * typed against them.
 */
export const RATE_ERROR_CODES = ["required", "emptyTerm", "badFixed", "notTerm", "badPercent", "over100"] as const;
export type RateErrorCode = (typeof RATE_ERROR_CODES)[number];

export type RateParse = { ok: true; rate: Rate } | { ok: false; reason: string; code: RateErrorCode; params: Record<string, string> };

function rateFailure(code: RateErrorCode, reason: string, params: Record<string, string> = {}): RateParse {
  return { ok: false, reason, code, params };
}

/** A rate cell: terms joined by `+`, each a percentage or a fixed yuan amount marked `¥` (SPEC §8). */
export function parseRate(text: string): RateParse {
  const s = text.trim();
  if (s === "") return rateFailure("required", "is required");
  const terms: RateTerm[] = [];
  let pctSum = 0;
  for (const raw of s.split("+")) {
    const part = raw.trim();
    if (part === "") return rateFailure("emptyTerm", `has an empty term in "${s}"`, { rate: s });
    if (part.startsWith("¥") || part.startsWith("￥")) {
      const fen = parseYuan(part.slice(1));
      if (fen === null) return rateFailure("badFixed", `fixed term "${part}" is not an amount in yuan with at most two decimals`, { term: part });
      terms.push({ kind: "fixed", fen });
    } else {
      if (!/^[\d.]+%?$/.test(part)) return rateFailure("notTerm", `term "${part}" is not a percentage (16%) or a fixed amount (¥3.00)`, { term: part });
      const ppm = parsePercent(part);
      if (ppm === null) return rateFailure("badPercent", `percentage "${part}" must be 0–100 % with at most four decimals`, { term: part });
      pctSum += ppm;
      terms.push({ kind: "pct", ppm });
    }
  }
  if (pctSum > 1_000_000) return rateFailure("over100", `percentages add up to more than 100 %`);
  return { ok: true, rate: terms };
}

/** True when the rate is zero (no fixed amount, every percentage 0). */
export function isZeroRate(rate: Rate): boolean {
  return rate.every((t) => (t.kind === "pct" ? t.ppm === 0 : t.fen === 0));
}

// ---------- formatting ----------

/** fen → `1234.56` (CSV: yuan, two decimals, `.`, no grouping). */
export function yuanPlain(fen: Fen): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const s = `${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
  return neg ? `-${s}` : s;
}

/** fen → `¥1,234.56`. */
export function yuanDisplay(fen: Fen): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const whole = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}¥${whole}.${String(a % 100).padStart(2, "0")}`;
}

/** ppm → `16%`, `0.5%`, `0.0125%`. */
export function percentText(ppm: Ppm): string {
  const whole = Math.floor(ppm / 10_000);
  const frac = String(ppm % 10_000).padStart(4, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}%` : `${whole}%`;
}

/** A rate as text, every term: `8.5% + 0.5%`, `2% + ¥3.00`. */
export function rateText(rate: Rate, sep = " + "): string {
  if (rate.length === 0) return "0%";
  return rate.map((t) => (t.kind === "pct" ? percentText(t.ppm) : `¥${yuanPlain(t.fen)}`)).join(sep);
}
