/**
 * Issue 21 item 8, the rest: the dashboard's annual-turn notices, mail counts,
 * today list and set-up checklist, and the statements page's dispute queue,
 * each given an account's employer codes, hold only those employers' (and the
 * unlimited call still holds every employer's: the checks can fail).
 */
import { describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { seedDemo } from "../../db/seed/demo";
import { annualTurnNotices, cachedTurnNotices } from "~/models/annual-base.server";
import { todayList } from "~/models/evaluation.server";
import { setupState } from "~/models/setup.server";
import { mailAttention, openDisputes } from "~/models/statement-mail.server";
import { monthOf } from "~/rules/dates";
import { residentIdCheckChar, usccCheckChar } from "~/rules/identity";
import { load, POLICY_HEADER } from "./workflows-fixture";
import { rawSql } from "../helpers/raw-sql";

const TODAY = "2026-06-20";
const NOW = new Date(`${TODAY}T04:00:00Z`);

async function demo(): Promise<Db> {
  const db = await openTestDatabase();
  await seedDemo(db, { today: TODAY, hash: async () => "x" });
  return db;
}

/** One open dispute and one message sent 30 days ago, still unopened, for the latest statement of each employer. */
async function disputeAndUnopenedMail(db: Db): Promise<void> {
  const c = rawSql(db);
  const long = new Date(NOW.getTime() - 30 * 86_400_000).toISOString();
  for (const code of ["SH01", "BJ01"]) {
    const s = (await c.prepare("SELECT s.id, s.employer_id FROM statements s JOIN employers e ON e.id = s.employer_id WHERE e.code = ? ORDER BY s.id DESC LIMIT 1").get<{ id: number; employer_id: number }>(code))!;
    await c.prepare("UPDATE statements SET first_viewed_at = NULL WHERE id = ?").run(s.id);
    await c.prepare("INSERT INTO statement_responses (employer_id, statement_id, kind, reason, at, via, dispute_state) VALUES (?, ?, 'disputed', ?, ?, 'link', 'open')").run(s.employer_id, s.id, `dispute ${code}`, long);
    await c.prepare("INSERT INTO mail_outbox (kind, dedupe_key, employer_id, statement_id, address, state, next_attempt_at, sent_at) VALUES ('statement', ?, ?, ?, 'x@example.com', 'sent', ?, ?)").run(`t:${s.id}`, s.employer_id, s.id, long, long);
  }
}

describe("the dashboard and the dispute queue of a limited account", () => {
  it("mail counts and the dispute queue count only the account's employers", async () => {
    const db = await demo();
    const before = await mailAttention(db, NOW);
    await disputeAndUnopenedMail(db);
    const all = await mailAttention(db, NOW);
    expect(all).toEqual({ unopened: before.unopened + 2, openDisputes: before.openDisputes + 2 });
    expect(await mailAttention(db, NOW, ["SH01"])).toEqual({ unopened: 1, openDisputes: 1 });
    expect(await mailAttention(db, NOW, ["BJ01"])).toEqual({ unopened: 1, openDisputes: 1 });
    expect((await openDisputes(db)).map((d) => d.employerCode).sort()).toEqual(["BJ01", "SH01"]);
    expect((await openDisputes(db, ["SH01"])).map((d) => d.reason)).toEqual(["dispute SH01"]);
  });

  it("the today list and the set-up checklist hold only the account's employers", async () => {
    const db = await demo();
    const all = await todayList(db, TODAY, null);
    expect(new Set(all.map((a) => a.employerCode))).toEqual(new Set(["SH01", "BJ01"]));
    const mine = await todayList(db, TODAY, null, ["SH01"]);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.employerCode === "SH01")).toBe(true);
    expect(mine).toEqual(await todayList(db, TODAY, "SH01"));
    expect((await setupState(db, monthOf(TODAY), null)).employerCount).toBe(2);
    const checklist = await setupState(db, monthOf(TODAY), null, ["SH01"]);
    expect(checklist.employerCount).toBe(1);
    expect(checklist).toEqual(await setupState(db, monthOf(TODAY), "SH01"));
    // A chosen employer outside the codes is not shown either.
    expect((await setupState(db, monthOf(TODAY), "BJ01", ["SH01"])).employerCount).toBe(0);
  });

  it("the annual-turn notice names only the account's employers, cached apart from the unlimited one", async () => {
    const db = await openTestDatabase();
    const uscc = (s: string) => s + usccCheckChar(s);
    await load(db, "employers", `code,name,uscc,region\nGZ,Guangzhou Co,${uscc("91350100M000100Y4")},gz-city\nGZ2,Guangzhou Two,${uscc("91350100M000200Y4")},gz-city\n`);
    await load(db, "policies", `${POLICY_HEADER},base_rule,base_year_start,medical_base_floor\ngz-city,2024-01,4000.00,20000.00,16%,8%,8%,2%,0.5%,0.5%,0.2%,0%,0%,0%,fen,half_up,15,0,500,annual,7,5500.00\n`);
    const id = (seq: string) => `11010519900101${seq}` + residentIdCheckChar(`11010519900101${seq}`);
    await load(
      db,
      "employees",
      `employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage\nE1,张三,,${id("001")},GZ,2024-01-02,,,,6000.00\nF1,李四,,${id("002")},GZ2,2024-01-02,,,,7000.00\n`,
    );
    expect((await annualTurnNotices(db, "2026-05-02")).map((n) => n.employerCode)).toEqual(["GZ", "GZ2"]);
    expect((await annualTurnNotices(db, "2026-05-02", null, ["GZ2"])).map((n) => n.employerCode)).toEqual(["GZ2"]);
    expect(await annualTurnNotices(db, "2026-05-02", "GZ", ["GZ2"])).toEqual([]);
    expect((await cachedTurnNotices(db, "2026-05-02", null, ["GZ"])).map((n) => n.employerCode)).toEqual(["GZ"]);
    expect((await cachedTurnNotices(db, "2026-05-02", null)).map((n) => n.employerCode)).toEqual(["GZ", "GZ2"]);
    expect((await cachedTurnNotices(db, "2026-05-02", null, ["GZ2"])).map((n) => n.employerCode)).toEqual(["GZ2"]);
  });
});
