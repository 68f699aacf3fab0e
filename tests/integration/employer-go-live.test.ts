/** The go-live month on the employer form: stored on creation, a change needs a confirmation that names it. */
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/test-db";
import { getEmployer, saveEmployer } from "~/models/employer.server";
import { ACTOR, count } from "./workflows-fixture";

const FORM = { code: "SH01", name: "上海申宝贸易有限公司", uscc: "91310000MA1FL8TQ36", region: "shanghai" };

describe("the go-live month", () => {
  it("is stored when the employer is created; empty means every month", async () => {
    const db = await openTestDatabase();
    const r = await saveEmployer(db, ACTOR, null, { ...FORM, trackingFrom: "2026-12" });
    expect(r.ok).toBe(true);
    expect(await getEmployer(db, (r as { value: number }).value)).toMatchObject({ trackingFrom: "2026-12" });
    const r2 = await saveEmployer(db, ACTOR, null, { ...FORM, code: "BJ01", region: "beijing", trackingFrom: "" });
    expect(await getEmployer(db, (r2 as { value: number }).value)).toMatchObject({ trackingFrom: null });
    expect(await saveEmployer(db, ACTOR, null, { ...FORM, code: "X", trackingFrom: "2026-13" })).toMatchObject({ ok: false, errors: { trackingFrom: { code: "invalidMonth" } } });
  });

  it("a change needs confirmTracking, whose detail says from what to what; nothing is written without it", async () => {
    const db = await openTestDatabase();
    const id = ((await saveEmployer(db, ACTOR, null, { ...FORM, trackingFrom: "2026-12" })) as { value: number }).value;
    const audit0 = await count(db, "audit_log");
    expect(await saveEmployer(db, ACTOR, id, { ...FORM, trackingFrom: "2026-06" })).toEqual({ ok: false, errors: { trackingFrom: { code: "confirmTracking", detail: "2026-12→2026-06" } } });
    expect(await saveEmployer(db, ACTOR, id, { ...FORM, trackingFrom: "" })).toMatchObject({ errors: { trackingFrom: { detail: "2026-12→none" } } });
    expect(await count(db, "audit_log")).toBe(audit0);
    // Same month: no confirmation.
    expect((await saveEmployer(db, ACTOR, id, { ...FORM, name: "新名称", trackingFrom: "2026-12" })).ok).toBe(true);
    expect((await saveEmployer(db, ACTOR, id, { ...FORM, trackingFrom: "2026-06", confirmTracking: "on" })).ok).toBe(true);
    expect(await getEmployer(db, id)).toMatchObject({ trackingFrom: "2026-06" });
  });
});
