import { beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { auditLog, nonWorkingDays, registrations } from "../../db/schema";
import { createEmployee } from "~/models/employee.server";
import { saveEmployer } from "~/models/employer.server";
import { recordRegistration, registrationTracker } from "~/models/registration.server";
import { residentIdCheckChar, usccCheckChar } from "~/rules/identity";

const actor = { userId: 7, label: "hr@example.com" };
const ID17 = "11010519491231002";
const USCC17 = "91350100M000100Y4";

describe("registration tracker", () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestDatabase();
    await saveEmployer(db, actor, null, { code: "ACME", name: "Acme", uscc: USCC17 + usccCheckChar(USCC17), region: "sample-city" });
    const r = await createEmployee(db, actor, {
      employeeNo: "E001",
      name: "张三",
      idNumber: ID17 + residentIdCheckChar(ID17),
      employerId: "1",
      hireDate: "2026-01-10",
      monthlyWage: "8000",
    });
    expect(r.ok).toBe(true);
  });

  it("follows the worked example of SPEC §9.5", async () => {
    const row = async (asOf: string) => (await registrationTracker(db, asOf, "", 1)).rows[0]!;
    expect(await row("2026-02-02")).toMatchObject({ deadline: "2026-02-09", finding: { rule: "ART58_REGISTRATION_DUE_SOON", days: 7 } });
    expect((await row("2026-02-09")).finding).toMatchObject({ rule: "ART58_REGISTRATION_DUE_SOON", days: 0 });
    expect((await row("2026-02-10")).finding).toMatchObject({ rule: "ART58_UNREGISTERED", days: 1 });
    expect((await recordRegistration(db, actor, { employeeId: "1", intent: "applied", date: "2026-02-12" })).ok).toBe(true);
    expect((await recordRegistration(db, actor, { employeeId: "1", intent: "registered", date: "2026-02-20" })).ok).toBe(true);
    expect((await row("2026-03-01")).finding).toMatchObject({ rule: "ART58_LATE_REGISTRATION", status: "closed", days: 3 });
    // An application dated after D does not exist yet.
    expect((await row("2026-02-11")).finding).toMatchObject({ rule: "ART58_UNREGISTERED", days: 2 });
    expect((await registrationTracker(db, "2026-01-09", "", 1)).total).toBe(0);
  });

  it("rolls the deadline past the region's non-working days", async () => {
    await db.insert(nonWorkingDays).values([{ region: "sample-city", date: "2026-02-09" }, { region: "sample-city", date: "2026-02-10" }]).run();
    expect((await registrationTracker(db, "2026-02-01", "", 1)).rows[0]!.deadline).toBe("2026-02-11");
  });

  it("filters by finding", async () => {
    expect((await registrationTracker(db, "2026-02-10", "ART58_UNREGISTERED", 1)).total).toBe(1);
    expect((await registrationTracker(db, "2026-02-10", "none", 1)).total).toBe(0);
    expect((await registrationTracker(db, "2026-01-20", "none", 1)).total).toBe(1);
  });

  it("keeps registered_on on or after applied_on, and changes nothing when refused", async () => {
    expect((await recordRegistration(db, actor, { employeeId: "1", intent: "applied", date: "2026-02-05" })).ok).toBe(true);
    const before = (await db.select().from(auditLog).all()).length;
    const early = await recordRegistration(db, actor, { employeeId: "1", intent: "registered", date: "2026-02-04" });
    expect(early).toEqual({ ok: false, errors: { registeredOn: { code: "beforeApplied", detail: "2026-02-05" } } });
    expect((await recordRegistration(db, actor, { employeeId: "1", intent: "registered", date: "2026-02-05" })).ok).toBe(true);
    const late = await recordRegistration(db, actor, { employeeId: "1", intent: "applied", date: "2026-02-06" });
    expect(late.ok).toBe(false);
    expect(await db.select().from(registrations).all()).toEqual([{ employeeId: 1, appliedOn: "2026-02-05", registeredOn: "2026-02-05", terminationReportedOn: null, employerId: 1 }]);
    expect((await db.select().from(auditLog).all()).length).toBe(before + 1);
    const bad = await recordRegistration(db, actor, { employeeId: "1", intent: "applied", date: "2026-02-30" });
    expect(!bad.ok && bad.errors.date?.code).toBe("invalidDate");
    expect(await recordRegistration(db, actor, { employeeId: "99", intent: "applied", date: "2026-02-03" })).toEqual({
      ok: false,
      errors: { form: { code: "notFound" } },
    });
  });
});
