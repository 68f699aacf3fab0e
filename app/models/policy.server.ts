/**
 * Policy versions per region (SPEC §2) and the regions' non-working days.
 * Rates are edited as text terms (`8.5%+0.5%`, `2%+¥3.00`) with the import's
 * rules; a version that reaches months already in force needs an explicit
 * confirmation. Every write is one immediate transaction with an audit entry.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { msg, PROBLEMS } from "~/shared/messages";
import type { Db } from "../../db/connection";
import { employers, nonWorkingDays, policies } from "../../db/schema";
import { audit, type Actor } from "./audit.server";
import { isValidDate } from "~/rules/dates";
import { isZeroRate, parseRate, parseYuan, rateText } from "~/rules/money";
import type { BaseRule, Insurance, InsuranceBounds, PolicyRates, Rate, Side } from "~/rules/types";
import { BASE_RULES, INSURANCES, SIDES } from "~/rules/types";
import { firstDayOf, lastDayOf } from "~/rules/dates";
import { boundField } from "~/rules/presets/policies";

export { boundField };
import { isoDate, isoMonth, policyMonth, requiredText, yuanAmount, fail, validate, type Result, optionalYuanAmount } from "~/shared/validation";
import { transaction } from "../../db/transaction";

export const RATE_FIELDS = INSURANCES.flatMap((i) => SIDES.map((s) => `${i}_${s}` as const));

export async function policyOverview(db: Db) {
  const versions = await db.select().from(policies).orderBy(asc(policies.region), desc(policies.effectiveFrom)).all();
  const days = await db.select().from(nonWorkingDays).orderBy(asc(nonWorkingDays.region), asc(nonWorkingDays.date)).all();
  const regions = new Set<string>([...(await db.selectDistinct({ r: employers.region }).from(employers).all()).map((r) => r.r), ...versions.map((v) => v.region), ...days.map((d) => d.region)]);
  return [...regions].sort().map((region) => ({
    region,
    versions: versions
      .filter((v) => v.region === region)
      .map((v) => ({
        id: v.id,
        effectiveFrom: v.effectiveFrom,
        baseFloor: v.baseFloor,
        baseCap: v.baseCap,
        rates: Object.fromEntries(RATE_FIELDS.map((f) => [f, rateText(rateOf(v.rates, f), "+")])) as Record<(typeof RATE_FIELDS)[number], string>,
        roundingUnit: v.roundingUnit,
        roundingMode: v.roundingMode,
        dueDay: v.dueDay,
        dueMonthOffset: v.dueMonthOffset,
        lateFeePpmPerDay: v.lateFeePpmPerDay,
        baseRule: v.baseRule,
        baseYearStart: v.baseYearStart,
        insuranceBounds: v.insuranceBounds,
        changeCutoffDay: v.changeCutoffDay,
      })),
    nonWorkingDays: days.filter((d) => d.region === region).map((d) => d.date),
  }));
}

function rateOf(rates: PolicyRates, field: string): Rate {
  const [ins, side] = splitField(field);
  return rates[ins][side];
}

function splitField(field: string): [Insurance, Side] {
  const side = field.endsWith("_employer") ? "employer" : "employee";
  return [field.slice(0, -(side.length + 1)) as Insurance, side];
}

const rateField = (employerOnly: boolean) =>
  z
    .string({ required_error: "required" })
    .trim()
    .min(1, "required")
    .max(100, "tooLong")
    .transform((v, ctx) => {
      const r = parseRate(v);
      if (!r.ok) {
        // `detail` in English; `detailMsg` for the page, in the reader's language.
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "badRate", params: { detail: r.reason, detailMsg: msg(`${PROBLEMS}.rate.${r.code}`, r.params) } });
        return z.NEVER;
      }
      if (employerOnly && !isZeroRate(r.rate)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "employeeRateNotZero" });
        return z.NEVER;
      }
      return r.rate;
    });

const BOUND_FIELDS = INSURANCES.flatMap((i) => [boundField(i, "floor"), boundField(i, "cap")]);

export const PolicyFormSchema = z
  .object({
    region: requiredText(50),
    effectiveFrom: policyMonth(),
    baseFloor: yuanAmount(),
    baseCap: yuanAmount(),
    ...Object.fromEntries(RATE_FIELDS.map((f) => [f, rateField(f === "work_injury_employee" || f === "maternity_employee")])),
    roundingUnit: z.enum(["fen", "jiao", "yuan"]).catch("fen"),
    roundingMode: z.enum(["half_up", "up"]).catch("half_up"),
    dueDay: requiredText(4)
      .transform((v) => v.toLowerCase())
      .refine((v) => v === "last" || (/^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 31), "badDueDay")
      .transform((v) => (v === "last" ? v : String(Number(v)))),
    dueMonthOffset: z.enum(["0", "1"]).catch("0").transform(Number),
    lateFeePpmPerDay: z
      .string()
      .trim()
      .optional()
      .default("500")
      .transform((v) => (v === "" ? "500" : v))
      .refine((v) => /^\d{1,7}$/.test(v) && Number(v) <= 1_000_000, "badLateFee")
      .transform(Number),
    /** The late fee as 万分之 a day (5 = 0.05 % = 500 ppm); when given it wins over lateFeePpmPerDay. */
    lateFeeWan: z
      .string()
      .trim()
      .optional()
      .default("")
      .refine((v) => v === "" || (/^\d{1,4}(\.\d{1,2})?$/.test(v) && Number(v) <= 10_000), "badLateFeeWan")
      .transform((v) => (v === "" ? null : Math.round(Number(v) * 100))),
    baseRule: z
      .string()
      .optional()
      .transform((v) => ((BASE_RULES as readonly string[]).includes(v ?? "") ? (v as BaseRule) : "wage")),
    baseYearStart: z
      .string()
      .trim()
      .optional()
      .default("")
      .refine((v) => v === "" || (/^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 12), "badBaseYearStart")
      .transform((v) => (v === "" ? 7 : Number(v))),
    changeCutoffDay: z
      .string()
      .trim()
      .optional()
      .default("")
      .refine((v) => v === "" || (/^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 31), "badCutoff")
      .transform((v) => (v === "" ? null : Number(v))),
    ...Object.fromEntries(BOUND_FIELDS.map((f) => [f, optionalYuanAmount()])),
    confirmPast: z.string().optional().transform((v) => v === "on" || v === "1" || v === "true"),
  })
  .superRefine((v, ctx) => {
    if (v.baseFloor > v.baseCap) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["baseFloor"], message: "floorAboveCap" });
    const b = v as unknown as Record<string, number | null>;
    for (const i of INSURANCES) {
      const floor = b[`${i}BaseFloor`] ?? v.baseFloor;
      const cap = b[`${i}BaseCap`] ?? v.baseCap;
      if (floor > cap) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [b[`${i}BaseFloor`] !== null ? `${i}BaseFloor` : `${i}BaseCap`], message: "boundFloorAboveCap" });
    }
  });


/** Bounds as given (only the non-empty ones). */
function boundsOf(v: Record<string, unknown>): InsuranceBounds {
  const out: InsuranceBounds = {};
  for (const i of INSURANCES) {
    const floor = v[boundField(i, "floor")] as number | null;
    const cap = v[boundField(i, "cap")] as number | null;
    if (floor !== null || cap !== null) out[i] = { ...(floor !== null ? { floor } : {}), ...(cap !== null ? { cap } : {}) };
  }
  return out;
}

/**
 * Does a version reaching back to `earliest` change a stored month? Yes when an
 * employer of the region has, in a month from `earliest` (and its go-live
 * month) to `currentMonth`, an employee on the roster or a declaration or
 * payment recorded: those months' figures and findings would change. A
 * version for a region with nothing in those months changes nothing stored and
 * needs no confirmation.
 */
export async function changesStoredMonths(db: Db, region: string, earliest: string, currentMonth: string): Promise<boolean> {
  if (earliest > currentMonth) return false;
  // max(a, b) <= x is written a <= x AND b <= x: the same on SQLite and PostgreSQL.
  const firstDay = firstDayOf(earliest);
  const row = await db.get(sql`
    SELECT 1 AS hit FROM employers r
     WHERE r.region = ${region}
       AND (
         EXISTS (SELECT 1 FROM employees e
                  WHERE e.employer_id = r.id
                    AND e.hire_date <= ${lastDayOf(currentMonth)}
                    AND (e.termination_date IS NULL
                         OR (e.termination_date >= ${firstDay} AND e.termination_date >= coalesce(r.tracking_from, '') || '-01')))
         OR EXISTS (SELECT 1 FROM declaration_lines d
                     WHERE d.employer_id = r.id AND d.period >= ${earliest} AND d.period >= coalesce(r.tracking_from, '') AND d.period <= ${currentMonth})
         OR EXISTS (SELECT 1 FROM payments p
                     WHERE p.employer_id = r.id AND p.period >= ${earliest} AND p.period >= coalesce(r.tracking_from, '') AND p.period <= ${currentMonth})
       )
       AND coalesce(r.tracking_from, '') <= ${currentMonth}
     LIMIT 1`);
  return row !== undefined;
}

/**
 * Create (id null) or edit a version. Where the version (before or after the
 * change) covers a month that has begun (`effective_from ≤ currentMonth`), it
 * needs `confirmPast`: past figures and reports change.
 */
export async function savePolicy(db: Db, actor: Actor, id: number | null, raw: unknown, currentMonth: string): Promise<Result> {
  const parsed = validate(PolicyFormSchema, raw);
  if (!parsed.ok) return parsed;
  const v = parsed.value as z.output<typeof PolicyFormSchema> & Record<string, Rate>;
  const rates = {} as PolicyRates;
  for (const f of RATE_FIELDS) {
    const [ins, side] = splitField(f);
    (rates[ins] ??= {} as Record<Side, Rate>)[side] = v[f]!;
  }
  const values = {
    region: v.region,
    effectiveFrom: v.effectiveFrom,
    baseFloor: v.baseFloor,
    baseCap: v.baseCap,
    rates,
    roundingUnit: v.roundingUnit,
    roundingMode: v.roundingMode,
    dueDay: v.dueDay,
    dueMonthOffset: v.dueMonthOffset,
    lateFeePpmPerDay: v.lateFeeWan ?? v.lateFeePpmPerDay,
    baseRule: v.baseRule,
    baseYearStart: v.baseYearStart,
    insuranceBounds: boundsOf(v as unknown as Record<string, unknown>),
    changeCutoffDay: v.changeCutoffDay,
  };
  return await transaction(db, async (tx): Promise<Result> => {
      let before: typeof policies.$inferSelect | undefined;
      if (id !== null) {
        before = await tx.select().from(policies).where(eq(policies.id, id)).get();
        if (!before) return fail("form", "notFound");
      }
      const clash = await tx
        .select({ id: policies.id })
        .from(policies)
        .where(and(eq(policies.region, values.region), eq(policies.effectiveFrom, values.effectiveFrom)))
        .get();
      if (clash && clash.id !== id) return fail("effectiveFrom", "policyExists");
      const earliest = before && before.effectiveFrom < values.effectiveFrom ? before.effectiveFrom : values.effectiveFrom;
      const regions = before && before.region !== values.region ? [before.region, values.region] : [values.region];
      if (!v.confirmPast) for (const r of regions) if (await changesStoredMonths(db, r, earliest, currentMonth)) return fail("confirmPast", "confirmPast", earliest);
      if (before) {
        const { id: _i, createdAt: _c, ...old } = before;
        await tx.update(policies).set(values).where(eq(policies.id, before.id)).run();
        await audit(tx, actor, { action: "update", entity: "policy", entityId: before.id, before: old, after: values });
        return { ok: true, value: before.id };
      }
      const row = await tx.insert(policies).values(values).returning({ id: policies.id }).get();
      await audit(tx, actor, { action: "create", entity: "policy", entityId: row.id, after: values });
      return { ok: true, value: row.id };
    },
  );
}

const DaysSchema = z.object({
  region: requiredText(50),
  dates: z
    .string()
    .optional()
    .default("")
    .transform((v) => v.split(/[\s,;]+/).filter((d) => d !== ""))
    .superRefine((ds, ctx) => {
      if (ds.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "noDates" });
      const bad = ds.find((d) => !isValidDate(d));
      if (bad) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "invalidDate", params: { detail: bad } });
    }),
});

/** Add one date or a pasted list; dates already there are left alone. Returns how many were added. */
export async function addNonWorkingDays(db: Db, actor: Actor, raw: unknown): Promise<Result> {
  const parsed = validate(DaysSchema, raw);
  if (!parsed.ok) return parsed;
  const { region, dates } = parsed.value;
  return await transaction(db, async (tx): Promise<Result> => {
      const have = new Set((await tx.select({ d: nonWorkingDays.date }).from(nonWorkingDays).where(eq(nonWorkingDays.region, region)).all()).map((r) => r.d));
      const added = [...new Set(dates)].filter((d) => !have.has(d)).sort();
      if (added.length > 0) {
        await tx.insert(nonWorkingDays).values(added.map((date) => ({ region, date }))).run();
        await audit(tx, actor, { action: "create", entity: "non_working_days", entityId: region, after: { dates: added } });
      }
      return { ok: true, value: added.length };
    },
  );
}

export async function removeNonWorkingDay(db: Db, actor: Actor, raw: unknown): Promise<Result> {
  const parsed = validate(z.object({ region: requiredText(50), date: isoDate() }), raw);
  if (!parsed.ok) return parsed;
  const { region, date } = parsed.value;
  return await transaction(db, async (tx): Promise<Result> => {
      const gone = await tx.delete(nonWorkingDays).where(and(eq(nonWorkingDays.region, region), eq(nonWorkingDays.date, date))).returning().all();
      if (gone.length === 0) return fail("form", "notFound");
      await audit(tx, actor, { action: "delete", entity: "non_working_days", entityId: region, before: { dates: [date] } });
      return { ok: true, value: 1 };
    },
  );
}
